import Foundation
import Documents
import Diagnostics
import Packaging

/// Stage 2: locates the pinned upstream, verifies its sha256 when pinned, and finds its
/// config, schema and content roots.
public struct UpstreamStage: Sendable {
    /// Where archive releases are unpacked (a private directory is made inside).
    public var scratchDirectory: URL

    public init(scratchDirectory: URL = FileManager.default.temporaryDirectory) {
        self.scratchDirectory = scratchDirectory
    }

    /// Locates the upstream named by `manifest.upstream`.
    public func run(_ manifest: Manifest) -> (Upstream?, [Finding]) {
        guard let reference = manifest.upstream else {
            return (nil, [Finding(.error, code: .manifestUpstream, message: "distribution.yaml names no upstream",
                                  location: manifest.document.location(of: .root), hint: "add upstream: { path: DIR } or { archive: FILE }")])
        }
        let displayBase = (manifest.document.file as NSString).deletingLastPathComponent
        switch reference.source {
        case .path(let path):
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : manifest.url(path)
            return locate(directory: url, display: PipelinePaths.join(displayBase, path), sha256: reference.sha256, at: reference.location)
        case .archive(let path):
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : manifest.url(path)
            return unpack(archive: url, display: PipelinePaths.join(displayBase, path), sha256: reference.sha256,
                          at: reference.location, scratch: scratchDirectory)
        }
    }

    /// Verifies an archive release against its pin, unpacks it safely into a private
    /// directory under `scratch`, and locates the release inside (at the top, or in the
    /// archive's single top-level directory).
    public func unpack(archive: URL, display: String, sha256: String?, at location: SourceLocation,
                       scratch: URL) -> (Upstream?, [Finding]) {
        func failure(_ code: FindingCode, _ message: String, hint: String? = nil) -> (Upstream?, [Finding]) {
            (nil, [Finding(.error, code: code, message: message, location: location, pointer: "/upstream/archive", hint: hint)])
        }
        guard FileManager.default.fileExists(atPath: archive.path) else {
            return failure(.upstreamNotFound, "upstream archive '\(display)' does not exist")
        }
        let digest: String
        do { digest = try SHA256Digest.file(at: archive).hex } catch {
            return failure(.upstreamUnreadable, "cannot read upstream archive '\(display)': \(error)")
        }
        if let sha256, sha256 != digest {
            return failure(.upstreamDigestMismatch, "upstream archive sha256 is \(digest), but distribution.yaml pins \(sha256)",
                           hint: "if the release changed on purpose, update upstream.sha256")
        }
        let target = scratch.appendingPathComponent("cowork-dist-upstream-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            _ = try SafeArchiveExtractor.extract(archive: archive, into: target)
        } catch {
            try? FileManager.default.removeItem(at: target)
            return failure(.upstreamArchiveInvalid, "cannot unpack upstream archive '\(display)': \(error)")
        }
        var root = target
        if !FileManager.default.fileExists(atPath: target.appendingPathComponent(Upstream.configFileName).path),
           let entries = try? FileManager.default.contentsOfDirectory(atPath: target.path), entries.count == 1 {
            root = target.appendingPathComponent(entries[0])
        }
        let (located, findings) = locate(directory: root, display: display, sha256: nil, at: location, pinTree: false)
        guard var upstream = located else {
            try? FileManager.default.removeItem(at: target)
            return (nil, findings.map { finding in
                var f = finding
                f.pointer = "/upstream/archive"
                if f.code == .upstreamConfigMissing {
                    f.message = "upstream archive '\(display)' holds no \(Upstream.configFileName) at its top or in a single top-level directory"
                }
                return f
            })
        }
        upstream.digest = digest
        upstream.pinned = sha256 != nil
        upstream.temporaryDirectory = target
        upstream.configDisplayName = "\(display)!/\(root == target ? "" : root.lastPathComponent + "/")\(Upstream.configFileName)"
        return (upstream, findings)
    }

    /// Locates an upstream release directory. When `pinTree` is true (the `path:` form)
    /// its digest is the tree digest of the whole directory (`UpstreamTreeDigest`), checked
    /// against `sha256` when given; an archive's copy is not digested again.
    public func locate(directory: URL, display: String, sha256: String?, at location: SourceLocation,
                       pinTree: Bool = true) -> (Upstream?, [Finding]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return (nil, [Finding(.error, code: .upstreamNotFound, message: "upstream directory '\(display)' does not exist",
                                  location: location, pointer: "/upstream/path")])
        }
        let config = directory.appendingPathComponent(Upstream.configFileName)
        guard FileManager.default.fileExists(atPath: config.path) else {
            return (nil, [Finding(.error, code: .upstreamConfigMissing,
                                  message: "upstream '\(display)' holds no \(Upstream.configFileName)",
                                  location: location, pointer: "/upstream/path")])
        }
        var findings: [Finding] = []
        var digest = ""
        if pinTree {
            do {
                digest = try UpstreamTreeDigest.digest(of: directory)
            } catch {
                return (nil, [Finding(.error, code: .upstreamUnreadable,
                                      message: "cannot compute the tree digest of upstream '\(display)': \(error.message)",
                                      location: location, pointer: "/upstream/path")])
            }
            if let sha256, sha256 != digest {
                return (nil, [Finding(.error, code: .upstreamDigestMismatch,
                                      message: "upstream directory's tree digest is \(digest), but distribution.yaml pins \(sha256); a file of the release (config, schema, skill, MCP or branding) differs from the pinned one",
                                      location: location, pointer: "/upstream/sha256",
                                      hint: "if the upstream changed on purpose, set upstream.sha256 to \(digest) (docs/distribution-yaml.md defines the digest)")])
            }
        }
        func directoryIfPresent(_ name: String) -> URL? {
            let url = directory.appendingPathComponent(name)
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue ? url : nil
        }
        let schema = directory.appendingPathComponent(Upstream.schemaFileName)
        var upstream = Upstream(root: directory, configPath: config,
                                configDisplayName: PipelinePaths.join(display, Upstream.configFileName),
                                schemaPath: FileManager.default.fileExists(atPath: schema.path) ? schema : nil,
                                skillsRoot: directoryIfPresent("skills"), brandingRoot: directoryIfPresent("branding"),
                                mcpsRoot: directoryIfPresent("mcps"), digest: digest, pinned: sha256 != nil,
                                temporaryDirectory: nil)
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent(Upstream.standInMarkerFileName).path) {
            upstream.isStandIn = true
            findings.append(UpstreamStage.standInWarning(config: config, display: display, at: location))
        }
        return (upstream, findings)
    }

    /// Building on the stand-in ships its lists: upstream's deepMerge replaces arrays
    /// whole, so each one the shipped config carries replaces the real app's.
    static func standInWarning(config: URL, display: String, at location: SourceLocation) -> Finding {
        var lists: [String] = []
        if let document = try? DocumentLoader().load(path: config.path, format: .jsonc), case .object(let root) = document.value {
            lists = root.keys.filter { root[$0]?.arrayValue != nil }
        }
        let named = lists.isEmpty ? "agents, skills, MCPs" : lists.joined(separator: ", ")
        return Finding(.warning, code: .upstreamStandIn,
                       message: "upstream '\(display)' is cowork-dist's stand-in release (it holds \(Upstream.standInMarkerFileName)), not Open Cowork's; its lists (\(named)) would replace the real app's",
                       location: location, pointer: "/upstream",
                       hint: "point upstream at the Open Cowork release your users run (path: DIR or archive: FILE) and pin it")
    }
}
