import Diagnostics
import Documents
import Foundation
import Testing
import TestSupport
@testable import OpenCowork

@Suite struct SecretScannerTests {
    // Assembled at run time so the repository itself holds no credential-shaped literal.
    static let anthropic = "sk-" + "ant-api03-" + "Xq7Lm2Pz9Rk4Tw8Vb1Nc6Hd3Jf5Gs0Ya"
    static let openrouter = "sk-" + "or-v1-" + "0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e"
    static let openai = "sk-" + "proj-" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4"
    static let aws = "AKIA" + "Z7Q4M2X9B3K8P1W5"
    static let github = "ghp" + "_" + "R8kV2mX4qT7nB1cJ9wL3pZ6yH0dF5gS2aE4u"
    static let bearer = "Bearer " + "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N"
    static let pem = "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----"

    @Test(arguments: [anthropic, openrouter, openai, aws, github, bearer, pem, "key=\(openai);", "token \(github) here"])
    func positives(_ text: String) {
        #expect(SecretScanner.detect(text) != nil, "\(text)")
    }

    @Test(arguments: ["sk-or-...", "sk-...", "sk-ant-...", "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxx", "Bearer {env:ACME_TELEMETRY_TOKEN}",
                      "{env:OPENROUTER_API_KEY}", "task-management-and-scheduling-skill", "AKIAEXAMPLE", "mask-0123456789abcdefghijklmnop",
                      "-----BEGIN PUBLIC KEY-----", "ghp_...", "Authorization: Bearer <token>", "https://openrouter.ai/api/v1/models"])
    func negatives(_ text: String) {
        #expect(SecretScanner.detect(text) == nil, "\(text)")
    }

    @Test func findingNamesFileAndLine() throws {
        let json = """
        {
          "providers": {
            "custom": {
              "acme": { "options": { "apiKey": "\(Self.openai)", "baseURL": "{env:ACME_URL}" } }
            }
          },
          "telemetry": { "headers": { "Authorization": "Bearer {env:ACME_TELEMETRY_TOKEN}" } }
        }
        """
        let findings = SecretScanner.scan(try RulesFixture.document(json, file: "config/providers.json"))
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.code == "secret-literal" && finding.severity == .error)
        #expect(finding.location?.file == "config/providers.json" && finding.location?.line == 4)
        #expect(finding.pointer == "/providers/custom/acme/options/apiKey")
        #expect(!finding.message.contains(Self.openai)) // never echo the secret
    }

    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"))
    func upstreamPlaceholdersAreNotSecrets() throws {
        for version in [SharedData.upstreamCurrent, SharedData.upstreamOlder] {
            let document = try DocumentLoader().load(path: version.appendingPathComponent("open-cowork.config.json").path)
            #expect(SecretScanner.scan(document).isEmpty)
            // Make sure the placeholders under test are really there.
            #expect(document.value["providers"]?["descriptors"]?["openrouter"]?["credentials"]?[0]?["placeholder"] == "sk-or-...")
        }
    }
}

@Suite struct RulesWaiversTests {
    static let findings = [
        Finding(.error, code: .linkInsecure, message: "http", pointer: "/branding/helpUrl"),
        Finding(.warning, code: .identitySharedAppId, message: "shared", pointer: "/branding/appId"),
        Finding(.error, code: .linkInsecure, message: "http 2", pointer: "/cloud/publicBranding/logoUrl"),
    ]

    @Test func matchingFindingsBecomeNotesWithTheReason() {
        let result = Waivers.apply(Self.findings, waivers: [(code: "link-insecure", pointer: "/branding", reason: "intranet only")])
        #expect(result.count == 3)
        #expect(result[0].severity == .note && result[0].message.contains("waived: intranet only"))
        #expect(result[1].severity == .warning && result[2].severity == .error)
        #expect(result.errorCount == 1)
    }

    @Test func waiverWithoutPointerCoversTheCode() {
        let result = Waivers.apply(Self.findings, waivers: [(code: "link-insecure", pointer: nil, reason: "lab build")])
        #expect(result.errorCount == 0 && result.warningCount == 1)
    }

    @Test func unusedWaiverIsReported() {
        let result = Waivers.apply(Self.findings, waivers: [
            (code: "secret-literal", pointer: "/x", reason: "old"),
            (code: "identity-shared-app-id", pointer: "/branding/appId/deeper", reason: "too narrow"),
        ])
        #expect(result.filter { $0.code == "waiver-unused" }.count == 2)
        #expect(result.filter { $0.code == "waiver-unused" }.allSatisfy { $0.severity == .warning })
        #expect(result.filter { $0.code != "waiver-unused" } == Self.findings)
    }
}
