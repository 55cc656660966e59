import Foundation

/// Data files compiled into the executable by the EmbedFilesPlugin (the key registry and
/// presets, the `init` templates, the stand-in upstream release), looked up by their
/// package-relative path. Nothing is read from disk at run time, so an installed copy of
/// the binary works anywhere, with no resource bundle beside it.
public enum BundledFiles {
    /// Every embedded file by package-relative path, decoded once on first use.
    static let files: [String: Data] = {
        var out: [String: Data] = [:]
        for entry in encoded { out[entry.path] = Data(base64Encoded: entry.base64) }
        return out
    }()

    /// Every embedded path, sorted.
    public static var paths: [String] { encoded.map(\.path) }

    /// The contents of the embedded file at `path` (e.g. `templates/init/README.md`), or nil.
    public static func data(_ path: String) -> Data? { files[path] }

    /// Paths of the embedded files below `directory`, relative to it, sorted.
    public static func files(under directory: String) -> [String] {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return encoded.map(\.path).filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }
}
