import Foundation
import Testing
import Diagnostics
import TestSupport
@testable import ManagedPolicy

@Suite struct OrgPluginTests {
    static let manifest = #"{"name": "notes", "version": "1.0.0", "description": "Notes helper"}"#

    @Test func examplePluginValidatesClean() throws {
        let plugins = TestPolicies.repoRoot.appendingPathComponent("distributions/acme-claude-3p/plugins")
        let (set, findings) = OrgPluginSet.load(directory: plugins)
        #expect(findings == [], "\(findings)")
        #expect(set.plugins.map(\.name) == ["acme-handbook"])
        let entries = set.entries(platform: .macos, registry: try KeyRegistry.load())
        #expect(entries.contains { $0.archivePath == "Library/Application Support/Claude/org-plugins/acme-handbook/.claude-plugin/plugin.json" })
        #expect(entries.map(\.archivePath) == entries.map(\.archivePath).sorted())
        let windows = set.entries(platform: .windows, registry: try KeyRegistry.load())
        #expect(windows.allSatisfy { $0.archivePath.hasPrefix("Program Files/Claude/org-plugins/acme-handbook/") })
    }

    @Test func reportsEachBrokenPart() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try dir.write("notes/.claude-plugin/plugin.json", #"{"name": "notes", "version": "1.0.0"}"#)
        _ = try dir.write("notes/.mcp.json", #"{"mcpServers": {"a": {"type": "websocket", "url": "https://x"}, "b": {"type": "stdio"}}}"#)
        _ = try dir.write("notes/skills/summarize/SKILL.md", "# no front matter\n")
        _ = try dir.write("notes/skills/empty/readme.txt", "x")
        _ = try dir.write("notes/version.json", #"{"v": 1}"#)
        _ = try dir.write("notes/hooks/hooks.json", #"{"nope": {}}"#)
        let (plugin, findings) = OrgPluginValidator().validate(directory: dir.file("notes"))
        #expect(plugin == nil)
        #expect(findings.map(\.code).sorted() == ["plugin-front-matter", "plugin-hooks-invalid", "plugin-manifest-field",
                                                  "plugin-mcp-invalid", "plugin-mcp-invalid", "plugin-skill-missing", "plugin-version-file"])
    }

    @Test func singleSkillPluginAndExecutableBits() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try dir.write("tidy/SKILL.md", "---\nname: tidy\ndescription: Tidies folders.\n---\nBody\n")
        let script = try dir.write("tidy/scripts/run.sh", "#!/bin/sh\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let (plugin, findings) = OrgPluginValidator().validate(directory: dir.file("tidy"))
        #expect(findings == [])
        let files = try #require(plugin?.files)
        #expect(files.map(\.relativePath) == ["SKILL.md", "scripts/run.sh"])
        #expect(files.map(\.executable) == [false, true])
    }

    @Test func symlinksLeavingThePluginAreNotShipped() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try dir.write("p/.claude-plugin/plugin.json", #"{"name": "p", "version": "1.0.0", "description": "d"}"#)
        _ = try dir.write("secret.txt", "secret")
        _ = try dir.write("p/docs/guide.md", "guide")
        try FileManager.default.createSymbolicLink(atPath: dir.file("p/leak.txt").path, withDestinationPath: dir.file("secret.txt").path)
        try FileManager.default.createSymbolicLink(atPath: dir.file("p/alias.md").path, withDestinationPath: "docs/guide.md")
        let (plugin, findings) = OrgPluginValidator().validate(directory: dir.file("p"))
        #expect(findings.map(\.code) == ["plugin-symlink-escape"])
        let paths = try #require(plugin?.files.map(\.relativePath))
        #expect(paths.contains("alias.md"))
        #expect(!paths.contains("leak.txt"))
    }

    @Test func pluginFilesGetTheContentWalkChecks() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try dir.write("p/.claude-plugin/plugin.json", #"{"name": "p", "version": "1.0.0", "description": "d"}"#)
        _ = try dir.write("p/docs/Guide.md", "a")
        _ = try dir.write("p/docs/guide.md", "b")
        _ = try dir.write("p/.DS_Store", "finder")
        let (plugin, findings) = OrgPluginValidator().validate(directory: dir.file("p"))
        #expect(findings.map(\.code) == ["plugin-case-collision"])
        #expect(findings.first?.location?.file.hasSuffix("p/docs/guide.md") == true)
        #expect(plugin == nil, "a plugin whose files collide on macOS and Windows cannot ship")
    }

    @Test func marketplaceSelectsByName() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try dir.write("market/.claude-plugin/marketplace.json",
                          #"{"name": "m", "plugins": [{"name": "notes", "source": "./plugins/notes-src"}, {"name": "evil", "source": "../outside"}]}"#)
        _ = try dir.write("market/plugins/notes-src/.claude-plugin/plugin.json", Self.manifest)
        let (set, findings) = OrgPluginSet.select(["notes", "note"], from: dir.file("market"))
        #expect(set.plugins.map(\.name) == ["notes"])
        #expect(findings.map(\.code).sorted() == ["plugin-marketplace-source", "plugin-name-mismatch", "plugin-not-in-marketplace"])
        let entries = set.entries(platform: .macos, registry: try KeyRegistry.load())
        #expect(entries.map(\.archivePath) == ["Library/Application Support/Claude/org-plugins/notes/.claude-plugin/plugin.json"])
    }
}
