import Foundation
import Packaging

/// What stage 6 has in hand while the summarising kinds write their files: the verified
/// build, every file written so far (name, digest, size) and the digests already taken.
struct CommittingBuild {
    let verified: VerifiedBuild
    let options: BuildOptions
    var digests: DigestCache
    /// SHA-256 of every file written so far, by name (what SHA256SUMS lists).
    var sums: [String: String] = [:]
    /// Every file written, with its size (the build summary).
    var written: [(String, Int)] = []
    /// Set by `BuildManifestFile`.
    var manifest: BuildManifest?

    /// Starts from the artifacts the write stage wrote.
    init(verified: VerifiedBuild, options: BuildOptions) {
        self.verified = verified
        self.options = options
        digests = DigestCache(store: verified.staged.store)
        for (artifact, file) in zip(verified.staged.plan.artifacts, verified.staged.files) {
            record(artifact.name, sha256: file.hex, size: file.size)
        }
    }

    mutating func record(_ name: String, sha256: String, size: Int) {
        sums[name] = sha256
        written.append((name, size))
    }
}

/// SHA-256 of each source read once, however many archives it appears in: taken from
/// the archive writer's store when it compressed the file, read otherwise.
struct DigestCache {
    var store: DeflatedContentStore?
    /// Files the store does not hold (read again for the manifest), by path. The store
    /// already answers for every archived file, so they are not copied here.
    var files: [String: (hex: String, size: Int)] = [:]

    mutating func file(_ url: URL) throws -> (hex: String, size: Int) { try file(path: url.path) }

    mutating func file(path: String) throws -> (hex: String, size: Int) { try file(source: SourcePath(path)) }

    mutating func file(source: SourcePath) throws -> (hex: String, size: Int) {
        if let content = store?.content(of: .file("", source: source)) { return (content.sha256, Int(content.size)) }
        let path = source.path
        if let hit = files[path] { return hit }
        let digest = try SHA256Digest.file(at: URL(fileURLWithPath: path))
        files[path] = digest
        return digest
    }

    /// The manifest record of an archive entry; nil for directories and links.
    mutating func record(_ entry: ArchiveEntry) throws -> BuildManifest.FileRecord? {
        let mode = "0" + String(entry.mode, radix: 8)
        switch entry.kind {
        case .file(let source):
            let (hex, size) = try file(source: source)
            return BuildManifest.FileRecord(path: entry.path, sha256: hex, size: size, mode: mode)
        case .data(let bytes):
            let hex = store?.content(of: entry)?.sha256 ?? SHA256Digest.hex(of: bytes)
            return BuildManifest.FileRecord(path: entry.path, sha256: hex, size: bytes.count, mode: mode)
        default:
            return nil
        }
    }
}
