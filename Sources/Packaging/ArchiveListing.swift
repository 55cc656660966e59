import Foundation

/// What an archive holds, read back from disk the way an installer would see it: every
/// entry's name, kind and mode, and the bytes of the entries a caller asks for (configs,
/// small files) — everything else is streamed past without being kept.
public struct ArchiveListing: Sendable {
    public enum Kind: Sendable, Hashable { case file, directory, symlink, other }

    public struct Entry: Sendable, Hashable {
        public var path: String
        public var kind: Kind
        public var permissions: UInt32
        /// The content, for files the caller asked to keep.
        public var data: [UInt8]?
        /// Numeric owner and group as stored (0 = root).
        public var uid: Int64 = 0
        public var gid: Int64 = 0
    }

    /// Entries by path (no leading `./`, no trailing `/`), in archive order.
    public private(set) var entries: [Entry] = []
    private var index: [String: Int] = [:]

    public subscript(path: String) -> Entry? { index[path].map { entries[$0] } }

    /// Reads `url` (`.tar.gz` or `.zip`); `keep` says which file paths' bytes to hold,
    /// each at most `maxKeptBytes`.
    public static func read(_ url: URL, keep: (String) -> Bool,
                            maxKeptBytes: Int = 16 << 20) throws(PackagingError) -> ArchiveListing {
        var listing = ArchiveListing()
        try scan(url, keep: keep, maxKeptBytes: maxKeptBytes) { path, kind, raw, data in
            listing.index[path] = listing.entries.count
            listing.entries.append(Entry(path: path, kind: kind, permissions: raw.permissions, data: data, uid: raw.uid, gid: raw.gid))
        }
        return listing
    }

    /// Every entry of `url` in archive order, with the bytes of the files `keep` names.
    static func scan(_ url: URL, keep: (String) -> Bool, maxKeptBytes: Int,
                     _ visit: (String, Kind, RawArchiveEntry, [UInt8]?) -> Void) throws(PackagingError) {
        let reader = try ArchiveReader(url: url)
        while let raw = try reader.next() {
            var path = raw.name
            while path.hasPrefix("./") { path.removeFirst(2) }
            while path.hasSuffix("/") { path.removeLast() }
            let kind: Kind
            switch raw.kind {
            case .file: kind = .file
            case .directory: kind = .directory
            case .symlink: kind = .symlink
            case .hardlink, .other: kind = .other
            }
            var data: [UInt8]?
            if kind == .file, keep(path) {
                var bytes: [UInt8] = []
                try reader.readData { (chunk: UnsafeRawBufferPointer) throws(PackagingError) in
                    guard bytes.count + chunk.count <= maxKeptBytes else {
                        throw PackagingError(.limitExceeded, path: path, "entry is larger than \(maxKeptBytes) bytes")
                    }
                    bytes.append(contentsOf: chunk)
                }
                data = bytes
            } else {
                try reader.skipData()
            }
            visit(path, kind, raw, data)
        }
    }
}

/// Which regular files an archive holds, and the bytes of those a caller asked for: what
/// loading an install needs, at a path per file rather than a full `ArchiveListing`
/// entry (two archives of twenty thousand files are read back side by side).
public struct ArchiveFiles: Sendable {
    public private(set) var files: Set<String> = []
    public private(set) var kept: [String: [UInt8]] = [:]

    /// Reads `url` as `ArchiveListing.read` does, keeping only file paths and kept bytes.
    public static func read(_ url: URL, keep: (String) -> Bool, maxKeptBytes: Int = 16 << 20) throws(PackagingError) -> ArchiveFiles {
        var result = ArchiveFiles()
        try ArchiveListing.scan(url, keep: keep, maxKeptBytes: maxKeptBytes) { path, kind, _, data in
            // A later entry for a path replaces an earlier one, as unpacking would.
            guard kind == .file else {
                result.files.remove(path)
                result.kept[path] = nil
                return
            }
            result.files.insert(path)
            result.kept[path] = data
        }
        return result
    }
}
