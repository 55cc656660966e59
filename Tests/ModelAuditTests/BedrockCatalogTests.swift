import Foundation
import Testing
import Documents
import Diagnostics
import ManagedPolicy
import TestSupport
@testable import ModelAudit

/// Amazon Bedrock's `ListInferenceProfiles` answer read as a catalog: a profile is found
/// by its id or its ARN, and a foundation model id that is only reachable through a
/// profile gets that profile as its suggestion.
@Suite("Bedrock inference profiles")
struct BedrockCatalogTests {
    static let file = SharedData.projectRoot.appendingPathComponent("Tests/Fixtures/catalogs/bedrock-inference-profiles.json")

    @Test func profilesAreReadByIdAndArn() throws {
        let bytes = Array(try Data(contentsOf: Self.file))
        let catalog = try CatalogParser(spec: .detected).parse(bytes, provider: "bedrock")
        #expect(catalog.count == 3)
        #expect(catalog.sortedIDs == ["a1b2c3d4e5f6", "us.anthropic.claude-haiku-4-5-20251001-v1:0",
                                      "us.anthropic.claude-sonnet-4-5-20250929-v1:0"])
        let sonnet = try #require(catalog["us.anthropic.claude-sonnet-4-5-20250929-v1:0"])
        #expect(sonnet.name == "US Claude Sonnet 4.5")
        #expect(sonnet.routesTo == Array(repeating: "anthropic.claude-sonnet-4-5-20250929-v1:0", count: 3))
        let byArn = catalog["arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/a1b2c3d4e5f6"]
        #expect(byArn?.id == "a1b2c3d4e5f6")
        #expect(catalog.entries(routingTo: "anthropic.claude-opus-4-1-20250805-v1:0") == ["a1b2c3d4e5f6"])
        #expect(!catalog.contains("anthropic.claude-sonnet-4-5-20250929-v1:0"))
    }

    @Test func aPolicyOnBedrockIsAuditedAgainstTheProfiles() throws {
        let text = """
        inferenceProvider: bedrock
        inferenceBedrockRegion: us-east-1
        inferenceModels:
          - us.anthropic.claude-sonnet-4-5-20250929-v1:0
          - arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/a1b2c3d4e5f6
          - anthropic.claude-haiku-4-5-20251001-v1:0
        """
        let document = try DocumentLoader().parse(bytes: Array(text.utf8), format: .yaml, file: "managed.yaml")
        let policy = try #require(try PolicyLoader.bundled().policy(from: document).policy)
        let input = ModelAuditInput(policy: policy, catalogs: [("bedrock", Self.file.path)])
        let loader = CatalogLoader(fetcher: OfflineCatalogFetcher(), cache: nil, offline: true, now: { Date() })
        let report = ModelAuditStage(loader: loader).run(input)
        #expect(report.catalogs.map(\.provider) == ["bedrock"])
        #expect(report.findings.map(\.code) == ["model-missing"])
        let missing = try #require(report.findings.first)
        #expect(missing.message.contains("'anthropic.claude-haiku-4-5-20251001-v1:0'"))
        #expect(missing.location?.line == 6)
        // The profile that invokes the foundation model comes first.
        #expect(missing.hint?.hasPrefix("did you mean 'us.anthropic.claude-haiku-4-5-20251001-v1:0'") == true, "\(missing.hint ?? "")")
    }
}
