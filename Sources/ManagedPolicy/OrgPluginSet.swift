import Foundation
import Documents
import Diagnostics

/// The platforms with an org-plugins directory.
public enum PluginPlatform: String, Sendable, CaseIterable {
    case macos, windows
}

/// A file to place in an install tree or archive.
public struct PluginFileEntry: Sendable, Hashable {
    public var archivePath: String
    public var source: URL
    public var executable: Bool
}

/// The org plugins of a distribution, from a plugins directory (one plugin per
/// subdirectory) or selected by name from a marketplace.
public struct OrgPluginSet: Sendable {
    public var plugins: [OrgPlugin]

    public init(plugins: [OrgPlugin]) { self.plugins = plugins.sorted { $0.name < $1.name } }

    /// Every subdirectory of `directory` as a plugin; invalid plugins are left out and
    /// reported.
    public static func load(directory: URL) -> (set: OrgPluginSet, findings: [Finding]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
        var plugins: [OrgPlugin] = []
        var findings: [Finding] = []
        for name in names where !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let (plugin, pluginFindings) = OrgPluginValidator().validate(directory: url)
            findings += pluginFindings
            if let plugin { plugins.append(plugin) }
        }
        return (OrgPluginSet(plugins: plugins), findings)
    }

    /// Plugins chosen by name from a marketplace directory.
    public static func select(_ names: [String], from marketplace: URL) -> (set: OrgPluginSet, findings: [Finding]) {
        let (catalog, catalogFindings) = OrgMarketplace.load(directory: marketplace)
        var findings = catalogFindings
        var plugins: [OrgPlugin] = []
        guard let catalog else { return (OrgPluginSet(plugins: []), findings) }
        for name in names.sorted() {
            guard let source = catalog.sources[name] else {
                findings.append(Finding(.error, code: .pluginNotInMarketplace, message: "marketplace has no plugin '\(name)'",
                                        location: catalog.location,
                                        hint: Suggestions.didYouMean(name, among: catalog.sources.keys.sorted())))
                continue
            }
            var (plugin, pluginFindings) = OrgPluginValidator().validate(directory: source)
            findings += pluginFindings
            // The marketplace name is the install name, whatever the source folder is called.
            plugin?.name = name
            if let plugin { plugins.append(plugin) }
        }
        return (OrgPluginSet(plugins: plugins), findings)
    }

    /// Files to ship under the platform's org-plugins directory, sorted by archive path.
    public func entries(platform: PluginPlatform, registry: KeyRegistry) -> [PluginFileEntry] {
        let root = registry.orgPluginRoots[platform.rawValue] ?? "org-plugins"
        return plugins.flatMap { plugin in
            plugin.files.map { PluginFileEntry(archivePath: "\(root)/\(plugin.name)/\($0.relativePath)", source: $0.source, executable: $0.executable) }
        }.sorted { $0.archivePath < $1.archivePath }
    }
}

/// A marketplace: `.claude-plugin/marketplace.json` listing `plugins[]` with `name` and a
/// `source` path relative to the marketplace directory (kept inside it).
public struct OrgMarketplace: Sendable {
    public var sources: [String: URL]
    public var location: SourceLocation

    public static func load(directory: URL) -> (marketplace: OrgMarketplace?, findings: [Finding]) {
        let path = directory.appendingPathComponent(".claude-plugin/marketplace.json").path
        let document: Document
        do { document = try DocumentLoader().load(path: path, format: .json) } catch { return (nil, [Finding(error)]) }
        guard let entries = document.value["plugins"]?.arrayValue else {
            return (nil, [Finding(.error, code: .pluginMarketplaceInvalid, message: "marketplace.json needs a plugins list",
                                  location: document.location(of: .root))])
        }
        let root = directory.resolvingSymlinksInPath().standardizedFileURL
        var sources: [String: URL] = [:]
        var findings: [Finding] = []
        for (index, entry) in entries.enumerated() {
            let pointer = JSONPointer(tokens: ["plugins", String(index)])
            guard let name = entry["name"]?.stringValue, let source = entry["source"]?.stringValue else {
                findings.append(Finding(.error, code: .pluginMarketplaceInvalid, message: "plugins[\(index)] needs a name and a source path",
                                        location: document.location(of: pointer), pointer: pointer))
                continue
            }
            let url = root.appendingPathComponent(source).resolvingSymlinksInPath().standardizedFileURL
            guard url.path.hasPrefix(root.path + "/") else {
                findings.append(Finding(.error, code: .pluginMarketplaceSource, message: "source '\(source)' of \(name) leaves the marketplace",
                                        location: document.location(of: pointer / "source"), pointer: pointer / "source"))
                continue
            }
            if sources[name] != nil {
                findings.append(Finding(.error, code: .pluginMarketplaceDuplicate, message: "plugin '\(name)' is listed twice",
                                        location: document.location(of: pointer), pointer: pointer))
            }
            sources[name] = url
        }
        return (OrgMarketplace(sources: sources, location: document.location(of: .root)), findings)
    }
}
