import Foundation

/// One entry to put in an archive: a relative `/`-separated path and where its content
/// comes from. Modes are not free-form: files are 0644, or 0755 when executable,
/// directories 0755 and symlinks 0777, so an archive never depends on a umask.
public struct ArchiveEntry: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Content streamed from a file on disk when the archive is written. A path
        /// rather than a URL, split to share the entry's path (see `SourcePath`): a build
        /// plan holds one per file.
        case file(source: SourcePath)
        /// Content given in memory (small generated files: config, manifests).
        case data([UInt8])
        case directory
        /// A relative symlink; the target must stay inside the archive root.
        case symlink(target: String)
    }

    public var path: String
    public var kind: Kind
    /// Only meaningful for `.file` and `.data`; directories are always 0755.
    public var isExecutable: Bool

    public init(path: String, kind: Kind, executable: Bool = false) {
        self.path = path
        self.kind = kind
        self.isExecutable = executable
    }

    /// The permission bits written to the archive.
    public var mode: UInt16 {
        switch kind {
        case .directory: return 0o755
        case .symlink: return 0o777
        case .file, .data: return isExecutable ? 0o755 : 0o644
        }
    }

    public static func file(_ path: String, source: URL, executable: Bool = false) -> ArchiveEntry {
        ArchiveEntry(path: path, kind: .file(source: SourcePath(source.path)), executable: executable)
    }

    /// A file entry whose content comes from the file at the absolute path `sourcePath`.
    public static func file(_ path: String, sourcePath: String, executable: Bool = false) -> ArchiveEntry {
        ArchiveEntry(path: path, kind: .file(source: SourcePath(sourcePath)), executable: executable)
    }

    /// A file entry whose content comes from `source`.
    public static func file(_ path: String, source: SourcePath, executable: Bool = false) -> ArchiveEntry {
        ArchiveEntry(path: path, kind: .file(source: source), executable: executable)
    }

    public static func data(_ path: String, _ bytes: [UInt8], executable: Bool = false) -> ArchiveEntry {
        ArchiveEntry(path: path, kind: .data(bytes), executable: executable)
    }

    public static func text(_ path: String, _ text: String) -> ArchiveEntry {
        ArchiveEntry(path: path, kind: .data(Array(text.utf8)))
    }

    public static func directory(_ path: String) -> ArchiveEntry {
        ArchiveEntry(path: path, kind: .directory)
    }

    public static func symlink(_ path: String, target: String) -> ArchiveEntry {
        ArchiveEntry(path: path, kind: .symlink(target: target))
    }

    /// Whether the file at `url` has its owner execute bit set; callers use it to carry
    /// the one permission that matters from a source tree into an archive.
    public static func isExecutable(at url: URL) throws(PackagingError) -> Bool {
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            throw PackagingError(.io, path: url.path, "cannot stat: \(String(cString: strerror(errno)))")
        }
        return info.st_mode & 0o100 != 0
    }

    /// Entries for everything below `directory` (not the directory itself), with paths
    /// prefixed by `prefix` (e.g. `acme-1.0/`), executability taken from each file's
    /// owner `x` bit and symlinks kept as symlinks. Sorted byte-wise.
    public static func tree(at directory: URL, prefix: String = "") throws(PackagingError) -> [ArchiveEntry] {
        let fm = FileManager.default
        guard let names = fm.subpaths(atPath: directory.path) else {
            throw PackagingError(.io, path: directory.path, "cannot list directory")
        }
        var entries: [ArchiveEntry] = []
        for name in names.sorted(by: ArchivePath.byteOrder) {
            let url = directory.appendingPathComponent(name)
            var info = stat()
            guard lstat(url.path, &info) == 0 else {
                throw PackagingError(.io, path: url.path, "cannot stat: \(String(cString: strerror(errno)))")
            }
            let path = prefix + name
            switch info.st_mode & FileTypeBits.mask {
            case FileTypeBits.directory: entries.append(.directory(path))
            case FileTypeBits.regular: entries.append(.file(path, source: url, executable: info.st_mode & 0o100 != 0))
            case FileTypeBits.symlink:
                guard let target = try? fm.destinationOfSymbolicLink(atPath: url.path) else {
                    throw PackagingError(.io, path: url.path, "cannot read symlink")
                }
                entries.append(.symlink(path, target: target))
            default:
                throw PackagingError(.invalidPath, path: url.path, "only files, directories and symlinks can be archived")
            }
        }
        return entries
    }
}
