import Foundation
import Testing
import Documents
import Diagnostics
import TestSupport
@testable import ModelAudit

/// The real upstream config against snapshot catalogs, and a catalog at scale.
@Suite("Model audit on real data")
struct ModelAuditUpstreamTests {
    /// Never used for network: every catalog here is a file.
    static let loader = CatalogLoader(fetcher: OfflineCatalogFetcher(), cache: nil, offline: true, now: { Date(timeIntervalSince1970: 0) })

    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"))
    func upstreamConfigAgainstSnapshotWithOneRetiredId() throws {
        let path = SharedData.upstreamCurrent.appendingPathComponent("open-cowork.config.json").path
        let document = try DocumentLoader().load(path: path, displayName: "open-cowork.config.json")
        let refs = ModelAudit.references(in: document.value)
        let featured = refs.filter { $0.kind == .featured && $0.provider == "openrouter" }.map(\.model)
        #expect(featured.count >= 2)

        // The config's own ids, minus one (retired) plus its successor and some noise.
        let retired = try #require(featured.first { $0.hasPrefix("anthropic/") } ?? featured.last)
        let live = featured.filter { $0 != retired } + [retired + ".5", "meta-llama/llama-4-maverick"]
        let snapshot = try TemporaryDirectory()
        defer { snapshot.remove() }
        let file = try snapshot.write("openrouter.json", CatalogFixtures.openRouter(ids: live))

        let input = ModelAuditInput(config: document.value, locateInConfig: ModelAuditInput.locator(for: document),
                                    catalogs: [("openrouter", file.path)])
        let report = ModelAuditStage(loader: Self.loader).run(input)
        let errors = report.findings.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(report.findings)")
        let miss = try #require(errors.first)
        #expect(miss.code == "model-missing")
        #expect(miss.message.contains("'\(retired)'"))
        #expect(miss.hint?.contains("'\(retired).5'") == true)
        // file:line of the id in the real file.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let expectedLine = text.components(separatedBy: "\n").firstIndex { $0.contains("\"id\": \"\(retired)\"") }.map { $0 + 1 }
        #expect(miss.location?.file == "open-cowork.config.json")
        #expect(miss.location?.line == expectedLine)
        #expect(report.catalogs.map(\.provider) == ["openrouter"])
        #expect(report.catalogs.first?.origin == .file)
        #expect(report.catalogs.first?.catalog.count == live.count)

        // The JSON report lists the catalog with its digest.
        let json = try JSONReader().read(report.json()).value
        #expect(json["catalogs"]?[0]?["source"]?.stringValue == file.path)
        #expect(json["catalogs"]?[0]?["sha256"]?.stringValue == report.catalogs.first?.sha256)
        #expect(json["summary"]?["errors"]?.numberValue?.intValue == 1)
    }

    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"))
    func upstreamConfigWithoutCatalogsOffline() throws {
        let path = SharedData.upstreamCurrent.appendingPathComponent("open-cowork.config.json").path
        let document = try DocumentLoader().load(path: path)
        let report = ModelAuditStage(loader: Self.loader).run(ModelAuditInput(config: document.value))
        // The openrouter dynamicCatalog cannot be reached offline without a cache.
        #expect(report.findings.map(\.code) == ["model-catalog-unavailable"])
        #expect(report.findings.first?.severity == .warning)
    }

    @Test func hundredThousandModelCatalog() throws {
        var models: [(id: String, context: Int?, expires: String?)] = (0..<100_000).map {
            ("vendor\($0 % 400)/family-\($0 % 1000)-v\($0)", 32_000 + $0, nil)
        }
        models.append(("anthropic/claude-sonnet-4.5", 1_000_000, nil))
        models.append(("openai/gpt-5.5", 400_000, "2026-01-01"))
        let body = CatalogFixtures.openRouter(models)
        let snapshot = try TemporaryDirectory()
        defer { snapshot.remove() }
        let file = try snapshot.write("big.json", body)

        let featured = ["vendor7/family-7-v7", "vendor399/family-999-v99999", "anthropic/claude-sonnet-4", "openai/gpt-5.5"]
        let config = CatalogFixtures.config(catalogURL: "https://example.invalid/models", featured: featured,
                                            defaultModel: "vendor7/family-7-v7")
        let document = try DocumentLoader().parse(bytes: Array(config.utf8), format: .json, file: "big-config.json")
        let input = ModelAuditInput(config: document.value, locateInConfig: ModelAuditInput.locator(for: document),
                                    catalogs: [("openrouter", file.path)])
        let report = ModelAuditStage(loader: Self.loader).run(input, options: ModelAuditOptions(releaseDate: "2026-03-01"))
        #expect(report.catalogs.first?.catalog.count == 100_002)
        #expect(report.findings.map(\.code) == ["model-missing", "model-expiring"])
        #expect(report.findings.first?.hint?.contains("anthropic/claude-sonnet-4.5") == true)
    }
}
