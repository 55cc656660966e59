import Foundation
import Packaging

/// The pin of a `path:` upstream: one SHA-256 over every file of the release directory,
/// so a changed skill, schema, MCP or branding file changes it as surely as a changed
/// config. Definition (docs/distribution-yaml.md):
///
/// - walk the directory recursively, skipping every entry whose name starts with `.`
///   (`.git`, `.DS_Store`); directories contribute only their files;
/// - each regular file gives the line `<mode> <sha256 of its bytes> <path>\n`, mode
///   `100755` when any execute bit is set, else `100644`; each symbolic link (never
///   followed) gives `120000 <sha256 of its target text> <path>\n`; `path` is relative
///   to the directory, `/`-separated, UTF-8;
/// - lines are sorted by the UTF-8 bytes of `path` and hashed together: the digest is
///   the lowercase hex SHA-256 of their concatenation.
///
/// Anything else (a FIFO, socket or device; a name holding a newline; more than
/// `maxFiles` entries or `maxDepth` levels) makes the tree unpinnable: an error.
public enum UpstreamTreeDigest {
    public static let maxFiles = 200_000
    public static let maxDepth = 64

    public struct Entry: Sendable, Equatable {
        /// Relative, `/`-separated.
        public var path: String
        public var mode: String
        public var sha256: String

        /// This entry's line in the digested listing, newline included.
        public var line: String { "\(mode) \(sha256) \(path)\n" }
    }

    public struct Failure: Error, Sendable, Equatable {
        public var message: String
    }

    /// The tree digest of `root`.
    public static func digest(of root: URL) throws(Failure) -> String {
        SHA256Digest.hex(of: Array(try entries(of: root).map(\.line).joined().utf8))
    }

    /// The sorted entries of `root`, as digested.
    public static func entries(of root: URL) throws(Failure) -> [Entry] {
        var entries: [Entry] = []
        try walk(root, relative: "", depth: 0, into: &entries)
        return entries.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    }

    private static func walk(_ directory: URL, relative: String, depth: Int, into entries: inout [Entry]) throws(Failure) {
        guard depth <= maxDepth else { throw Failure(message: "'\(relative)' is nested more than \(maxDepth) levels deep") }
        let fm = FileManager.default
        let names: [String]
        do { names = try fm.contentsOfDirectory(atPath: directory.path) } catch {
            throw Failure(message: "cannot list '\(relative.isEmpty ? "." : relative)': \(error.localizedDescription)")
        }
        for name in names where !name.hasPrefix(".") {
            let path = relative.isEmpty ? name : relative + "/" + name
            guard !name.contains("\n") && !name.contains("\r") else {
                throw Failure(message: "'\(path.debugDescription)' holds a line break, which the tree digest cannot list")
            }
            let url = directory.appendingPathComponent(name)
            let attributes: [FileAttributeKey: Any]
            do { attributes = try fm.attributesOfItem(atPath: url.path) } catch {
                throw Failure(message: "cannot read '\(path)': \(error.localizedDescription)")
            }
            switch attributes[.type] as? FileAttributeType {
            case .typeDirectory?:
                try walk(url, relative: path, depth: depth + 1, into: &entries)
                continue
            case .typeRegular?:
                let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
                let digest: String
                do { digest = try SHA256Digest.file(at: url).hex } catch {
                    throw Failure(message: "cannot read '\(path)': \(error.localizedDescription)")
                }
                entries.append(Entry(path: path, mode: permissions & 0o111 != 0 ? "100755" : "100644", sha256: digest))
            case .typeSymbolicLink?:
                let target: String
                do { target = try fm.destinationOfSymbolicLink(atPath: url.path) } catch {
                    throw Failure(message: "cannot read link '\(path)': \(error.localizedDescription)")
                }
                entries.append(Entry(path: path, mode: "120000", sha256: SHA256Digest.hex(of: Array(target.utf8))))
            default:
                throw Failure(message: "'\(path)' is not a regular file, directory or symbolic link")
            }
            guard entries.count <= maxFiles else { throw Failure(message: "more than \(maxFiles) files") }
        }
    }
}
