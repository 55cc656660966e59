import Foundation
import ManagedPolicy
import Documents
import OpenCowork
import Packaging

extension DistributionTemplate {
    /// What `write` produced.
    public struct Written: Sendable {
        /// The new distribution directory.
        public var directory: URL
        /// Every file written, relative to `directory`, sorted (the copied upstream included).
        public var files: [String]
        /// `upstream.path` as written into distribution.yaml (nil for claude-3p).
        public var upstreamPath: String?
    }

    /// Writes a new distribution of `kind` named `name` into `destination`, which must not
    /// exist or be an empty directory. Everything is staged in a sibling directory and
    /// moved into place at the end, so a failure never leaves a half-written distribution.
    public func write(name: String, kind: Kind, upstream: UpstreamChoice, to destination: URL) throws -> Written {
        if let problem = Self.problem(withName: name) { throw DistributionTemplateError.invalidName(problem) }
        let destination = destination.standardizedFileURL
        try Self.checkDestination(destination)

        var upstreamPath: String?
        var copyUpstream = false
        var upstreamSHA256: String?
        if kind.needsUpstream {
            switch upstream {
            case .bundled:
                guard source.exists("upstream-base/open-cowork.config.json") else {
                    throw DistributionTemplateError.upstreamInvalid("upstream-base (bundled)")
                }
                upstreamPath = "upstream"
                copyUpstream = true
            case .path(let url):
                let release = url.standardizedFileURL
                try Self.checkRelease(release)
                upstreamPath = Self.relativePath(from: destination, to: release)
                // Pinned from the start with the tree digest a path pin is checked against:
                // a changed release is then a finding, not a surprise.
                do { upstreamSHA256 = try UpstreamTreeDigest.digest(of: release) } catch {
                    throw DistributionTemplateError.upstreamInvalid(release.path)
                }
            }
        } else if upstream != .bundled {
            throw DistributionTemplateError.upstreamNotAllowed
        }

        let planned = try render(name: name, kind: kind, upstreamPath: upstreamPath ?? "", upstreamSHA256: upstreamSHA256)
            + (try Self.editorSchemas(kind: kind))
        let fileManager = FileManager.default
        let parent = destination.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent).init-\(UUID().uuidString)")
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            var written: [String] = []
            for file in planned {
                let target = staging.appendingPathComponent(file.path)
                try fileManager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.contents.write(to: target)
                written.append(file.path)
            }
            if copyUpstream {
                for relative in try source.files(under: "upstream-base") {
                    let target = staging.appendingPathComponent("upstream/" + relative)
                    try fileManager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try source.contents("upstream-base/" + relative).write(to: target)
                    written.append("upstream/" + relative)
                }
            }
            if fileManager.fileExists(atPath: destination.path) {
                // An empty directory, or one holding only VCS metadata (checked above), which
                // stays: the new files move in beside it.
                for entry in try fileManager.contentsOfDirectory(atPath: staging.path) {
                    try fileManager.moveItem(at: staging.appendingPathComponent(entry), to: destination.appendingPathComponent(entry))
                }
                try fileManager.removeItem(at: staging)
            } else {
                try fileManager.moveItem(at: staging, to: destination)
            }
            return Written(directory: destination, files: written.sorted(), upstreamPath: upstreamPath)
        } catch let error as DistributionTemplateError {
            try? fileManager.removeItem(at: staging)
            throw error
        } catch {
            try? fileManager.removeItem(at: staging)
            throw DistributionTemplateError.writeFailed("\(error.localizedDescription)")
        }
    }

    /// The JSON Schemas the `# yaml-language-server: $schema=` lines of the templates name,
    /// so an editor completes and checks the new files at once.
    static func editorSchemas(kind: Kind) throws -> [PlannedFile] {
        var files = [PlannedFile(path: "distribution.schema.json", contents: Data(JSONWriter().string(EditorSchemas.distribution()).utf8))]
        if kind != .desktop {
            do {
                let loader = try PolicyLoader.bundled()
                let schema = EditorSchemas.policy(registry: loader.registry, presetNames: Array(loader.presets.keys))
                files.append(PlannedFile(path: "policy/policy.schema.json", contents: Data(JSONWriter().string(schema).utf8)))
            } catch {
                throw DistributionTemplateError.writeFailed("the bundled key registry cannot be read: \(error)")
            }
        }
        return files
    }

    /// Entries a fresh repository holds, which `init` writes beside.
    static let vcsMetadata: Set<String> = [".git", ".gitignore", ".gitattributes", ".hg", ".hgignore"]

    /// The destination may be absent, empty or hold only VCS metadata; anything else is refused.
    static func checkDestination(_ destination: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: destination.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw DistributionTemplateError.destinationNotDirectory(destination.path) }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: destination.path)) ?? ["?"]
        // A fresh repository (`git init`, perhaps a .gitignore) counts as empty.
        if !entries.allSatisfy(vcsMetadata.contains) { throw DistributionTemplateError.destinationNotEmpty(destination.path) }
    }

    static func checkRelease(_ directory: URL) throws {
        var isDirectory: ObjCBool = false
        let config = directory.appendingPathComponent("open-cowork.config.json").path
        guard FileManager.default.fileExists(atPath: config, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw DistributionTemplateError.upstreamInvalid(directory.path)
        }
    }

    /// `target` relative to `base` (both absolute), so a distribution that references an
    /// upstream beside it keeps working when the two move together.
    static func relativePath(from base: URL, to target: URL) -> String {
        let from = base.standardizedFileURL.pathComponents
        let to = target.standardizedFileURL.pathComponents
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        // Only the root in common: an absolute path says more than a chain of '..'.
        if common <= 1 { return target.standardizedFileURL.path }
        let ups = Array(repeating: "..", count: from.count - common)
        let parts = ups + to[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
