import Foundation

/// `SHA256SUMS` files as written by `sha256sum` and checked by `sha256sum -c`:
/// one `<hex>  <name>` line per file (two spaces: text mode), sorted by name.
public enum Checksums {
    /// The file name conventionally used.
    public static let fileName = "SHA256SUMS"

    /// The text for `digests` (name -> lowercase hex). Names must be valid archive paths
    /// (so they never need sha256sum's backslash escaping).
    public static func sha256sums(_ digests: [String: String]) throws(PackagingError) -> String {
        var text = ""
        for name in digests.keys.sorted(by: ArchivePath.byteOrder) {
            try ArchivePath.validate(name)
            text += "\(digests[name] ?? "")  \(name)\n"
        }
        return text
    }

    /// Digests the files `names` (relative to `directory`) and returns the text.
    public static func sha256sums(of names: [String], in directory: URL) throws(PackagingError) -> String {
        var digests: [String: String] = [:]
        for name in names {
            try ArchivePath.validate(name)
            let url = directory.appendingPathComponent(name)
            do { digests[name] = try SHA256Digest.file(at: url).hex } catch {
                throw PackagingError(.io, path: url.path, "cannot digest: \(error.localizedDescription)")
            }
        }
        return try sha256sums(digests)
    }
}
