import Foundation
import Testing
import Diagnostics
import TestSupport
@testable import ManagedPolicy

/// `allowedPluginMarketplaces` and `orgPluginSettings` beyond their field types: what
/// each marketplace source needs, pins for auto-installed marketplaces, credential
/// helpers, and one lock per server and tool.
@Suite struct PluginPolicyTests {
    func findings(_ lines: [String]) throws -> [Finding] {
        let text = TestPolicies.base(extra: lines)
        return try TestPolicies.check(text).1
    }

    @Test func aWellFormedMarketplaceListPasses() throws {
        let found = try findings([
            "allowedPluginMarketplaces:",
            "  - {source: github, repo: acme/claude-plugins, ref: 0123456789abcdef0123456789abcdef01234567, installationPreference: required}",
            "  - {source: url, url: \"https://plugins.example.com/marketplace.json\", installationPreference: auto_install,",
            "     manifestSha256: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef}",
            "  - {source: git, url: \"https://git.example.com/plugins.git\", credentialKind: credentialHelper, credentialHelper: /usr/local/bin/git-cred}",
            "orgPluginSettings:",
            "  - {serverName: docs, tools: [{toolName: search, permission: allow}, {toolName: delete, permission: blocked}]}",
        ])
        #expect(found == [], "\(found)")
    }

    @Test func eachSourceNeedsWhatItFetchesAndAutoInstallNeedsAPin() throws {
        let lines = [
            "allowedPluginMarketplaces:",
            "  - {source: github, url: \"https://github.com/acme/x\"}",
            "  - {source: github, repo: acme/x, ref: main, installationPreference: required}",
            "  - {source: url, url: \"https://p.example.com/m.json\", installationPreference: auto_install, repo: acme/x}",
            "  - {source: git, url: \"https://git.example.com/p.git\", credentialKind: credentialHelper}",
            "  - {source: github, repo: acme/x, ref: main, installationPreference: required}",
        ]
        let found = try findings(lines).filter { $0.code == "policy-plugin-marketplace" }
        let text = TestPolicies.base(extra: lines)
        let byLine = found.map { ($0.location?.line ?? 0, $0.severity) }
        #expect(byLine.contains { $0 == (TestPolicies.line(of: "source: github, url", in: text) ?? -1, .error) }, "github without repo")
        #expect(found.filter { $0.message.contains("without a pin") }.count == 3, "\(found.map(\.message))")
        #expect(found.contains { $0.message.contains("sets repo, which a url source does not read") && $0.severity == .warning })
        #expect(found.contains { $0.message.contains("names no credentialHelper") && $0.severity == .error })
        #expect(found.contains { $0.message.contains("repeats the marketplace of allowedPluginMarketplaces[1]") })
    }

    @Test func orgPluginSettingsNamesEachServerAndToolOnce() throws {
        let found = try findings([
            "orgPluginSettings:",
            "  - {serverName: docs, tools: [{toolName: search, permission: allow}, {toolName: search, permission: ask}]}",
            "  - {serverName: docs, tools: [{permission: allow}]}",
            "  - {tools: [{toolName: x, permission: allow}]}",
            "  - {serverName: wiki, tools: [{toolName: read}]}",
        ]).filter { $0.code == "policy-plugin-settings" }
        #expect(found.map(\.message).sorted() == [
            "orgPluginSettings[0] names tool 'search' twice",
            "orgPluginSettings[1] locks server 'docs' again (first at orgPluginSettings[0])",
            "orgPluginSettings[1] tools[0] needs a toolName",
            "orgPluginSettings[2] needs a serverName (the MCP server's name in the plugin's .mcp.json)",
            "orgPluginSettings[3] tools[0] needs a permission (allow, ask or blocked)",
        ])
        #expect(found.allSatisfy { $0.severity == .error && $0.location != nil })
    }
}
