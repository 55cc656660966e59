import Foundation
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
        func add(_ severity: Severity, _ code: String, _ message: String, _ path: String, line: Int = 1, hint: String? = nil) {
            findings.append(Finding(severity, code: code, message: message,
                                    location: SourceLocation(file: directory.appendingPathComponent(path).path, line: line, column: 1), hint: hint))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            add(.error, "plugin-missing", "plugin directory \(name) does not exist", "")
            return (nil, findings)
        }
        if name.range(of: "^[a-z0-9][a-z0-9._-]*$", options: .regularExpression) == nil {
            add(.warning, "plugin-name", "plugin directory name '\(name)' is not lowercase kebab-case", "")
        }
        let walk = PluginTreeWalker(root: root).walk()
        for escaped in walk.escapingLinks {
            add(.error, "plugin-symlink-escape", "\(escaped) is a symlink leading outside the plugin; it is not shipped", escaped)
        }
        let paths = Set(walk.files.map(\.relativePath))
        let checks = PluginContentChecks(root: root, name: name, paths: paths)
        findings += checks.manifest()
        findings += checks.mcpServers()
        findings += checks.skills()
        findings += checks.markdownFolders()
        findings += checks.versionFile()
        let fatal = findings.contains { $0.severity == .error && $0.code != "plugin-symlink-escape" }
        return (fatal ? nil : OrgPlugin(name: name, directory: root, files: walk.files), findings)
    }
}

/// Lists a plugin's files, following symlinks only when they resolve inside the plugin.
struct PluginTreeWalker {
    let root: URL
    static let skipped: Set<String> = [".DS_Store", ".git"]

    func walk() -> (files: [PluginFile], escapingLinks: [String]) {
        var files: [PluginFile] = []
        var escaping: [String] = []
        var visited: Set<String> = []
        func visit(_ url: URL, _ relative: String, depth: Int) {
            guard depth < 32 else { return }
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
            for name in names where !Self.skipped.contains(name) {
                let child = url.appendingPathComponent(name)
                let rel = relative.isEmpty ? name : "\(relative)/\(name)"
                let resolved = child.resolvingSymlinksInPath().standardizedFileURL
                guard resolved.path == root.path || resolved.path.hasPrefix(root.path + "/") else {
                    escaping.append(rel)
                    continue
                }
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    if visited.insert(resolved.path).inserted { visit(resolved, rel, depth: depth + 1) }
                } else {
                    let attributes = try? FileManager.default.attributesOfItem(atPath: resolved.path)
                    let mode = (attributes?[.posixPermissions] as? NSNumber)?.intValue ?? 0o644
                    files.append(PluginFile(relativePath: rel, source: resolved, executable: mode & 0o111 != 0))
                }
            }
        }
        visit(root, "", depth: 0)
        return (files.sorted { $0.relativePath < $1.relativePath }, escaping.sorted())
    }
}
