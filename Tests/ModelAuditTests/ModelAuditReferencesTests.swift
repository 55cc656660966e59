import Testing
import Documents
import Diagnostics
import ManagedPolicy
@testable import ModelAudit

@Suite("Model references")
struct ModelAuditReferencesTests {
    static let config: JSONValue = [
        "providers": [
            "available": ["openrouter", "anthropic"],
            "defaultProvider": "openrouter",
            "defaultModel": "deepseek/deepseek-v4-flash",
            "descriptors": [
                "openrouter": [
                    "defaultModel": "qwen/qwen3-coder-flash",
                    "smallModel": "openai/gpt-5.5-mini",
                    "models": [["id": "deepseek/deepseek-v4-flash", "limit": ["context": 1_000_000]], ["name": "no id"]],
                ],
            ],
            "modelInfo": [
                "anthropic/claude-sonnet-4": ["limit": ["context": 200_000]],
                "deepseek/deepseek-v4-flash": ["cost": ["input": 1]],
            ],
        ],
        "agents": [["name": "a", "model": "openrouter/openai/gpt-5.5"], ["name": "b"]],
        "builtInAgents": ["plan": ["model": "anthropic/claude-opus-4-1"]],
        "compaction": ["agent": ["model": "openrouter/qwen/qwen3-coder-flash"]],
    ]

    @Test func collectsEveryKindWithItsProvider() {
        let refs = ModelAudit.references(in: Self.config)
        let summary = refs.map { "\($0.kind.rawValue) \($0.provider ?? "-") \($0.model) \($0.pointer)" }
        #expect(summary == [
            "featured openrouter deepseek/deepseek-v4-flash /providers/descriptors/openrouter/models/0/id",
            "providerDefault openrouter qwen/qwen3-coder-flash /providers/descriptors/openrouter/defaultModel",
            "providerSmallModel openrouter openai/gpt-5.5-mini /providers/descriptors/openrouter/smallModel",
            "appDefault openrouter deepseek/deepseek-v4-flash /providers/defaultModel",
            "agentModel openrouter openai/gpt-5.5 /agents/0/model",
            "builtInAgentModel anthropic claude-opus-4-1 /builtInAgents/plan/model",
            "compactionModel openrouter qwen/qwen3-coder-flash /compaction/agent/model",
            "modelInfo anthropic claude-sonnet-4 /providers/modelInfo/anthropic~1claude-sonnet-4",
            "modelInfo - deepseek/deepseek-v4-flash /providers/modelInfo/deepseek~1deepseek-v4-flash",
        ])
        #expect(refs[0].claimedContext == 1_000_000)
        #expect(refs[7].claimedContext == 200_000 && refs[7].locatesKey)
    }

    @Test(arguments: [
        ("deepseek/deepseek-v4-flash", "openrouter", "deepseek/deepseek-v4-flash"),  // featured id of defaultProvider
        ("anthropic/claude-sonnet-4", "anthropic", "claude-sonnet-4"),               // known provider prefix
        ("mistral/large", "openrouter", "mistral/large"),                            // unknown prefix: defaultProvider
        ("gpt-5.5", "openrouter", "gpt-5.5"),
    ])
    func appDefaultResolution(_ item: (text: String, provider: String, model: String)) {
        let (text, provider, model) = item
        var config = Self.config
        if case .object(var root) = config, case .object(var providers)? = root["providers"] {
            providers["defaultModel"] = .string(text)
            root["providers"] = .object(providers)
            config = .object(root)
        }
        let ref = ModelAudit.references(in: config).first { $0.kind == .appDefault }
        #expect(ref?.provider == provider)
        #expect(ref?.model == model)
    }

    /// A policy as `audit-models` reads it: through ManagedPolicy's loader.
    static func policy(_ json: String) throws -> ModelAuditPolicy {
        let document = try DocumentLoader().parse(bytes: Array(json.utf8), format: .json, file: "managed.json")
        return ModelAuditPolicy(try #require(try PolicyLoader.bundled().policy(from: document).policy))
    }

    @Test func policyModelsAsArrayOrJSONString() throws {
        let native = #"{"inferenceProvider": "bedrock", "inferenceModels": ["m-1", {"name": "m-2", "supports1m": true}]}"#
        let encoded = #"{"inferenceModels": "[\"m-1\", {\"name\": \"m-2\", \"supports1m\": \"true\"}]"}"#
        for value in [native, encoded] {
            let policy = try Self.policy(value)
            #expect(policy.references.map(\.model) == ["m-1", "m-2"])
            #expect(policy.references.map(\.claimedContext) == [nil, 1_000_000])
            #expect(policy.findings.isEmpty)
        }
        #expect(try Self.policy(native).references.first?.provider == "bedrock")
        #expect(try Self.policy(encoded).references.first?.provider == "gateway")
        #expect(try Self.policy(native).catalogSource == nil)
        let broken = try Self.policy(#"{"inferenceModels": "[not json", "inferenceGatewayBaseUrl": "https://gw.example/v1/"}"#)
        #expect(broken.findings.map(\.code) == ["model-policy-models-invalid"])
        #expect(broken.findings.first?.location?.line == 1)
        #expect(broken.catalogSource?.url == "https://gw.example/v1/models?limit=1000")
    }

    @Test func aCatalogForAnUnknownProviderIsNamedWithTheKnownOnes() throws {
        let policy = try Self.policy(#"{"inferenceProvider": "vertex"}"#).policy
        let input = ModelAuditInput(config: Self.config, policy: policy,
                                    catalogs: [("openroutr", "a.json"), ("openrouter", "b.json"), ("vertex", "c.json")])
        #expect(input.knownProviders == ["anthropic", "openrouter", "vertex"])
        let messages = input.unknownCatalogProviders()
        #expect(messages.count == 1)
        #expect(messages.first?.contains("'openroutr'") == true)
        #expect(messages.first?.contains("did you mean 'openrouter'?") == true)
        #expect(messages.first?.hasSuffix("known providers: anthropic, openrouter, vertex") == true)
        #expect(ModelAuditInput(config: Self.config, catalogs: [("anthropic", "a.json")]).unknownCatalogProviders().isEmpty)
    }

    @Test func defaultsOutsideTheFeaturedListAndContextClaimsAreWarned() throws {
        let catalog = Catalog(provider: "openrouter", entries: [
            CatalogEntry(id: "deepseek/deepseek-v4-flash", contextLength: 163_840),
            CatalogEntry(id: "qwen/qwen3-coder-flash", expirationDate: "2026-01-15", expirationField: "expiration_date"),
            CatalogEntry(id: "openai/gpt-5.5-mini"), CatalogEntry(id: "openai/gpt-5.5"),
        ])
        let loaded = LoadedCatalog(provider: "openrouter", source: "f", origin: .file, sha256: "", body: [], catalog: catalog)
        let checks = ModelAuditChecks(catalogs: ["openrouter": loaded],
                                      options: ModelAuditOptions(releaseDate: "2026-02-01"), locate: { _ in nil })
        let refs = ModelAudit.references(in: Self.config)
        let findings = checks.check(refs) + checks.checkDefaults(in: Self.config, references: refs)
        let codes = findings.map(\.code).sorted()
        #expect(codes == ["model-context-exceeds-catalog", "model-default-not-featured",
                          "model-expiring", "model-expiring"])
        #expect(findings.first { $0.code == "model-context-exceeds-catalog" }?.message.contains("163840") == true)
        #expect(findings.allSatisfy { $0.severity == .warning })
    }
}
