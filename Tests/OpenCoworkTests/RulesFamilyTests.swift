import Diagnostics
import Documents
import Foundation
import Testing
@testable import OpenCowork

@Suite struct RulesFamilyTests {
    func codes(_ json: String) throws -> [String] {
        Rules.check(try RulesFixture.context(json)).map(\.code).sorted()
    }

    @Test func providersMustBeDescribedAndDefaultAvailable() throws {
        #expect(try codes(#"{"providers":{"available":["a","b"],"descriptors":{"a":{}},"custom":{"c":{}},"defaultProvider":"c"}}"#)
            == ["provider-default-unavailable", "provider-undeclared"])
        #expect(try codes(#"{"providers":{"available":["a","c"],"descriptors":{"a":{}},"custom":{"c":{}},"defaultProvider":null}}"#) == [])
    }

    @Test func mcpEntriesNeedSomethingToRun() throws {
        let json = #"{"mcps":[{"name":"x","type":"local"},{"name":"y","type":"local","command":[]},{"name":"z","type":"remote"},"#
            + #"{"name":"ok1","type":"local","command":["bin"]},{"name":"ok2","type":"remote","url":"https://m.example"}]}"#
        #expect(try codes(json) == ["mcp-local-entry", "mcp-local-entry", "mcp-remote-url"])
    }

    @Test(arguments: [
        (#"{"gateway":{"server":{"host":"0.0.0.0"}}}"#, ["gateway-admin-token"]),
        (#"{"gateway":{"server":{"host":"::"},"metrics":{"enabled":false}}}"#, []),
        (#"{"gateway":{"mode":"self-host","server":{"host":"::"},"metrics":{"enabled":false}}}"#, ["gateway-admin-token"]),
        (#"{"gateway":{"server":{"host":"127.0.0.1"},"providers":[{"id":"f","kind":"fake"}]}}"#, []),
        (#"{"gateway":{"server":{"host":"10.0.0.5","adminToken":"{env:T}"},"providers":[{"id":"f","kind":"fake"}]}}"#, ["gateway-fake-public"]),
        (#"{"gateway":{"server":{"host":"10.0.0.5","adminToken":"{env:T}"},"providers":[{"id":"f","kind":"fake","enabled":false}]}}"#, []),
        (#"{"gateway":{"providers":[{"id":"w","kind":"webhook","credentials":{}}]}}"#, ["gateway-webhook-secret"]),
    ])
    func gatewayBindRules(_ json: String, _ expected: [String]) throws {
        #expect(try codes(json) == expected)
    }

    @Test func namespacePattern() throws {
        #expect(try codes(#"{"branding":{"projectNamespace":"Acme_Cowork"}}"#) == ["branding-namespace-invalid"])
        #expect(try codes(#"{"branding":{"projectNamespace":"-acme"}}"#) == ["branding-namespace-invalid"])
        #expect(try codes(#"{"branding":{"projectNamespace":"acme-2"}}"#) == [])
    }

    @Test func crossReferences() throws {
        let json = """
        {"tools":[{"id":"charts"},{"id":"sheets","namespace":"sheet"}],"mcps":[{"name":"sheets","type":"remote","url":"https://m.example"}],
         "skills":[{"name":"Chart Creator","sourceName":"chart-creator","toolIds":["charts","sql"]}],
         "agents":[{"name":"a","skillNames":["chart-creator","Chart Creator","chart-maker"],"toolIds":["charts"],
                    "model":"anthropic/claude"}],
         "builtInAgents":{"explore":{"model":"openrouter/x/y"},"review":{}},
         "compaction":{"agent":{"model":"no-slash"}},
         "providers":{"available":["openrouter"],"descriptors":{"openrouter":{}}}}
        """
        let findings = Rules.check(try RulesFixture.context(json))
        #expect(findings.map(\.code).sorted() == ["ref-model-format", "ref-tool-namespace", "ref-unknown-builtin-agent", "ref-unknown-provider",
                                                  "ref-unknown-skill", "ref-unknown-tool"])
        #expect(findings.first { $0.code == "ref-unknown-skill" }?.pointer == "/agents/0/skillNames/2")
        #expect(findings.first { $0.code == "ref-unknown-provider" }?.pointer == "/agents/0/model")
        #expect(findings.first { $0.code == "ref-tool-namespace" }?.message.contains("did you mean 'sheets'") == true)
    }

    @Test func defaultModelsShouldBeFeatured() throws {
        let json = """
        {"providers":{"available":["p","q"],"defaultProvider":"p","defaultModel":"m3",
          "descriptors":{"p":{"defaultModel":"m2","models":[{"id":"m1"}]},"q":{"defaultModel":"any","models":[]}}}}
        """
        let findings = Rules.check(try RulesFixture.context(json))
        #expect(findings.map(\.code) == ["default-model-not-featured", "default-model-not-featured"])
        #expect(findings.allSatisfy { $0.severity == .warning })
        #expect(Set(findings.compactMap(\.pointer)) == ["/providers/descriptors/p/defaultModel", "/providers/defaultModel"])
    }

    @Test func hazards() throws {
        let json = """
        {"auth":{"mode":"google-oauth","googleOAuth":{"clientId":"123.apps.googleusercontent.com","clientSecret":"literal-secret"}},
         "mcps":[],
         "permissions":{"bash":"ask","fileWrite":"Allow","webSearch":true},
         "telemetry":{"endpoint":"http://events.example.com/ingest"},
         "i18n":{"locale":"de_DE"},
         "compaction":{"reserved":0}}
        """
        let findings = Rules.check(try RulesFixture.context(json))
        let pairs = findings.map { "\($0.code):\($0.severity)" }.sorted()
        #expect(pairs == ["compaction-reserved:warning", "locale-invalid:error", "oauth-broad-scope:warning",
                          "oauth-literal-credential:error", "oauth-literal-credential:warning",
                          "permission-value:error", "telemetry-insecure:error"])
        #expect(findings.first { $0.code == "locale-invalid" }?.hint?.contains("de-DE") == true)
    }

    @Test func googleAuthMCPAndScopes() throws {
        let withMCP = """
        {"auth":{"mode":"google-oauth","googleOAuth":{"clientId":"{env:ID}","clientSecret":"{env:SECRET}"}},
         "mcps":[{"name":"sheets","type":"local","packageName":"sheets","googleAuth":true}]}
        """
        let findings = Rules.check(try RulesFixture.context(withMCP))
        #expect(findings.map(\.code) == ["mcp-google-token"])
        #expect(findings.first?.severity == .note && findings.first?.message.contains("sheets") == true)
        let explicitScope = #"{"auth":{"mode":"google-oauth","googleOAuth":{"scopes":["openid","https://www.googleapis.com/auth/cloud-platform"]}}}"#
        #expect(Rules.check(try RulesFixture.context(explicitScope)).map(\.pointer) == ["/auth/googleOAuth/scopes/1"])
        let narrow = #"{"auth":{"mode":"google-oauth","googleOAuth":{"scopes":["openid"]}}}"#
        #expect(try codes(narrow) == [])
    }

    @Test(arguments: ["en", "en-US", "de-DE", "zh-Hant-TW", "es-419", "sl-rozaj-biske", "en-US-u-ca-gregory", "x-private", "sr-Latn"])
    func wellFormedLocales(_ tag: String) { #expect(BCP47.isWellFormed(tag)) }

    @Test(arguments: ["", "de_DE", "e", "toolonglanguage-US", "en--US", "en-US-", "123", "en-a", "en-x"])
    func malformedLocales(_ tag: String) { #expect(!BCP47.isWellFormed(tag)) }
}

@Suite struct RulesPlaceholderTests {
    @Test func strippingRemovesEveryPlaceholder() {
        #expect(Placeholders.stripped("Bearer {env:TOKEN}") == "Bearer ")
        #expect(Placeholders.stripped("{file:a.txt}x{env:B}y{env:C}") == "xy")
        #expect(Placeholders.stripped("open {env:NO_CLOSE") == "open {env:NO_CLOSE")
        #expect(Placeholders.contains("https://{env:HOST}/x") && !Placeholders.contains("https://h/x"))
    }
}
