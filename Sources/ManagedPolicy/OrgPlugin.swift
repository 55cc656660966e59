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

/// A validated org plugin directory (it installs under `name`).
public struct OrgPlugin: Sendable {
    public var name: String
    public var directory: URL
    /// Every file to ship, sorted by relative path (symlinks escaping the plugin excluded).
    public var files: [PluginFile]
}

/// Validates one plugin directory as the app reads it: `.claude-plugin/plugin.json`
/// (only `name` required) or a top-level `SKILL.md`, then `.mcp.json`, `hooks/`,
/// `skills/`, `agents/`, `commands/`, `version.json` and every path the manifest names.
/// Returns the plugin (nil when it cannot ship) and its findings.
public struct OrgPluginValidator: Sendable {
    public init() {}

    /// `installName` is the name the plugin installs under: the directory name unless a
    /// marketplace entry names it.
    public func validate(directory: URL, installName: String? = nil) -> (plugin: OrgPlugin?, findings: [Finding]) {
        let root = directory.resolvingSymlinksInPath().standardizedFileURL
        let name = installName ?? directory.lastPathComponent
        var findings: [Finding] = []
        let here = SourceLocation(file: directory.path, line: 1, column: 1)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return (nil, [Finding(.error, code: .pluginMissing, message: "plugin directory \(directory.lastPathComponent) does not exist", location: here,
                                  hint: "fix the path, or remove the entry")])
        }
        if name.range(of: "^[a-z0-9][a-z0-9._-]*$", options: .regularExpression) == nil {
            findings.append(Finding(.warning, code: .pluginName, message: "plugin name '\(name)' is not lowercase kebab-case", location: here,
                                    hint: "rename it, e.g. \(name.lowercased().replacingOccurrences(of: " ", with: "-"))"))
        }
        // The same safe walk as distribution content: links only inside the plugin,
        // portable names, size caps. A link leading out is left behind, not fatal.
        let walk = ContentTree(root: root, codes: .plugin, skippedNames: [".DS_Store", ".git"]).files(in: root)
        let files = walk.files.map { PluginFile(relativePath: $0.relativePath, source: $0.source, executable: $0.executable) }
        let paths = Set(files.map(\.relativePath))
        guard paths.contains(PluginContentChecks.manifestPath) || paths.contains("SKILL.md") else {
            return (nil, walk.findings + [notAPlugin(root, here: here)])
        }
        findings += walk.findings
        findings += PluginContentChecks(root: root, installName: name, paths: paths).all()
        let fatal = findings.contains { $0.severity == .error && $0.code != .pluginSymlinkEscape }
        return (fatal ? nil : OrgPlugin(name: name, directory: root, files: files), findings)
    }

    /// The finding for a directory the app ignores, naming the plugins inside it when it
    /// is a folder of plugins rather than one.
    func notAPlugin(_ root: URL, here: SourceLocation) -> Finding {
        let children = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
        let nested = children.filter { child in
            ["\(PluginContentChecks.manifestPath)", "SKILL.md"].contains {
                FileManager.default.fileExists(atPath: root.appendingPathComponent(child).appendingPathComponent($0).path)
            }
        }
        let hint = nested.isEmpty
            ? "add .claude-plugin/plugin.json with a name, or a top-level SKILL.md"
            : "it holds plugins (\(nested.joined(separator: ", "))): ship them one level up, or select them from a marketplace"
        return Finding(.error, code: .pluginManifestMissing,
                       message: "\(root.lastPathComponent) has neither \(PluginContentChecks.manifestPath) nor a top-level SKILL.md; the app ignores it",
                       location: here, hint: hint)
    }
}
