import Diagnostics
import Documents
import Foundation
import Packaging
import Testing
import TestSupport
@testable import Distribution

/// Org plugins picked by name from a marketplace in distribution.yaml: a vendored copy of
/// Anthropic's knowledge-work-plugins marketplace (the real marketplace.json and two of
/// its plugins) ships the named plugins under their marketplace names, and a name the
/// marketplace does not list is an error at its line in distribution.yaml.
@Suite(.enabled(if: SharedData.isUsable, "../shared is absent: this test vendors plugins from ../shared/corpus"))
struct Claude3PMarketplaceTests {
    func makeDistribution(plugins: [String]) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory(prefix: "cowork-dist-market")
        let example = SharedData.projectRoot.appendingPathComponent("distributions/acme-claude-3p")
        try FileManager.default.copyItem(at: example.appendingPathComponent("policy"), to: dir.file("policy"))
        let corpus = SharedData.path("corpus/knowledge-work-plugins")
        for folder in [".claude-plugin", "sales", "partner-built/slack"] {
            try FileManager.default.createDirectory(at: dir.file("vendor/kwp/\(folder)").deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: corpus.appendingPathComponent(folder), to: dir.file("vendor/kwp/\(folder)"))
        }
        // The corpus is read-only; the copy must be removable.
        _ = try ProcessRunner.run("chmod", ["-R", "u+w", dir.file("vendor").path])
        try dir.write("distribution.yaml", """
            name: acme-3p
            version: 0.3.0
            targets:
              claude-3p:
                policy: policy/managed.yaml
                profile: restricted
                marketplace:
                  path: vendor/kwp
                  plugins:
            \(plugins.map { "        - \($0)" }.joined(separator: "\n"))
                formats: [mobileconfig, reg]
            """)
        return dir
    }

    @Test func selectedPluginsShipUnderTheirMarketplaceNames() throws {
        let dir = try makeDistribution(plugins: ["sales", "slack-by-salesforce"])
        defer { dir.remove() }
        let (loadedValue, loadFindings) = DistributionLoader.load(directory: dir.url, displayPath: "d", environment: [:])
        let loaded = try #require(loadedValue, "\(loadFindings)")
        let check = CheckStage().run(loaded)
        #expect(check.findings.filter { $0.severity == .error }.isEmpty, "\(check.findings.filter { $0.severity == .error })")
        #expect(check.plugins?.plugins.map(\.name) == ["sales", "slack-by-salesforce"])
        let options = BuildOptions(toolVersion: "test")
        let plan = try ArtifactPlanner(options: options).plan(loaded, check: check)
        let result = try ArtifactStage(options: options).run(plan, outputDirectory: dir.file("out"))
        let outputs = Dictionary(uniqueKeysWithValues: result.manifest.outputs.map { ($0.name, $0) })
        let macos = try #require(outputs["acme-3p-0.3.0-claude-3p-macos.tar.gz"]?.entries).map(\.path)
        let root = "Library/Application Support/Claude/org-plugins"
        #expect(macos.contains("\(root)/sales/.claude-plugin/plugin.json"))
        #expect(macos.contains("\(root)/slack-by-salesforce/.mcp.json"), "the marketplace name, not the folder 'slack'")
        #expect(!macos.contains { $0.hasPrefix("\(root)/slack/") })
        let windows = try #require(outputs["acme-3p-0.3.0-claude-3p-windows.zip"]?.entries).map(\.path)
        #expect(windows.contains("Program Files/Claude/org-plugins/sales/.mcp.json"))
    }

    @Test func anUnknownNameIsAnErrorAtItsLineWithASuggestion() throws {
        let dir = try makeDistribution(plugins: ["sales", "legl", "tavily"])
        defer { dir.remove() }
        let (loadedValue, loadFindings) = DistributionLoader.load(directory: dir.url, displayPath: "d", environment: [:])
        let loaded = try #require(loadedValue, "\(loadFindings)")
        let errors = CheckStage().run(loaded).findings.filter { $0.severity == .error }
        let unknown = try #require(errors.first { $0.code == "plugin-not-in-marketplace" })
        #expect(unknown.location?.file == "d/distribution.yaml")
        #expect(unknown.location?.line == 11 && unknown.location?.column == 11, "\(String(describing: unknown.location))")
        #expect(unknown.hint?.contains("did you mean 'legal'") == true)
        // A remote entry (tavily is fetched from GitHub) cannot be shipped from the directory.
        let remote = try #require(errors.first { $0.code == "plugin-marketplace-remote" })
        #expect(remote.location?.line == 12)
        #expect(errors.count == 2, "\(errors)")
    }

    @Test func aCredentialInAPluginIsReportedOnceWithThePluginHint() throws {
        let dir = try makeDistribution(plugins: ["sales"])
        defer { dir.remove() }
        try dir.write("vendor/kwp/sales/.mcp.json", """
            {"mcpServers": {"crm": {"type": "http", "url": "https://crm.example.com/mcp",
              "headers": {"Authorization": "Bearer ghp_Zq8Lm2Nx4Vb6Cd1Ef3Gh5Jk7Pq9Rs0Tu2Wy"}}}}
            """)
        let (loadedValue, loadFindings) = DistributionLoader.load(directory: dir.url, displayPath: "d", environment: [:])
        let loaded = try #require(loadedValue, "\(loadFindings)")
        let findings = CheckStage().run(loaded).findings.filter { $0.location?.file.hasSuffix("sales/.mcp.json") == true }
        #expect(findings.map(\.code) == ["plugin-mcp-credential"], "\(findings)")
        #expect(findings.first?.location?.line == 2)
        #expect(!findings.contains { $0.message.contains("ghp_Zq8") })
    }
}
