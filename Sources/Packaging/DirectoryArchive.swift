import Foundation

/// A directory on disk as archive entries, for packaging a staged tree as it is (the
/// `make dist` tarball of cowork-dist itself). Regular files keep only their executable
/// bit; symlinks and special files are refused, so the archive says exactly what the tree
/// holds and nothing depends on the machine that staged it.
public enum DirectoryArchive {
    /// Entries for every file and directory below `directory`, each path prefixed with
    /// `prefix/` (the top-level folder inside the archive).
    public static func entries(of directory: URL, prefix: String) throws(PackagingError) -> [ArchiveEntry] {
        let base = directory.standardizedFileURL.path
        let fileManager = FileManager.default
        guard let names = fileManager.subpaths(atPath: base) else {
            throw PackagingError(.io, path: base, "cannot list the directory")
        }
        var entries: [ArchiveEntry] = [.directory(prefix)]
        for name in names.sorted(by: ArchivePath.byteOrder) {
            let path = base + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else {
                throw PackagingError(.io, path: path, "cannot read: \(String(cString: strerror(errno)))")
            }
            let archived = prefix + "/" + name
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                entries.append(.directory(archived))
            case S_IFREG:
                entries.append(.file(archived, source: URL(fileURLWithPath: path), executable: info.st_mode & 0o111 != 0))
            default:
                throw PackagingError(.invalidArgument, path: path, "only regular files and directories can be packaged")
            }
        }
        return entries
    }
}
