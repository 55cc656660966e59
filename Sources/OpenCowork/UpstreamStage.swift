import Foundation
import Documents
import Diagnostics
import Packaging

/// Stage 2: locates the pinned upstream, verifies its sha256 when pinned, and finds its
/// config, schema and content roots.
public struct UpstreamStage: Sendable {
    public init() {}

    /// Locates the upstream named by `manifest.upstream`.
    public func run(_ manifest: Manifest) -> (Upstream?, [Finding]) {
        guard let reference = manifest.upstream else {
            return (nil, [Finding(.error, code: "manifest-upstream", message: "distribution.yaml names no upstream",
                                  location: manifest.document.location(of: .root), hint: "add upstream: { path: DIR } or { archive: FILE }")])
        }
        let displayBase = (manifest.document.file as NSString).deletingLastPathComponent
        switch reference.source {
        case .path(let path):
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : manifest.url(path)
            return locate(directory: url, display: PipelinePaths.join(displayBase, path), sha256: reference.sha256, at: reference.location)
        case .archive:
            return (nil, [Finding(.error, code: "upstream-archive-unsupported",
                                  message: "archive upstreams are not supported yet; unpack the release and use upstream: { path: DIR }",
                                  location: reference.location, pointer: "/upstream/archive")])
        }
    }

    /// Locates an upstream release directory; `sha256`, when given, pins the config file.
    public func locate(directory: URL, display: String, sha256: String?, at location: SourceLocation) -> (Upstream?, [Finding]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return (nil, [Finding(.error, code: "upstream-not-found", message: "upstream directory '\(display)' does not exist",
                                  location: location, pointer: "/upstream/path")])
        }
        let config = directory.appendingPathComponent(Upstream.configFileName)
        guard FileManager.default.fileExists(atPath: config.path) else {
            return (nil, [Finding(.error, code: "upstream-config-missing",
                                  message: "upstream '\(display)' holds no \(Upstream.configFileName)",
                                  location: location, pointer: "/upstream/path")])
        }
        let digest: String
        do {
            digest = try SHA256Digest.file(at: config).hex
        } catch {
            return (nil, [Finding(.error, code: "upstream-unreadable", message: "cannot read \(Upstream.configFileName): \(error)",
                                  location: location)])
        }
        if let sha256, sha256 != digest {
            return (nil, [Finding(.error, code: "upstream-digest-mismatch",
                                  message: "upstream config sha256 is \(digest), but distribution.yaml pins \(sha256)",
                                  location: location, pointer: "/upstream/sha256",
                                  hint: "if the upstream changed on purpose, update upstream.sha256")])
        }
        func directoryIfPresent(_ name: String) -> URL? {
            let url = directory.appendingPathComponent(name)
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue ? url : nil
        }
        let schema = directory.appendingPathComponent(Upstream.schemaFileName)
        let upstream = Upstream(root: directory, configPath: config,
                                configDisplayName: PipelinePaths.join(display, Upstream.configFileName),
                                schemaPath: FileManager.default.fileExists(atPath: schema.path) ? schema : nil,
                                skillsRoot: directoryIfPresent("skills"), brandingRoot: directoryIfPresent("branding"),
                                mcpsRoot: directoryIfPresent("mcps"), digest: digest, pinned: sha256 != nil)
        return (upstream, [])
    }
}
