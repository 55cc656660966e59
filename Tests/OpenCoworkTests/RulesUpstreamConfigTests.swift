import Diagnostics
import Documents
import Foundation
import Testing
import TestSupport
@testable import OpenCowork

@Suite struct RulesUpstreamConfigTests {
    static let configs = [
        "upstream/open-cowork/ba16c71/open-cowork.config.json",
        "upstream/open-cowork/1092033b/open-cowork.config.json",
        "upstream/open-cowork/ba16c71/examples/example-org.config.json",
        "upstream/open-cowork/ba16c71/examples/hosted-byok.config.json",
        "upstream/open-cowork/ba16c71/examples/self-host-oss.config.json",
    ]

    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"), arguments: configs)
    func upstreamConfigsHaveNoErrors(_ relative: String) throws {
        let document = try DocumentLoader().load(path: SharedData.path(relative).path)
        let context = RulesContext(document: document, brandingRoots: [SharedData.upstreamCurrent.appendingPathComponent("branding")])
        let findings = Rules.check(context) + SecretScanner.scan(document)
        #expect(findings.errorCount == 0, "\(findings.filter { $0.severity == .error })")
        // The bundled config is upstream's own identity: nothing to warn about either.
        if relative.hasSuffix("/open-cowork.config.json") {
            #expect(findings.isEmpty, "\(findings)")
        }
    }

    /// The branding README's own example: the sample logo, found through the upstream
    /// branding root, passes every asset rule.
    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"))
    func upstreamSampleLogoPasses() throws {
        let context = try RulesFixture.context("""
        { "branding": { "name": "Acme Cowork", "appId": "com.acme.cowork", "projectNamespace": "acme",
          "sidebar": { "top": { "variant": "logo-text", "logoAsset": "branding/sample/sidebar-logo.svg" } } } }
        """, roots: [SharedData.upstreamCurrent.appendingPathComponent("branding")])
        let findings = Rules.check(context)
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test func threeIndependentMistakesGiveThreeFindings() throws {
        let json = """
        {
          "providers": {
            "available": ["openrouter"],
            "descriptors": { "openrouter": { "name": "OpenRouter", "models": [] } },
            "defaultProvider": "openroute"
          },
          "tools": [ { "id": "charts", "name": "Charts" } ],
          "agents": [ { "name": "analyst", "toolIds": ["chart"] } ],
          "permissions": { "bash": "always" }
        }
        """
        let findings = Rules.check(try RulesFixture.context(json))
        #expect(findings.map(\.code).sorted() == ["permission-value", "provider-default-unavailable", "ref-unknown-tool"])
        let byCode = Dictionary(findings.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byCode["provider-default-unavailable"]?.location?.line == 5)
        #expect(byCode["provider-default-unavailable"]?.message.contains("did you mean 'openrouter'") == true)
        #expect(byCode["ref-unknown-tool"]?.location?.line == 8)
        #expect(byCode["ref-unknown-tool"]?.pointer == "/agents/0/toolIds/0")
        #expect(byCode["permission-value"]?.location == SourceLocation(file: "overlay.json", line: 9, column: 28))
        #expect(findings.allSatisfy { $0.severity == .error && $0.hint != nil })
    }

    /// Renaming the upstream product without changing its ids is caught on real data.
    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"))
    func renamedUpstreamConfigWarnsAboutSharedState() throws {
        let document = try DocumentLoader().load(path: SharedData.upstreamCurrent.appendingPathComponent("open-cowork.config.json").path)
        var config = document.value
        guard case .object(var root) = config, case .object(var branding)? = root["branding"] else {
            Issue.record("upstream config has no branding object"); return
        }
        branding["name"] = "Acme Cowork"
        root["branding"] = .object(branding)
        config = .object(root)
        let context = RulesContext(config: config, locate: { document.location(of: $0) }, upstreamConfig: document.value)
        let findings = Rules.check(context)
        #expect(findings.map(\.code) == ["identity-shared-app-id", "identity-shared-namespace"])
        #expect(findings.first?.location?.file.hasSuffix("open-cowork.config.json") == true)
        #expect(findings.first?.location?.line == 8)
    }

    /// Wrongly typed sections (the schema's business) never crash a rule.
    @Test func wronglyTypedSectionsDoNotCrash() throws {
        let sections = ["branding", "auth", "providers", "tools", "skills", "mcps", "agents", "builtInAgents", "permissions",
                        "compaction", "i18n", "telemetry", "gateway", "cloud", "cloudDesktop", "updates"]
        let values: [JSONValue] = [.null, true, 1, "text", [1, "a", nil], ["x": [1]], ["available": "a", "top": 3, "server": [], "0": nil]]
        for section in sections {
            for value in values {
                var root = JSONObject()
                root[section] = value
                _ = Rules.check(RulesContext(config: .object(root)))
            }
        }
        #expect(Rules.check(RulesContext(config: [1, 2])).isEmpty)
    }
}
