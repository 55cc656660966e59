import Foundation

/// Rewrites the MS-DOS date/time of every entry of a finished zip to `mtime` in UTC.
///
/// libarchive converts times to DOS form with `localtime`, so the same archive written
/// under another `TZ` would differ. Only the 4-byte time/date fields of the local and
/// central headers are touched; CRCs cover data, not headers, so the zip stays valid.
/// The extended-timestamp extra field libarchive adds already holds `mtime` in UTC.
enum ZipTimestamps {
    static func rewrite(at url: URL, mtime: Int64) throws(PackagingError) {
        let handle: FileHandle
        do { handle = try FileHandle(forUpdating: url) } catch {
            throw PackagingError(.io, path: url.path, "cannot reopen zip: \(error.localizedDescription)")
        }
        defer { try? handle.close() }
        do {
            let stamp = dosTimestamp(mtime)
            let end = try handle.seekToEnd()
            // libarchive writes no archive comment, so the end record is the last 22 bytes.
            guard end >= 22 else { throw ZipLayoutError() }
            let eocd = try read(handle, at: end - 22, count: 22)
            guard le32(eocd, 0) == 0x0605_4b50 else { throw ZipLayoutError() }
            var count = UInt64(le16(eocd, 10))
            var offset = UInt64(le32(eocd, 16))
            if count == 0xFFFF || offset == 0xFFFF_FFFF {
                // Zip64: the locator just before the end record points at the zip64 end record.
                let locator = try read(handle, at: end - 42, count: 20)
                guard le32(locator, 0) == 0x0706_4b50 else { throw ZipLayoutError() }
                let record = try read(handle, at: le64(locator, 8), count: 56)
                guard le32(record, 0) == 0x0606_4b50 else { throw ZipLayoutError() }
                count = le64(record, 32)
                offset = le64(record, 48)
            }
            for _ in 0..<count {
                let central = try read(handle, at: offset, count: 46)
                guard le32(central, 0) == 0x0201_4b50 else { throw ZipLayoutError() }
                var local = UInt64(le32(central, 42))
                let extraLength = UInt64(le16(central, 30))
                if local == 0xFFFF_FFFF { local = try zip64LocalOffset(handle, central: central, at: offset) }
                try handle.seek(toOffset: offset + 12)
                try handle.write(contentsOf: stamp)
                guard le32(try read(handle, at: local, count: 4), 0) == 0x0403_4b50 else { throw ZipLayoutError() }
                try handle.seek(toOffset: local + 10)
                try handle.write(contentsOf: stamp)
                offset += 46 + UInt64(le16(central, 28)) + extraLength + UInt64(le16(central, 32))
            }
        } catch let error as PackagingError {
            throw error
        } catch {
            throw PackagingError(.archive, path: url.path, "cannot normalize zip timestamps: \(error)")
        }
    }

    /// The local header offset from the zip64 extra field of a central header.
    private static func zip64LocalOffset(_ handle: FileHandle, central: Data, at offset: UInt64) throws -> UInt64 {
        let nameLength = UInt64(le16(central, 28))
        let extra = try read(handle, at: offset + 46 + nameLength, count: Int(le16(central, 30)))
        var position = 0
        while position + 4 <= extra.count {
            let id = le16(extra, position), size = Int(le16(extra, position + 2))
            if id == 0x0001 {
                // Fields appear only for values that overflowed, in this order.
                var field = position + 4
                if le32(central, 24) == 0xFFFF_FFFF { field += 8 }
                if le32(central, 20) == 0xFFFF_FFFF { field += 8 }
                guard field + 8 <= extra.count else { throw ZipLayoutError() }
                return le64(extra, field)
            }
            position += 4 + size
        }
        throw ZipLayoutError()
    }

    /// DOS time then date, little-endian, for `mtime` in UTC, clamped to 1980...2107.
    static func dosTimestamp(_ mtime: Int64) -> Data {
        var seconds = time_t(max(mtime, ArchiveOptions.fixedEpoch))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let year = min(Int(parts.tm_year) + 1900, 2107) - 1980
        let time = UInt16(parts.tm_hour) << 11 | UInt16(parts.tm_min) << 5 | UInt16(parts.tm_sec / 2)
        let date = UInt16(year) << 9 | UInt16(parts.tm_mon + 1) << 5 | UInt16(parts.tm_mday)
        return Data([UInt8(time & 0xFF), UInt8(time >> 8), UInt8(date & 0xFF), UInt8(date >> 8)])
    }

    private struct ZipLayoutError: Error, CustomStringConvertible {
        var description: String { "unexpected zip layout" }
    }

    private static func read(_ handle: FileHandle, at offset: UInt64, count: Int) throws -> Data {
        try handle.seek(toOffset: offset)
        let data = try handle.read(upToCount: count) ?? Data()
        guard data.count == count else { throw ZipLayoutError() }
        return data
    }

    private static func le16(_ d: Data, _ i: Int) -> UInt16 {
        UInt16(d[d.startIndex + i]) | UInt16(d[d.startIndex + i + 1]) << 8
    }

    private static func le32(_ d: Data, _ i: Int) -> UInt32 {
        UInt32(le16(d, i)) | UInt32(le16(d, i + 2)) << 16
    }

    private static func le64(_ d: Data, _ i: Int) -> UInt64 {
        UInt64(le32(d, i)) | UInt64(le32(d, i + 4)) << 32
    }
}
