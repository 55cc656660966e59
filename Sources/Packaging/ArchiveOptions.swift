import Foundation

/// The archive container written by `ArchiveWriter`.
public enum ArchiveFormat: String, Sendable, Hashable, CaseIterable {
    /// POSIX pax (restricted: plain ustar unless a name needs an extension), gzip'd.
    case tarGzip = "tar.gz"
    /// Zip with deflate.
    case zip

    /// The conventional file extension, without the leading dot.
    public var fileExtension: String { rawValue }
}

/// Settings that make archives reproducible. Only the timestamp varies between callers.
public struct ArchiveOptions: Sendable, Hashable {
    /// 1980-01-01T00:00:00Z: the earliest time a zip DOS timestamp can hold.
    public static let fixedEpoch: Int64 = 315_532_800

    /// Modification time of every entry, seconds since the Unix epoch.
    public var mtime: Int64
    /// Parent directories are added as entries only at or below this `/`-terminated path
    /// (empty: all of them). An install archive unpacked at `/` then holds no entry for
    /// `etc/` or `Library/`, so extraction never rewrites a system directory's mode or time.
    public var ownedRoot: String

    public init(mtime: Int64 = ArchiveOptions.fixedEpoch, ownedRoot: String = "") {
        self.mtime = mtime
        self.ownedRoot = ownedRoot
    }

    /// `SOURCE_DATE_EPOCH` when set (reproducible-builds.org), else `fixedEpoch`.
    /// A value that is not a non-negative integer is refused rather than ignored.
    public static func fromEnvironment(
        _ environment: [String: String]
    ) throws(PackagingError) -> ArchiveOptions {
        guard let raw = environment["SOURCE_DATE_EPOCH"], !raw.isEmpty else { return ArchiveOptions() }
        guard raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int64(raw) else {
            throw PackagingError(.invalidArgument, path: "SOURCE_DATE_EPOCH",
                                 "'\(raw)' is not a non-negative integer number of seconds")
        }
        return ArchiveOptions(mtime: value)
    }
}
