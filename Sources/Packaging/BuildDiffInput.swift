import Foundation
import Documents

/// One side of `cowork-dist diff`: a build's manifest and, when available, its merged
/// config. Loaded from an output directory (its `build-manifest.json` and, if present,
/// `config.resolved.json`) or from a `build-manifest.json` file alone.
public struct BuildDiffInput: Hashable, Sendable {
    /// The name of the merged config a build writes next to its manifest.
    public static let configFileName = "config.resolved.json"

    /// How the build is named in reports (the path as given).
    public var label: String
    public var manifest: BuildManifest
    /// The merged config; nil when the side is a bare manifest file or the output
    /// directory holds no `config.resolved.json`.
    public var config: JSONValue?
    /// The output directory holding the artifacts; nil for a bare manifest file.
    public var directory: String?

    public init(label: String, manifest: BuildManifest, config: JSONValue? = nil, directory: String? = nil) {
        self.label = label
        self.manifest = manifest
        self.config = config
        self.directory = directory
    }

    /// True when `path` names a build rather than a policy file: a directory, a file
    /// called build-manifest.json, or JSON whose top level has a manifest's
    /// `formatVersion` and `outputs`. `cowork-dist diff` uses it to pick the comparison.
    public static func isBuild(path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
        if isDirectory.boolValue || (path as NSString).lastPathComponent == BuildManifest.fileName { return true }
        guard (path as NSString).pathExtension.lowercased() == "json",
              let bytes = try? DocumentLoader.readFile(path: path, maxBytes: DocumentLimits.default.maxBytes),
              let value = try? DocumentLoader().parse(bytes: bytes, format: .json, file: path).value.objectValue else { return false }
        return value["formatVersion"] != nil && value["outputs"] != nil
    }

    /// Reads a build from `path`. Throws a `PackagingError` naming the missing or
    /// unreadable file: a directory without `build-manifest.json`, a path that does not
    /// exist, a manifest or config that does not parse.
    public static func load(path: String) throws(PackagingError) -> BuildDiffInput {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PackagingError(.io, path: path, "no such build output directory or manifest file")
        }
        let directory = isDirectory.boolValue
        let manifestPath = directory ? (path as NSString).appendingPathComponent(BuildManifest.fileName) : path
        guard FileManager.default.fileExists(atPath: manifestPath) else {
            throw PackagingError(.io, path: manifestPath,
                                 "missing \(BuildManifest.fileName): is '\(path)' a cowork-dist build output directory?")
        }
        let manifest = try BuildManifest(json: try document(at: manifestPath), file: manifestPath)
        var config: JSONValue?
        if directory {
            let configPath = (path as NSString).appendingPathComponent(configFileName)
            if FileManager.default.fileExists(atPath: configPath) { config = try document(at: configPath) }
        }
        return BuildDiffInput(label: path, manifest: manifest, config: config, directory: directory ? path : nil)
    }

    private static func document(at path: String) throws(PackagingError) -> JSONValue {
        do {
            return try DocumentLoader().load(path: path, format: .json).value
        } catch {
            // The location carries the line and column of a parse error.
            throw PackagingError(.io, path: error.location.description, error.message)
        }
    }
}
