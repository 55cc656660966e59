/// Caps enforced while extracting an archive, so a hostile or broken archive cannot
/// fill the disk or exhaust inodes. Sizes are checked against the headers first and
/// again against the bytes actually written.
public struct ExtractionLimits: Sendable, Hashable {
    /// Most entries (files, directories, links) an archive may hold.
    public var maxEntries: Int
    /// Largest single file, in bytes.
    public var maxEntryBytes: Int64
    /// Largest total of all file sizes, in bytes.
    public var maxTotalBytes: Int64

    public init(maxEntries: Int, maxEntryBytes: Int64, maxTotalBytes: Int64) {
        self.maxEntries = maxEntries
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
    }

    /// Generous for an upstream release (50,000 entries, 512 MiB per file, 2 GiB in all).
    public static let `default` = ExtractionLimits(
        maxEntries: 50_000, maxEntryBytes: 512 << 20, maxTotalBytes: 2 << 30)
}
