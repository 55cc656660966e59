import CArchive
import Documents
import Foundation

/// One header read from an archive, before any safety check.
struct RawArchiveEntry {
    enum Kind { case file, directory, symlink, hardlink, other(String) }
    /// The stored name exactly as read (may be absolute, contain `..`, end with `/`).
    var name: String
    var kind: Kind
    /// Declared size of a regular file, when the header states one.
    var declaredSize: Int64?
    /// Symlink target or hardlink target name.
    var linkTarget: String?
    var permissions: UInt32
    /// Numeric owner and group (what an extracting root applies when no names are stored).
    var uid: Int64 = 0
    var gid: Int64 = 0
}

/// A thin reader over libarchive for `.tar`, `.tar.gz` and `.zip`: headers one by one
/// and their data in fixed-size chunks, so memory stays flat whatever the sizes.
final class ArchiveReader {
    private let handle: OpaquePointer
    private let archivePath: String
    private let descriptor: Int32
    static let chunkSize = 64 * 1024

    /// Opens an archive. The file is opened through `SafeFile` (a FIFO or device is
    /// refused), and `handle` is assigned only once libarchive has opened it: a failing
    /// initialiser frees the reader itself, and `deinit` never runs for it (freeing it in
    /// both places was a double free on empty or truncated archives).
    init(url: URL, maxBytes: Int = Int.max) throws(PackagingError) {
        archivePath = url.path
        let opened: SafeFile.Opened
        do { opened = try SafeFile.open(path: url.path, maxBytes: maxBytes) } catch {
            throw PackagingError(.archive, path: url.path, "cannot open archive: \(error.message)")
        }
        guard let a = archive_read_new() else {
            close(opened.descriptor)
            throw PackagingError(.archive, path: url.path, "libarchive could not allocate a reader")
        }
        archive_read_support_filter_gzip(a)
        archive_read_support_format_tar(a)
        archive_read_support_format_zip(a)
        descriptor = opened.descriptor
        if archive_read_open_fd(a, opened.descriptor, ArchiveReader.chunkSize) != ARCHIVE_OK {
            let message = ArchiveReader.errorString(a)
            archive_read_free(a)
            close(opened.descriptor)
            throw PackagingError(.archive, path: url.path, "cannot open archive: \(message)")
        }
        handle = a
    }

    deinit {
        archive_read_free(handle)
        close(descriptor)
    }

    /// The next header, or nil at the end of the archive.
    func next() throws(PackagingError) -> RawArchiveEntry? {
        var entry: OpaquePointer?
        let status = archive_read_next_header(handle, &entry)
        if status == ARCHIVE_EOF { return nil }
        guard status >= ARCHIVE_WARN, let entry else {
            throw PackagingError(.archive, path: archivePath, "cannot read entry header: \(ArchiveReader.errorString(handle))")
        }
        guard let name = ArchiveReader.string(utf8: archive_entry_pathname_utf8(entry),
                                              raw: archive_entry_pathname(entry)) else {
            throw PackagingError(.unsafeEntry, path: archivePath, "an entry name is not valid UTF-8")
        }
        let hardlink = ArchiveReader.string(utf8: archive_entry_hardlink_utf8(entry), raw: archive_entry_hardlink(entry))
        let symlink = ArchiveReader.string(utf8: archive_entry_symlink_utf8(entry), raw: archive_entry_symlink(entry))
        let type = UInt32(archive_entry_filetype(entry))
        let kind: RawArchiveEntry.Kind
        if hardlink != nil {
            kind = .hardlink
        } else {
            switch type {
            case 0o100000: kind = .file
            case 0o040000: kind = .directory
            case 0o120000: kind = .symlink
            case 0o020000: kind = .other("character device")
            case 0o060000: kind = .other("block device")
            case 0o010000: kind = .other("FIFO")
            case 0o140000: kind = .other("socket")
            default: kind = .other("entry of unknown type")
            }
        }
        let size: Int64? = archive_entry_size_is_set(entry) != 0 ? Int64(archive_entry_size(entry)) : nil
        return RawArchiveEntry(name: name, kind: kind, declaredSize: size,
                               linkTarget: hardlink ?? symlink,
                               permissions: UInt32(archive_entry_perm(entry)),
                               uid: Int64(archive_entry_uid(entry)), gid: Int64(archive_entry_gid(entry)))
    }

    /// Streams the current entry's data to `body` in chunks of at most `chunkSize` bytes.
    func readData(_ body: (UnsafeRawBufferPointer) throws(PackagingError) -> Void) throws(PackagingError) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ArchiveReader.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = archive_read_data(handle, buffer.baseAddress, buffer.count)
            if count == 0 { return }
            if count < 0 {
                throw PackagingError(.archive, path: archivePath, "cannot read entry data: \(ArchiveReader.errorString(handle))")
            }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<Int(count)]))
        }
    }

    /// Skips the current entry's data without decompressing it into memory.
    func skipData() throws(PackagingError) {
        if archive_read_data_skip(handle) < ARCHIVE_WARN {
            throw PackagingError(.archive, path: archivePath, "cannot skip entry data: \(ArchiveReader.errorString(handle))")
        }
    }

    static func errorString(_ a: OpaquePointer) -> String {
        guard let message = archive_error_string(a) else { return "unknown libarchive error" }
        return String(cString: message)
    }

    /// The UTF-8 form when libarchive can convert it, else the raw bytes if they are UTF-8.
    private static func string(utf8: UnsafePointer<CChar>?, raw: UnsafePointer<CChar>?) -> String? {
        if let utf8 { return String(cString: utf8) }
        guard let raw else { return nil }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))
        return String(validating: bytes, as: UTF8.self)
    }
}
