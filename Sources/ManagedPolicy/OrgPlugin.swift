import Foundation
import Packaging
import Documents
import Diagnostics

/// A file of a plugin to ship: its path inside the plugin, where to read it, and whether
/// it installs executable.
public struct PluginFile: Sendable, Hashable {
    public var relativePath: String
    public var source: URL
    public var executable: Bool
}

/// A validated org plugin directory (the directory name is the plugin name).
public struct OrgPlugin: Sendable {
    public var name: String
    public var directory: URL
    /// Every file to ship, sorted by relative path (symlinks escaping the plugin excluded).
    public var files: [PluginFile]
}

/// Validates one plugin directory: `.claude-plugin/plugin.json` or a top-level
/// `SKILL.md`, `.mcp.json`, `skills/*/SKILL.md`, `agents/*.md`, `commands/*.md`, `hooks/`,
/// `version.json`. Returns the plugin (nil when it cannot ship) and its findings.
public struct OrgPluginValidator: Sendable {
    public init() {}

    public func validate(directory: URL) -> (plugin: OrgPlugin?, findings: [Finding]) {
        let root = directory.resolvingSymlinksInPath().standardizedFileURL
        let name = directory.lastPathComponent
        var findings: [Finding] = []
        func add(_ severity: Severity, _ code: FindingCode, _ message: String, _ path: String, line: Int = 1, hint: String? = nil) {
            findings.append(Finding(severity, code: code, message: message,
                                    location: SourceLocation(file: directory.appendingPathComponent(path).path, line: line, column: 1), hint: hint))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            add(.error, .pluginMissing, "plugin directory \(name) does not exist", "")
            return (nil, findings)
        }
        if name.range(of: "^[a-z0-9][a-z0-9._-]*$", options: .regularExpression) == nil {
            add(.warning, .pluginName, "plugin directory name '\(name)' is not lowercase kebab-case", "")
        }
        // The same safe walk as distribution content: links only inside the plugin,
        // portable names, size caps. A link leading out is left behind, not fatal.
        let walk = ContentTree(root: root, codes: .plugin, skippedNames: [".DS_Store", ".git"]).files(in: root)
        findings += walk.findings
        let files = walk.files.map { PluginFile(relativePath: $0.relativePath, source: $0.source, executable: $0.executable) }
        let paths = Set(files.map(\.relativePath))
        let checks = PluginContentChecks(root: root, name: name, paths: paths)
        findings += checks.manifest()
        findings += checks.mcpServers()
        findings += checks.skills()
        findings += checks.markdownFolders()
        findings += checks.versionFile()
        let fatal = findings.contains { $0.severity == .error && $0.code != .pluginSymlinkEscape }
        return (fatal ? nil : OrgPlugin(name: name, directory: root, files: files), findings)
    }
}

