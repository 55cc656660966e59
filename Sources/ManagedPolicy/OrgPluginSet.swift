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

    /// Plugins chosen by name from a marketplace directory. A name the marketplace does
    /// not list is an error at the selection's own location with a did-you-mean; an entry
    /// the app would fetch itself cannot ship in the org-plugins directory.
    public static func select(_ selections: [PluginSelection], from marketplace: URL) -> (set: OrgPluginSet, findings: [Finding]) {
        let (catalog, catalogFindings) = OrgMarketplace.load(directory: marketplace)
        var findings = catalogFindings
        var plugins: [OrgPlugin] = []
        guard let catalog else { return (OrgPluginSet(plugins: []), findings) }
        var seen: Set<String> = []
        for selection in selections {
            let name = selection.name
            let at = selection.location ?? catalog.location
            guard seen.insert(name).inserted else {
                findings.append(Finding(.error, code: .pluginSelectedTwice, message: "plugin '\(name)' is selected twice", location: at,
                                        hint: "list it once"))
                continue
            }
            guard let entry = catalog.entries[name] else {
                findings.append(Finding(.error, code: .pluginNotInMarketplace, message: "the marketplace lists no plugin '\(name)'",
                                        location: at, hint: "pick a listed plugin" + Suggestions.didYouMean(name, among: catalog.entries.keys.sorted())))
                continue
            }
            switch entry.source {
            case .remote(let kind, let reference):
                findings.append(Finding(.error, code: .pluginMarketplaceRemote,
                                        message: "plugin '\(name)' is a \(kind) source (\(reference)); only plugins inside the marketplace directory can ship",
                                        location: at, hint: "vendor it into the marketplace, or let devices fetch it through allowedPluginMarketplaces"))
            case .local(let directory):
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                    findings.append(Finding(.error, code: .pluginMarketplaceSource,
                                            message: "the marketplace's source for '\(name)' is not a directory in the marketplace",
                                            location: entry.sourceLocation, hint: "fix the path (relative to the marketplace root) or copy the plugin in"))
                    continue
                }
                var (plugin, pluginFindings) = OrgPluginValidator().validate(directory: directory, installName: name)
                findings += pluginFindings
                plugin?.name = name
                if let plugin { plugins.append(plugin) }
            }
        }
        return (OrgPluginSet(plugins: plugins), findings)
    }

    /// `select` for plain names (located at the marketplace file).
    public static func select(_ names: [String], from marketplace: URL) -> (set: OrgPluginSet, findings: [Finding]) {
        select(names.map { PluginSelection(name: $0) }, from: marketplace)
    }

    /// This set and `other` together; a name in both is an error (one directory per name).
    public func merging(_ other: OrgPluginSet, at location: SourceLocation?) -> (set: OrgPluginSet, findings: [Finding]) {
        let mine = Set(plugins.map(\.name))
        let clashes = other.plugins.filter { mine.contains($0.name) }
        let findings = clashes.map {
            Finding(.error, code: .pluginSelectedTwice, message: "plugin '\($0.name)' comes from both the plugins directory and the marketplace",
                    location: location, hint: "keep one of them")
        }
        return (OrgPluginSet(plugins: plugins + other.plugins.filter { !mine.contains($0.name) }), findings)
    }

    /// Files to ship under the platform's org-plugins directory, sorted by archive path.
    public func entries(platform: PluginPlatform, registry: KeyRegistry) -> [PluginFileEntry] {
        let root = registry.orgPluginRoots[platform.rawValue] ?? "org-plugins"
        return plugins.flatMap { plugin in
            plugin.files.map { PluginFileEntry(archivePath: "\(root)/\(plugin.name)/\($0.relativePath)", source: $0.source, executable: $0.executable) }
        }.sorted { $0.archivePath < $1.archivePath }
    }
}

/// A plugin chosen by name from a marketplace, with where the choice was written.
public struct PluginSelection: Sendable, Hashable {
    public var name: String
    public var location: SourceLocation?

    public init(name: String, location: SourceLocation? = nil) {
        self.name = name
        self.location = location
    }
}
