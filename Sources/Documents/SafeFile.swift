import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way the tool opens a file a user handed it (configs, overlays, upstream
/// archives, `{file:}` targets, policies, plugin files, images). A FIFO, a device such
/// as `/dev/zero` or a socket would block or never end, so the file is opened without
/// blocking and checked to be a regular file on the opened descriptor (links resolved,
/// no race with a swap between the check and the read); when a root is given, its real
/// path must lie inside the root's; the size cap applies before a byte is read, and
/// again while reading in case the file grows.
public enum SafeFile {
    /// An open, checked regular file. The caller owns `descriptor` and must close it.
    public struct Opened {
        public let descriptor: Int32
        public let size: Int
    }

    /// Opens `path` for reading after the checks above; errors name `displayName` at 1:1.
    public static func open(path: String, displayName: String? = nil, maxBytes: Int,
                            root: String? = nil) throws(DocumentError) -> Opened {
        let start = SourceLocation(file: displayName ?? path, line: 1, column: 1)
        func fail(_ code: FindingCode, _ message: String) -> DocumentError {
            DocumentError(code: code, message: message, location: start)
        }
        if let root {
            guard let real = realPath(path) else { throw fail(.fileNotFound, "no such file") }
            let rootReal = realPath(root) ?? root
            guard real == rootReal || real.hasPrefix(rootReal.hasSuffix("/") ? rootReal : rootReal + "/") else {
                throw fail(.fileOutsideRoot, "resolves (through a link) to '\(real)', outside '\(rootReal)'")
            }
        }
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
        let fd = posixOpen(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        if fd < 0 {
            switch errno {
            case ENOENT, ENOTDIR: throw fail(.fileNotFound, "no such file")
            case ELOOP: throw fail(.fileUnreadable, "too many levels of symbolic links")
            default: throw fail(.fileUnreadable, "cannot open the file: \(String(cString: strerror(errno)))")
            }
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw fail(.fileUnreadable, "cannot inspect the file")
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            close(fd)
            if type == S_IFDIR { throw fail(.fileIsDirectory, "is a directory, not a file") }
            throw fail(.fileNotRegular, "is a \(kindName(type)), not a regular file")
        }
        let size = Int(info.st_size)
        if size > maxBytes {
            close(fd)
            throw fail(.documentTooLarge, "file is \(size) bytes; the limit is \(maxBytes)")
        }
        // Regular files never block; reads go back to the ordinary blocking mode.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return Opened(descriptor: fd, size: size)
    }

    /// Reads a whole regular file of at most `maxBytes` bytes.
    public static func read(path: String, displayName: String? = nil, maxBytes: Int,
                            root: String? = nil) throws(DocumentError) -> [UInt8] {
        let opened = try open(path: path, displayName: displayName, maxBytes: maxBytes, root: root)
        defer { close(opened.descriptor) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(opened.size)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { posixRead(opened.descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw DocumentError(code: .fileUnreadable, message: "cannot read the file: \(String(cString: strerror(errno)))",
                                    location: SourceLocation(file: displayName ?? path, line: 1, column: 1))
            }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > maxBytes {
                throw DocumentError(code: .documentTooLarge, message: "file grew past the limit of \(maxBytes) bytes while being read",
                                    location: SourceLocation(file: displayName ?? path, line: 1, column: 1))
            }
        }
        return bytes
    }

    /// The real path (every link resolved) of an existing object, or nil.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Writes all of `bytes` to `descriptor`, retrying short writes and interrupted calls.
    /// Returns 0, or the `errno` of the write that failed (the rest is not written).
    @discardableResult
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let written = posixWrite(descriptor, bytes.baseAddress.unsafelyUnwrapped + offset, bytes.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return written < 0 ? errno : EIO
            }
        }
        return 0
    }

    static func kindName(_ type: mode_t) -> String {
        switch type {
        case S_IFIFO: return "FIFO (named pipe)"
        case S_IFCHR: return "character device"
        case S_IFBLK: return "block device"
        case S_IFSOCK: return "socket"
        default: return "special file"
        }
    }
}

// File-scope wrappers: inside `SafeFile`, `open`, `read` and `write` name its own functions.
private func posixOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
