import Foundation
import Testing
import Documents
import Diagnostics
@testable import ManagedPolicy

/// One mistake of a rule family, added to the clean base policy.
struct MistakeCase: CustomTestStringConvertible, Sendable {
    var family: String
    var without: [String] = []
    var extra: [String] = []
    var code: String
    /// The finding's line is the line containing this text (nil: no location expected).
    var marker: String?
    var target: String? = nil
    var testDescription: String { family }
}

@Suite struct ValidationTests {
    @Test func basePolicyIsClean() throws {
        let (policy, findings) = try TestPolicies.check(TestPolicies.base())
        #expect(policy != nil)
        #expect(findings == [])
    }

    static let mistakes: [MistakeCase] = [
        MistakeCase(family: "unknown key", extra: ["disableAutoUpdate: true"], code: "policy-unknown-key", marker: "disableAutoUpdate:"),
        MistakeCase(family: "dotted key", extra: ["bootstrapOidc.clientId: abc"], code: "policy-dotted-key", marker: "bootstrapOidc"),
        MistakeCase(family: "boolean type", extra: ["disableAutoUpdates: maybe"], code: "policy-type", marker: "disableAutoUpdates"),
        MistakeCase(family: "string type", extra: ["otlpEndpoint: [a]"], code: "policy-type", marker: "otlpEndpoint"),
        MistakeCase(family: "range", extra: ["autoUpdaterEnforcementHours: 100"], code: "policy-range", marker: "autoUpdaterEnforcementHours"),
        MistakeCase(family: "window range", extra: ["inferenceTokenWindowHours: 0"], code: "policy-range", marker: "inferenceTokenWindowHours"),
        MistakeCase(family: "allowed value", extra: ["inferenceGatewayAuthScheme: basic"], code: "policy-allowed-value", marker: "inferenceGatewayAuthScheme"),
        MistakeCase(family: "otlp protocol", extra: ["otlpProtocol: http"], code: "policy-allowed-value", marker: "otlpProtocol"),
        MistakeCase(family: "otlp headers string form", extra: ["otlpHeaders: api-key=abc"], code: "policy-form-past-cutoff", marker: "otlpHeaders"),
        MistakeCase(family: "header value line break", extra: ["otlpHeaders: {X-A: \"a\\r\\nX-B: b\"}"], code: "policy-header-value", marker: "otlpHeaders"),
        MistakeCase(family: "past cut-off value", extra: ["inferenceGatewayAuthScheme: auto"], code: "policy-value-past-cutoff", marker: "inferenceGatewayAuthScheme"),
        MistakeCase(family: "removed key", extra: ["chatCodeExecutionEnabled: true"], code: "policy-key-removed", marker: "chatCodeExecutionEnabled"),
        MistakeCase(family: "alias", extra: ["isDxtDirectoryEnabled: true"], code: "policy-key-alias", marker: "isDxtDirectoryEnabled"),
        MistakeCase(family: "url credentials", extra: ["otlpEndpoint: https://user:pw@otel.example.com"], code: "policy-url-credentials", marker: "otlpEndpoint"),
        MistakeCase(family: "vertex project id", without: ["inferenceProvider", "inferenceGatewayBaseUrl", "inferenceGatewayApiKey"],
                    extra: ["inferenceProvider: vertex", "inferenceVertexProjectId: Acme_Project", "inferenceVertexRegion: us-east5",
                            "inferenceCredentialHelper: /usr/local/bin/t"], code: "policy-pattern", marker: "inferenceVertexProjectId"),
        MistakeCase(family: "region form", without: ["inferenceProvider", "inferenceGatewayBaseUrl", "inferenceGatewayApiKey"],
                    extra: ["inferenceProvider: vertex", "inferenceVertexProjectId: acme", "inferenceVertexRegion: US East",
                            "inferenceCredentialHelper: /usr/local/bin/t"], code: "policy-pattern", marker: "inferenceVertexRegion"),
        MistakeCase(family: "empty models", without: ["inferenceProvider", "inferenceGatewayBaseUrl", "inferenceGatewayApiKey", "inferenceModels"],
                    extra: ["inferenceProvider: foundry", "inferenceFoundryResource: acme-ai", "inferenceCredentialHelper: /usr/local/bin/t",
                            "inferenceModels: []"], code: "policy-models-empty", marker: "inferenceModels"),
        MistakeCase(family: "empty model name", without: ["inferenceModels"], extra: ["inferenceModels: [{name: \" \"}]"], code: "policy-empty-name",
                    marker: "inferenceModels"),
        MistakeCase(family: "ignored profile", without: ["inferenceProvider", "inferenceGatewayBaseUrl", "inferenceGatewayApiKey"],
                    extra: ["inferenceProvider: bedrock", "inferenceBedrockRegion: us-west-2", "inferenceBedrockBearerToken: tok",
                            "inferenceBedrockProfile: acme"], code: "policy-key-ignored", marker: "inferenceBedrockProfile"),
        MistakeCase(family: "ignored enforcement hours", extra: ["disableAutoUpdates: true", "autoUpdaterEnforcementHours: 12"], code: "policy-key-ignored",
                    marker: "autoUpdaterEnforcementHours"),
        MistakeCase(family: "mantle ignores profile", without: ["inferenceProvider", "inferenceGatewayBaseUrl", "inferenceGatewayApiKey"],
                    extra: ["inferenceProvider: mantle", "inferenceBedrockRegion: us-west-2", "inferenceCredentialHelper: /usr/local/bin/t",
                            "inferenceBedrockProfile: acme"], code: "policy-provider-ignored", marker: "inferenceBedrockProfile"),
        MistakeCase(family: "literal credential", without: ["inferenceGatewayApiKey"], extra: ["inferenceGatewayApiKey: sk-ant-api03-Zq8Xv1Lm4Np7Rs2Tu5Wy9"],
                    code: "policy-secret-literal", marker: "inferenceGatewayApiKey"),
        MistakeCase(family: "too long", extra: ["deploymentDisplayName: \"\(String(repeating: "A", count: 61))\""], code: "policy-too-long",
                    marker: "deploymentDisplayName"),
        MistakeCase(family: "url", extra: ["otlpEndpoint: ftp://otel.example.com"], code: "policy-url", marker: "otlpEndpoint"),
        MistakeCase(family: "https base url", without: ["inferenceGatewayBaseUrl"], extra: ["inferenceGatewayBaseUrl: http://gw.example.com"],
                    code: "policy-https-required", marker: "inferenceGatewayBaseUrl"),
        MistakeCase(family: "absolute path", extra: ["inferenceCredentialHelper: ~/bin/token"], code: "policy-path-absolute", marker: "inferenceCredentialHelper"),
        MistakeCase(family: "header syntax", extra: ["inferenceGatewayHeaders: [\"X-Org-Id team1\"]"], code: "policy-header-syntax",
                    marker: "inferenceGatewayHeaders", target: "1.0.0"),
        MistakeCase(family: "deprecated key past its cut-off", extra: ["inferenceGatewayHeaders: [\"X-Org-Id: team1\"]"], code: "policy-key-past-cutoff",
                    marker: "inferenceGatewayHeaders"),
        MistakeCase(family: "deprecated key before the cut-off release", extra: ["inferenceGatewayHeaders: [\"X-Org-Id: team1\"]"],
                    code: "policy-key-deprecated", marker: "inferenceGatewayHeaders", target: "1.30000.0"),
        MistakeCase(family: "too-new key", extra: ["updateViaUpdatesHost: true"], code: "policy-key-too-new", marker: "updateViaUpdatesHost", target: "1.0.0"),
        MistakeCase(family: "provider missing key", without: ["inferenceGatewayApiKey"], code: "policy-provider-missing", marker: "inferenceProvider"),
        MistakeCase(family: "other provider", extra: ["inferenceBedrockRegion: us-west-2"], code: "policy-provider-ignored", marker: "inferenceBedrockRegion"),
        MistakeCase(family: "model entry", without: ["inferenceModels"], extra: ["inferenceModels: [claude-sonnet-4, 3]"], code: "policy-type", marker: "inferenceModels"),
        MistakeCase(family: "model field", without: ["inferenceModels"], extra: ["inferenceModels: [{name: a, supports1M: true}]"], code: "policy-unknown-field", marker: "inferenceModels"),
        MistakeCase(family: "uuid format", without: ["deploymentOrganizationUuid"], extra: ["deploymentOrganizationUuid: \"{3f2b8c1e-9a4d-4e7f-8b6a-1c2d3e4f5a6b}\""],
                    code: "policy-uuid", marker: "deploymentOrganizationUuid"),
        MistakeCase(family: "uuid unset", without: ["deploymentOrganizationUuid"], code: "policy-org-uuid-unset", marker: nil),
        MistakeCase(family: "uuid placeholder", without: ["deploymentOrganizationUuid"], extra: ["deploymentOrganizationUuid: 00000000-0000-4000-8000-000000000001"],
                    code: "policy-org-uuid-placeholder", marker: "deploymentOrganizationUuid"),
        MistakeCase(family: "builtin tool", extra: ["disabledBuiltinTools: [WebSearch, WebSerch]"], code: "policy-allowed-value", marker: "disabledBuiltinTools"),
        MistakeCase(family: "egress host", extra: ["coworkEgressAllowedHosts: [\"https://example.com\"]"], code: "policy-egress-host", marker: "coworkEgressAllowedHosts"),
        MistakeCase(family: "workspace folder", extra: ["allowedWorkspaceFolders: [Documents/Claude]"], code: "policy-workspace-folder", marker: "allowedWorkspaceFolders"),
        MistakeCase(family: "usage limit pair", extra: ["inferenceMaxTokensPerWindow: 500000"], code: "policy-requires-key", marker: "inferenceMaxTokensPerWindow"),
        MistakeCase(family: "mcp duplicate name", extra: ["managedMcpServers:", "  - {name: wiki, transport: http, url: https://a.example}", "  - name: wiki", "    transport: http", "    url: https://b.example"],
                    code: "policy-mcp-duplicate-name", marker: "  - name: wiki"),
        MistakeCase(family: "mcp https", extra: ["managedMcpServers:", "  - name: wiki", "    transport: http", "    url: http://a.example"], code: "policy-https-required", marker: "url: http://"),
        MistakeCase(family: "mcp oauth exclusive", extra: ["managedMcpServers:", "  - name: wiki", "    transport: http", "    url: https://a.example", "    oauth: true", "    headers: {X-A: b}"],
                    code: "policy-mcp-auth-conflict", marker: "headers:"),
        MistakeCase(family: "mcp helper path", extra: ["managedMcpServers:", "  - name: wiki", "    transport: http", "    url: https://a.example", "    headersHelper: bin/helper"],
                    code: "policy-path-absolute", marker: "headersHelper:"),
        MistakeCase(family: "mcp tool policy", extra: ["managedMcpServers:", "  - name: wiki", "    transport: http", "    url: https://a.example", "    toolPolicy: {search: deny}"],
                    code: "policy-allowed-value", marker: "toolPolicy"),
        MistakeCase(family: "mcp transport", extra: ["managedMcpServers:", "  - name: wiki", "    url: https://a.example", "    transport: websocket"],
                    code: "policy-allowed-value", marker: "transport:"),
        MistakeCase(family: "foundry pattern", without: ["inferenceProvider", "inferenceGatewayBaseUrl", "inferenceGatewayApiKey"],
                    extra: ["inferenceProvider: foundry", "inferenceFoundryResource: Acme_AI", "inferenceFoundryApiKey: k"], code: "policy-pattern", marker: "inferenceFoundryResource"),
    ]

    @Test(arguments: mistakes)
    func oneMistakeOneFinding(_ mistake: MistakeCase) throws {
        let text = TestPolicies.base(without: mistake.without, extra: mistake.extra)
        let (_, findings) = try TestPolicies.check(text, target: mistake.target)
        #expect(findings.map(\.code) == [mistake.code], "\(findings.map { "\($0.code) \($0.message)" })")
        guard let finding = findings.first else { return }
        if let marker = mistake.marker {
            let line = try #require(TestPolicies.line(of: marker, in: text))
            #expect(finding.location?.line == line, "\(finding.location.map(String.init(describing:)) ?? "no location")")
            #expect(finding.location?.file == "policy.yaml")
        }
    }

    @Test func unknownKeySuggestsTheRegistryName() throws {
        let (_, findings) = try TestPolicies.check(TestPolicies.base(extra: ["disableAutoUpdate: true"]))
        #expect(findings.first?.hint?.contains("disableAutoUpdates") == true)
    }

    @Test func vertexNeedsModelsAndCredentialsUnlessOAuth() throws {
        let vertex = ["inferenceProvider: vertex", "deploymentOrganizationUuid: 3f2b8c1e-9a4d-4e7f-8b6a-1c2d3e4f5a6b",
                      "inferenceVertexProjectId: acme-ai", "inferenceVertexRegion: us-east5"]
        let (_, missing) = try TestPolicies.check(vertex.joined(separator: "\n"))
        // No credential key: the app falls back to ADC (a note); models cannot be discovered (an error).
        #expect(missing.map(\.code) == ["policy-provider-credential-fallback", "policy-provider-missing"])
        #expect(missing.contains { $0.message.contains("inferenceModels") })
        #expect(missing.contains { $0.hint?.contains("inferenceVertexCredentialsFile") == true })
        let half = vertex + ["inferenceVertexOAuthClientId: id.apps.googleusercontent.com", "inferenceModels: [\"claude-sonnet-4@20250514\"]"]
        let (_, incomplete) = try TestPolicies.check(half.joined(separator: "\n"))
        #expect(incomplete.map(\.code) == ["policy-provider-credential"])
        let (_, clean) = try TestPolicies.check((half + ["inferenceVertexOAuthClientSecret: secret"]).joined(separator: "\n"))
        #expect(clean == [])
        let workforce = vertex + ["inferenceVertexWorkforceAudience: //iam.googleapis.com/locations/global/workforcePools/p/providers/o",
                                  "inferenceVertexWorkforceOidc: {clientId: abc, issuer: \"https://idp.example.com\"}", "inferenceModels: [m]"]
        let (_, viaWorkforce) = try TestPolicies.check(workforce.joined(separator: "\n"))
        #expect(viaWorkforce == [])
    }

    @Test func bedrockAcceptsTokenOrProfile() throws {
        let bedrock = ["inferenceProvider: bedrock", "deploymentOrganizationUuid: 3f2b8c1e-9a4d-4e7f-8b6a-1c2d3e4f5a6b",
                       "inferenceBedrockRegion: us-west-2", "inferenceModels: [us.anthropic.claude-sonnet-4-v1:0]"]
        let (_, noAuth) = try TestPolicies.check(bedrock.joined(separator: "\n"))
        #expect(noAuth.map(\.code) == ["policy-provider-missing"])
        let (_, withProfile) = try TestPolicies.check((bedrock + ["inferenceBedrockProfile: acme"]).joined(separator: "\n"))
        #expect(withProfile == [])
    }

    @Test func valueTooNewForTheTargetRelease() throws {
        let text = TestPolicies.base(without: ["inferenceModels"], extra: ["inferenceModels: [{name: a, prefer1m: true}]",
                                                                          "allowedPluginMarketplaces: [{source: url, url: \"https://plugins.example.com/marketplace.json\"}]"])
        let (_, old) = try TestPolicies.check(text, target: "1.20000.0")
        #expect(old.map(\.code).sorted() == ["policy-field-too-new", "policy-value-too-new"])
        let (_, current) = try TestPolicies.check(text)
        #expect(current == [])
    }

    @Test func unknownProfileSuggestsAPreset() throws {
        let (_, findings) = try TestPolicies.check("profile: restriced\n" + TestPolicies.base())
        #expect(findings.map(\.code) == ["policy-profile-unknown"])
        #expect(findings.first?.hint?.contains("restricted") == true)
        #expect(findings.first?.location?.line == 1)
    }

    @Test func policyOverridesItsPreset() throws {
        let (policy, findings) = try TestPolicies.check("profile: restricted\nisLocalDevMcpEnabled: true\n" + TestPolicies.base())
        #expect(findings == [])
        #expect(policy?["isLocalDevMcpEnabled"] == .bool(true))
        #expect(policy?["disableNonessentialServices"] == .bool(true))
        #expect(policy?.entry("disableNonessentialServices")?.preset == "restricted")
    }

    @Test func encodedStringsAreNormalized() throws {
        let (policy, findings) = try TestPolicies.check(TestPolicies.base(extra: ["disableAutoUpdates: \"0\"", "autoUpdaterEnforcementHours: \"24\"", "chatTabEnabled: 1"]))
        #expect(findings == [])
        #expect(policy?["disableAutoUpdates"] == .bool(false))
        // The vendor documents 1 and 0 as booleans.
        #expect(policy?["chatTabEnabled"] == .bool(true))
        #expect(policy?["autoUpdaterEnforcementHours"] == .number(JSONNumber(24)))
    }

    /// Before the vendor's cut-off day an old spelling warns; after it, it is an error.
    @Test func cutOffDependsOnTheDayChecked() throws {
        let registry = try KeyRegistry.load()
        let policy = ManagedPolicy(entries: [PolicyEntry(key: "otlpHeaders", value: "api-key=abc"), PolicyEntry(key: "isDxtEnabled", value: true)])
        let early = ISO8601DateFormatter().date(from: "2026-09-01T00:00:00Z") ?? Date()
        let before = PolicyValidator(registry: registry, now: early).validate(policy).map(\.code)
        #expect(before.contains("policy-form-deprecated") && before.contains("policy-key-deprecated"))
        let after = PolicyValidator(registry: registry, now: TestPolicies.now).validate(policy).map(\.code)
        #expect(after.contains("policy-form-past-cutoff") && after.contains("policy-key-past-cutoff"))
        // A release older than the one that announced the cut-off still reads them.
        let old = PolicyValidator(registry: registry, target: AppRelease("1.30000.0"), now: TestPolicies.now).validate(policy).map(\.code)
        #expect(!old.contains("policy-form-past-cutoff") && !old.contains("policy-key-past-cutoff"))
    }

    @Test func nonMappingIsAnError() throws {
        let (policy, findings) = try TestPolicies.check("- a\n- b\n")
        #expect(policy == nil)
        #expect(findings.map(\.code) == ["policy-not-mapping"])
    }

    @Test func exampleDistributionPolicyIsClean() throws {
        let path = TestPolicies.repoRoot.appendingPathComponent("distributions/acme-claude-3p/policy/managed.yaml").path
        let (policy, findings) = try TestPolicies.workflow().check(path: path)
        #expect(policy?.profile == "restricted")
        #expect(findings.filter { $0.severity != .note } == [], "\(findings)")
        #expect(policy?["inferenceProvider"] == "gateway")
    }
}
