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
        _ = try dir.write("notes/.claude-plugin/plugin.json", #"{"version": 1, "installationPreference": "auto-install", "commands": "./cmds"}"#)
        _ = try dir.write("notes/.mcp.json", #"{"mcpServers": {"a": {"type": "websocket", "url": "https://x"}, "b": {"type": "http", "url": "http://plain"}}}"#)
        _ = try dir.write("notes/version.json", #"{"v": 1}"#)
        _ = try dir.write("notes/hooks/hooks.json", #"{"hooks": {"PreToolUse": [{"hooks": [{"type": "command", "command": "${CLAUDE_PLUGIN_ROOT}/scripts/gone.sh"}]}], "BeforeToolUse": []}}"#)
        let (plugin, findings) = OrgPluginValidator().validate(directory: dir.file("notes"))
        #expect(plugin == nil)
        #expect(findings.filter { $0.severity == .error }.map(\.code).sorted() == [
            "plugin-hook-event", "plugin-hook-path", "plugin-manifest-field", "plugin-manifest-invalid", "plugin-manifest-invalid",
            "plugin-manifest-path", "plugin-mcp-invalid", "plugin-mcp-invalid", "plugin-version-file",
        ])
        let event = try #require(findings.first { $0.code == "plugin-hook-event" })
        #expect(event.hint?.contains("did you mean") == true || event.hint?.contains("PreToolUse") == true)
        #expect(event.location?.line == 1 && event.location.map { $0.column > 1 } == true, "located at the key in hooks.json")
        let preference = try #require(findings.first { $0.message.contains("installationPreference") })
        #expect(preference.message.contains("did you mean 'auto_install'"))
        for finding in findings { #expect(finding.location != nil, "\(finding)") }
    }

    @Test func onlyTheNameIsRequiredAndBothMcpFormsAreRead() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try dir.write("min/.claude-plugin/plugin.json", #"{"name": "min", "installationPreference": "required"}"#)
        _ = try dir.write("min/.mcp.json", #"{"docs": {"type": "http", "url": "https://docs.example.com/mcp", "oauth": {"clientId": "abc"}}, "directory-match": {"type": "http", "url": ""}}"#)
        _ = try dir.write("min/hooks/hooks.json", #"{"SessionStart": [{"matcher": "", "hooks": [{"type": "command", "command": "cat ${CLAUDE_PLUGIN_ROOT}/context.md"}]}]}"#)
        _ = try dir.write("min/context.md", "context")
        let (plugin, findings) = OrgPluginValidator().validate(directory: dir.file("min"))
        #expect(findings == [], "\(findings)")
        #expect(plugin?.name == "min")
    }

    @Test func literalCredentialsInMcpJsonAreErrorsButReferencesAreNot() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try dir.write("p/.claude-plugin/plugin.json", #"{"name": "p"}"#)
        _ = try dir.write("p/.mcp.json", """
            {
              "mcpServers": {
                "ok": {"type": "http", "url": "https://a.example.com/mcp", "headers": {"Authorization": "Bearer ${A_TOKEN}"}},
                "leak": {"type": "http", "url": "https://a.example.com/mcp",
                         "headers": {"Authorization": "Bearer 9f8e7d6c5b4a39281716abcdefXYZ"}},
                "pw": {"type": "sse", "url": "https://user:s3cretPassw0rd@b.example.com/sse"},
                "local": {"command": "node", "args": ["server.js"], "env": {"API_KEY": "AbC123dEf456GhI789jKl"}}
              }
            }
            """)
        let (plugin, findings) = OrgPluginValidator().validate(directory: dir.file("p"))
        #expect(plugin == nil)
        let credentials = findings.filter { $0.code == "plugin-mcp-credential" }
        #expect(credentials.map { $0.pointer?.description ?? "" }.sorted() == [
            "/mcpServers/leak/headers/Authorization", "/mcpServers/local/env/API_KEY", "/mcpServers/pw/url",
        ])
        #expect(credentials.compactMap { $0.location?.line }.sorted() == [5, 6, 7])
        #expect(credentials.allSatisfy { !$0.message.contains("9f8e7d6c") && !$0.message.contains("s3cret") }, "the secret is not repeated")
        #expect(findings.contains { $0.code == "plugin-mcp-transport" && $0.severity == .warning }, "stdio is not started from an org plugin")
    }

    @Test func frontMatterIsReadAsLenientlyAsTheApp() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try dir.write("p/.claude-plugin/plugin.json", #"{"name": "p"}"#)
        // Valid only after quoting the plain value: the app loads it, strict YAML does not.
        _ = try dir.write("p/skills/colon/SKILL.md", "---\nname: colon\ndescription: Use when: the user asks\n---\nBody\n")
        // Unreadable even then: the app drops the fields and still loads the skill.
        _ = try dir.write("p/skills/broken/SKILL.md", "---\nname: broken\ndescription: [unclosed\n---\nBody\n")
        _ = try dir.write("p/skills/plain/SKILL.md", "# No front matter\n")
        _ = try dir.write("p/skills/listy/SKILL.md", "---\nname: listy\ndescription: [a, b]\n---\n")
        _ = try dir.write("p/commands/run.md", "Run it.\n")
        let (plugin, findings) = OrgPluginValidator().validate(directory: dir.file("p"))
        let byFile = Dictionary(grouping: findings) { URL(fileURLWithPath: $0.location?.file ?? "").deletingLastPathComponent().lastPathComponent }
        #expect(byFile["colon"]?.map(\.code) == ["plugin-front-matter-lenient"])
        #expect(byFile["broken"]?.map(\.code) == ["plugin-front-matter"])
        #expect(byFile["broken"]?.first?.severity == .warning)
        #expect(byFile["plain"]?.map(\.code) == ["plugin-front-matter"])
        #expect(byFile["listy"]?.map(\.severity) == [.error], "a description that is a list is not text")
        #expect(byFile["commands"] == nil, "commands need no front matter")
        #expect(plugin == nil)
    }

    @Test func manifestPathsMustExistInsideThePlugin() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try dir.write("p/.claude-plugin/plugin.json", """
            {
              "name": "p",
              "agents": ["./agents/a.md", "./agents/missing.md"],
              "skills": "../elsewhere",
              "mcpServers": "./config/servers.json",
              "hooks": {"hooks": {"Stop": [{"hooks": [{"type": "prompt"}]}]}}
            }
            """)
        _ = try dir.write("p/agents/a.md", "---\nname: a\ndescription: An agent.\n---\n")
        _ = try dir.write("p/config/servers.json", #"{"mcpServers": {"x": {"type": "http"}}}"#)
        let (_, findings) = OrgPluginValidator().validate(directory: dir.file("p"))
        let paths = findings.filter { $0.code == "plugin-manifest-path" }
        #expect(paths.map { $0.pointer?.description ?? "" } == ["/agents/1", "/skills"])
        #expect(paths.map { $0.location?.line ?? 0 } == [3, 4])
        #expect(findings.contains { $0.code == "plugin-mcp-invalid" && $0.location?.file.hasSuffix("config/servers.json") == true },
                "a server file the manifest names is checked too")
        #expect(findings.contains { $0.code == "plugin-hooks-invalid" && $0.location?.line == 6 }, "inline hooks are checked in plugin.json")
    }

    @Test func aFolderOfPluginsIsNotAPluginAndSaysSo() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try dir.write("vendors/one/.claude-plugin/plugin.json", #"{"name": "one"}"#)
        _ = try dir.write("vendors/two/SKILL.md", "---\nname: two\ndescription: Two.\n---\n")
        let (plugin, findings) = OrgPluginValidator().validate(directory: dir.file("vendors"))
        #expect(plugin == nil)
        #expect(findings.map(\.code) == ["plugin-manifest-missing"])
        #expect(findings.first?.hint?.contains("one, two") == true)
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
        #expect(findings.map(\.code).sorted() == ["plugin-marketplace-source", "plugin-not-in-marketplace"])
        #expect(findings.first { $0.code == "plugin-not-in-marketplace" }?.hint?.contains("did you mean 'notes'") == true)
        let entries = set.entries(platform: .macos, registry: try KeyRegistry.load())
        #expect(entries.map(\.archivePath) == ["Library/Application Support/Claude/org-plugins/notes/.claude-plugin/plugin.json"])
    }

    @Test func marketplaceSourcesOfEveryKind() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try dir.write("solo/.claude-plugin/marketplace.json", """
            {"name": "solo", "metadata": {"pluginRoot": "./plugins"}, "plugins": [
              {"name": "solo", "source": "./"},
              {"name": "bare", "source": "bare-src"},
              {"name": "gone", "source": "./missing"},
              {"name": "gh", "source": {"source": "github", "repo": "acme/plugins"}},
              {"name": "pw", "source": {"source": "url", "url": "https://u:hunter2hunter2@git.example.com/p.git"}},
              {"name": "short", "source": {"source": "git-subdir", "url": "https://git.example.com/p.git", "path": "x", "sha": "abc123"}},
              {"name": "odd", "source": {"source": "gitlab", "url": "https://gitlab.example.com/p.git"}},
              {"name": "gh", "source": "./"}
            ]}
            """)
        _ = try dir.write("solo/.claude-plugin/plugin.json", #"{"name": "solo"}"#)
        _ = try dir.write("solo/plugins/bare-src/SKILL.md", "---\nname: bare\ndescription: A bare skill.\n---\n")
        let (catalog, loadFindings) = OrgMarketplace.load(directory: dir.file("solo"))
        #expect(loadFindings.map(\.code).sorted() == ["plugin-marketplace-duplicate", "plugin-marketplace-invalid", "plugin-marketplace-invalid",
                                                      "plugin-marketplace-invalid"])
        #expect(loadFindings.map { $0.location?.line ?? 0 }.sorted() == [6, 7, 8, 9])
        #expect(!loadFindings.contains { $0.message.contains("hunter2") })
        #expect(catalog?.entries["gh"]?.source == .remote(kind: "github", reference: "acme/plugins"))
        let (set, findings) = OrgPluginSet.select(["solo", "bare", "gone", "gh"], from: dir.file("solo"))
        #expect(set.plugins.map(\.name) == ["bare", "solo"])
        let selectCodes = findings.filter { $0.severity == .error }.map(\.code)
        #expect(selectCodes.filter { $0.hasPrefix("plugin-marketplace-source") || $0 == "plugin-marketplace-remote" }.sorted()
                == ["plugin-marketplace-remote", "plugin-marketplace-source"])
        #expect(findings.first { $0.code == "plugin-marketplace-source" && $0.message.contains("gone") }?.location?.line == 4,
                "a missing path source is located at its entry in marketplace.json")
    }
}
