import Diagnostics
import Documents
import Foundation

/// One regular file found under a content root, with the path it takes in the bundle.
public struct ContentFile: Hashable, Sendable {
    /// Path relative to the walked directory, '/'-separated.
    public var relativePath: String
    /// The absolute path of the file (its real path when reached through a link). A
    /// path, not a URL: a walk of ten thousand files keeps one per file, and a file URL
    /// costs several times its path.
    public var sourcePath: String
    public var source: URL { URL(fileURLWithPath: sourcePath, isDirectory: false) }
    public var size: Int
    public var executable: Bool
}

/// Walks a content directory safely: symlinks are followed only when their real target
/// stays inside the root, names must be portable (no control characters, no
/// backslashes, no case-insensitive duplicates), and sizes are capped. Every refusal is
/// a finding (`content-symlink-escape`, `-case-collision`, `-bad-name`, `-file-too-large`,
/// `-too-large`, `-too-many-files`, `-too-deep`, `-special-file`, `-unreadable`; the same
/// under `plugin-` for org plugins: `ContentTree.Codes`) naming the offending path;
/// nothing is thrown. Distribution content and org plugins
/// are both walked with it.
public struct ContentTree {
    public let root: URL
    public let limits: ContentLimits
    /// The codes refusals are reported under: `.content` or `.plugin`.
    public let codes: Codes
    /// Names left out wherever they appear (editor and VCS droppings such as `.DS_Store`).
    public let skippedNames: Set<String>

    public init(root: URL, limits: ContentLimits = .default, codes: Codes = .content, skippedNames: Set<String> = []) {
        self.root = root
        self.limits = limits
        self.codes = codes
        self.skippedNames = skippedNames
    }

    /// The files below `directory` (which must be inside `root`), sorted by relative path.
    public func files(in directory: URL) -> (files: [ContentFile], findings: [Finding]) {
        var walk = Walk(rootReal: ContentTree.realPath(root) ?? root.path, limits: limits, codes: codes,
                        skippedNames: skippedNames)
        walk.visit(directory: directory, relative: "", depth: 0)
        return (walk.files.sorted { $0.relativePath < $1.relativePath }, walk.findings)
    }

    /// The real path (symlinks resolved) of an existing file system object.
    public static func realPath(_ url: URL) -> String? { realPath(url.path) }

    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// True when `path` is `root` or lies beneath it.
    public static func isInside(_ path: String, root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// A reference name (skill `sourceName`, MCP `packageName`) must be one plain path
    /// segment: no separators, no `.`/`..`, no control characters.
    public static func isSafeSegment(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.utf8.contains(UInt8(ascii: "/")) && !name.utf8.contains(UInt8(ascii: "\\"))
            && !name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    struct DirectoryIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    struct Walk {
        let rootReal: String
        let limits: ContentLimits
        let codes: Codes
        let skippedNames: Set<String>
        var files: [ContentFile] = []
        var findings: [Finding] = []
        var totalBytes = 0
        var visited: Set<DirectoryIdentity> = []

        mutating func refuse(_ code: KeyPath<Codes, FindingCode>, _ message: String, _ url: URL, hint: String? = nil) {
            refuse(code, message, path: url.path, hint: hint)
        }

        mutating func refuse(_ code: KeyPath<Codes, FindingCode>, _ message: String, path: String, hint: String? = nil) {
            findings.append(Finding(.error, code: codes[keyPath: code], message: message,
                                    location: SourceLocation(file: path, line: 1, column: 1), hint: hint))
        }

        mutating func visit(directory: URL, relative: String, depth: Int) {
            if depth > limits.maxDepth {
                refuse(\.tooDeep, "'\(relative.prefix(200))...' nests directories more than \(limits.maxDepth) levels deep", directory,
                       hint: "flatten the directory tree; content this deep is refused before it is walked")
                return
            }
            // A directory is known by its device and inode: a symlink cycle comes back to
            // one already visited. (One stat; the real path would cost one per component.)
            var status = stat()
            guard stat(directory.path, &status) == 0 else {
                refuse(\.unreadable, "cannot resolve directory '\(directory.path)'", directory)
                return
            }
            guard visited.insert(DirectoryIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))).inserted else { return }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            } catch {
                refuse(\.unreadable, "cannot list directory '\(directory.path)'", directory)
                return
            }
            let directoryPath = directory.path
            let base = directoryPath.hasSuffix("/") ? directoryPath : directoryPath + "/"
            var seenFolded: [String: String] = [:]
            for name in names where !skippedNames.contains(name) {
                let absolute = base + name
                let path = relative.isEmpty ? name : relative + "/" + name
                let folded = name.lowercased()
                if let other = seenFolded[folded] {
                    refuse(\.caseCollision,
                           "'\(path)' and '\(other)' differ only in case; they collide on macOS and Windows", path: absolute)
                    continue
                }
                seenFolded[folded] = name
                if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) || name.utf8.contains(UInt8(ascii: "\\")) {
                    refuse(\.badName, "file name '\(path.debugDescription)' has control characters or a backslash", path: absolute)
                    continue
                }
                visit(entry: absolute, relative: path, depth: depth)
            }
        }

        /// One `lstat` per entry (and one `stat` more for a link): FileManager's attribute
        /// dictionaries cost several times the system call on a tree of ten thousand files.
        mutating func visit(entry path: String, relative: String, depth: Int) {
            var status = stat()
            guard lstat(path, &status) == 0 else {
                refuse(\.unreadable, "cannot read '\(path)'", path: path)
                return
            }
            var target = path
            if status.st_mode & S_IFMT == S_IFLNK {
                guard let real = ContentTree.realPath(path), ContentTree.isInside(real, root: rootReal) else {
                    refuse(\.symlinkEscape, "symbolic link '\(relative)' points outside its root '\(rootReal)'", path: path,
                           hint: "copy the file into the distribution instead of linking to it")
                    return
                }
                target = real
                var followed = stat()
                if stat(real, &followed) == 0 { status = followed }
            }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                visit(directory: URL(fileURLWithPath: target, isDirectory: true), relative: relative, depth: depth + 1)
            case S_IFREG:
                // st_size is an off_t; a file system cannot report more than Int holds here.
                let size = Int(clamping: status.st_size)
                let permissions = Int(status.st_mode & 0o7777)
                if size > limits.maxFileBytes {
                    refuse(\.fileTooLarge, "'\(relative)' is \(size) bytes; the limit is \(limits.maxFileBytes)", path: path)
                    return
                }
                totalBytes += size
                if totalBytes > limits.maxTotalBytes {
                    refuse(\.tooLarge, "content exceeds \(limits.maxTotalBytes) bytes in total at '\(relative)'", path: path)
                    return
                }
                if files.count >= limits.maxFiles {
                    refuse(\.tooManyFiles, "content exceeds \(limits.maxFiles) files at '\(relative)'", path: path)
                    return
                }
                files.append(ContentFile(relativePath: relative, sourcePath: target, size: size,
                                         executable: permissions & 0o111 != 0))
            default:
                refuse(\.specialFile, "'\(relative)' is not a regular file or directory", path: path)
            }
        }
    }
}
