import CArchive
import Foundation

/// Writes byte-for-byte reproducible `.tar.gz` and `.zip` archives with libarchive.
///
/// Entries are sorted by path (UTF-8 byte order) with missing parent directories added;
/// every entry gets `options.mtime`, uid/gid 0, empty user/group names, no atime/ctime,
/// and a mode from `ArchiveEntry.mode`. Tar is pax-restricted (plain ustar unless a name
/// needs an extension) behind gzip without timestamp or file name. Zip DOS times are
/// rewritten in UTC afterwards because libarchive derives them from the local time zone.
/// File contents are streamed in 64 KiB chunks. The archive is written under a temporary
/// name beside `url` and renamed into place only once complete.
public enum ArchiveWriter {
    static let chunkSize = 64 * 1024

    public static func write(_ entries: [ArchiveEntry], format: ArchiveFormat, to url: URL,
                             options: ArchiveOptions = ArchiveOptions()) throws(PackagingError) {
        let plan = try normalized(entries, ownedRoot: options.ownedRoot)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())-\(UInt32.random(in: .min ... .max))")
        do throws(PackagingError) {
            try UTF8Locale.run { () throws(PackagingError) in
                try writeArchive(plan, format: format, to: temporary, options: options)
            }
            if format == .zip { try ZipTimestamps.rewrite(at: temporary, mtime: options.mtime) }
            if rename(temporary.path, url.path) != 0 {
                throw PackagingError(.io, path: url.path, "cannot move archive into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temporary.path)
            throw error
        }
    }

    /// `entries` checked (paths, symlink targets, duplicates, case collisions), completed
    /// with parent directories and sorted byte-wise: exactly what `write` puts in the archive.
    public static func normalized(_ entries: [ArchiveEntry], ownedRoot: String = "") throws(PackagingError) -> [ArchiveEntry] {
        var byPath: [String: ArchiveEntry] = [:]
        for entry in entries {
            try ArchivePath.validate(entry.path)
            if case .symlink(let target) = entry.kind { try checkSymlink(entry.path, target) }
            if byPath[entry.path] != nil {
                throw PackagingError(.duplicatePath, path: entry.path, "path is given more than once")
            }
            byPath[entry.path] = entry
        }
        for entry in entries {
            for ancestor in ArchivePath.ancestors(of: entry.path) where (ancestor + "/").hasPrefix(ownedRoot) {
                switch byPath[ancestor]?.kind {
                case nil: byPath[ancestor] = .directory(ancestor)
                case .directory?: continue
                case _?: throw PackagingError(.duplicatePath, path: ancestor, "path is a file but '\(entry.path)' needs it as a directory")
                }
            }
        }
        if let group = ArchivePath.caseCollisions(Array(byPath.keys)).first {
            throw PackagingError(.caseCollision, path: group[0],
                                 "paths differ only by case: \(group.joined(separator: ", ")); they clash on macOS and Windows")
        }
        return byPath.values.sorted { ArchivePath.byteOrder($0.path, $1.path) }
    }

    private static func checkSymlink(_ path: String, _ target: String) throws(PackagingError) {
        guard !target.isEmpty, !target.hasPrefix("/"),
              !target.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) else {
            throw PackagingError(.invalidPath, path: path, "symlink target '\(target)' must be a relative path")
        }
        var depth = path.split(separator: "/").count - 1
        for segment in target.split(separator: "/") where segment != "." {
            depth += segment == ".." ? -1 : 1
            if depth < 0 { throw PackagingError(.invalidPath, path: path, "symlink target '\(target)' leaves the archive root") }
        }
    }

    private static func writeArchive(_ entries: [ArchiveEntry], format: ArchiveFormat, to url: URL,
                                      options: ArchiveOptions) throws(PackagingError) {
        guard let a = archive_write_new() else {
            throw PackagingError(.archive, path: url.path, "libarchive could not allocate a writer")
        }
        defer { archive_write_free(a) }
        func check(_ status: Int32, _ what: String, path: String = url.path) throws(PackagingError) {
            if status < ARCHIVE_WARN {
                throw PackagingError(.archive, path: path, "\(what): \(ArchiveReader.errorString(a))")
            }
        }
        switch format {
        case .tarGzip:
            try check(archive_write_set_format_pax_restricted(a), "cannot select pax format")
            try check(archive_write_add_filter_gzip(a), "cannot add gzip filter")
            // A NULL value turns the boolean option off: no mtime in the gzip header.
            try check(archive_write_set_filter_option(a, "gzip", "timestamp", nil), "cannot disable gzip timestamp")
        case .zip:
            try check(archive_write_set_format_zip(a), "cannot select zip format")
            try check(archive_write_zip_set_compression_deflate(a), "cannot select deflate")
            try check(archive_write_set_format_option(a, "zip", "hdrcharset", "UTF-8"), "cannot select UTF-8 names")
        }
        try check(archive_write_open_filename(a, url.path), "cannot create archive")
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        for item in entries {
            try writeEntry(item, archive: a, options: options, buffer: buffer, check: check)
        }
        try check(archive_write_close(a), "cannot finish archive")
    }

    private static func writeEntry(_ item: ArchiveEntry, archive a: OpaquePointer, options: ArchiveOptions,
                                   buffer: UnsafeMutableRawBufferPointer,
                                   check: (Int32, String, String) throws(PackagingError) -> Void) throws(PackagingError) {
        guard let entry = archive_entry_new() else {
            throw PackagingError(.archive, path: item.path, "libarchive could not allocate an entry")
        }
        defer { archive_entry_free(entry) }
        archive_entry_set_pathname_utf8(entry, item.path)
        archive_entry_set_mtime(entry, time_t(options.mtime), 0)
        archive_entry_unset_atime(entry)
        archive_entry_unset_ctime(entry)
        archive_entry_unset_birthtime(entry)
        archive_entry_set_uid(entry, 0)
        archive_entry_set_gid(entry, 0)
        archive_entry_set_perm(entry, mode_t(item.mode))
        var source: Int32 = -1
        defer { if source >= 0 { close(source) } }
        var size: Int64 = 0
        switch item.kind {
        case .directory:
            archive_entry_set_filetype(entry, UInt32(FileTypeBits.directory))
        case .symlink(let target):
            archive_entry_set_filetype(entry, UInt32(FileTypeBits.symlink))
            archive_entry_set_symlink_utf8(entry, target)
        case .data(let bytes):
            archive_entry_set_filetype(entry, UInt32(FileTypeBits.regular))
            size = Int64(bytes.count)
        case .file(let url):
            archive_entry_set_filetype(entry, UInt32(FileTypeBits.regular))
            // O_NONBLOCK: a FIFO swapped in after the check must not block the build.
            source = open(url.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            var info = stat()
            guard source >= 0, fstat(source, &info) == 0 else {
                throw PackagingError(.io, path: url.path, "cannot read source of '\(item.path)': \(String(cString: strerror(errno)))")
            }
            guard info.st_mode & FileTypeBits.mask == FileTypeBits.regular else {
                throw PackagingError(.io, path: url.path, "source of '\(item.path)' is not a regular file")
            }
            size = Int64(info.st_size)
        }
        archive_entry_set_size(entry, la_int64_t(size))
        try check(archive_write_header(a, entry), "cannot write entry header", item.path)
        switch item.kind {
        case .data(let bytes):
            // withUnsafeBytes only rethrows untyped errors, so hand the typed one out.
            let failure: PackagingError? = bytes.withUnsafeBytes { raw in
                do throws(PackagingError) { try writeData(a, raw, entry: item.path, check: check) } catch { return error }
                return nil
            }
            if let failure { throw failure }
        case .file(let url):
            var remaining = size
            while remaining > 0 {
                let count = read(source, buffer.baseAddress, min(buffer.count, Int(remaining)))
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else {
                    throw PackagingError(.io, path: url.path, "source of '\(item.path)' could not be read or shrank while archiving")
                }
                try writeData(a, UnsafeRawBufferPointer(rebasing: buffer[0..<count]), entry: item.path, check: check)
                remaining -= Int64(count)
            }
        case .directory, .symlink:
            break
        }
        try check(archive_write_finish_entry(a), "cannot finish entry", item.path)
    }

    private static func writeData(_ a: OpaquePointer, _ bytes: UnsafeRawBufferPointer, entry: String,
                                  check: (Int32, String, String) throws(PackagingError) -> Void) throws(PackagingError) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = archive_write_data(a, base + offset, bytes.count - offset)
            if written <= 0 { try check(ARCHIVE_FATAL, "cannot write entry data", entry) }
            offset += Int(written)
        }
    }
}
