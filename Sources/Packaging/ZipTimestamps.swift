import Foundation

/// MS-DOS date/time for zip headers, computed in UTC so an archive does not depend on
/// the local time zone (the extended-timestamp field carries `mtime` exactly).
enum ZipTimestamps {
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
}
