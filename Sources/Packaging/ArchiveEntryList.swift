/// The entries of one archive as a plan holds them until it is written: a list of
/// entries shared with other archives, placed under `prefix`, plus the archive's own
/// entries (full paths). The install trees of every platform put the same content under
/// different roots; sharing one unprefixed list keeps a plan's memory at one entry per
/// file instead of one per file per archive. Prefixed entries are made only while an
/// archive is written, checked or recorded, one archive at a time.
public struct ArchiveEntryList: Sendable, ExpressibleByArrayLiteral {
    /// Entries shared with other lists, relative to `prefix`.
    public var shared: [ArchiveEntry]
    /// Prepended to every shared entry's path (e.g. `ProgramData/acme/downstream-root/`).
    public var prefix: String
    /// This archive's own entries, with full paths.
    public var own: [ArchiveEntry]

    public init(shared: [ArchiveEntry] = [], prefix: String = "", own: [ArchiveEntry] = []) {
        self.shared = shared
        self.prefix = prefix
        self.own = own
    }

    /// A list of its own entries only.
    public init(_ entries: [ArchiveEntry]) { self.init(own: entries) }

    public init(arrayLiteral elements: ArchiveEntry...) { self.init(own: elements) }

    public var count: Int { own.count + shared.count }

    /// Every entry with its full path: the own entries first, then the shared ones in
    /// their order. Nothing is kept; each prefixed entry lives for one call of `body`.
    public func forEach(_ body: (ArchiveEntry) throws -> Void) rethrows {
        for entry in own { try body(entry) }
        if prefix.isEmpty {
            for entry in shared { try body(entry) }
        } else {
            for entry in shared { try body(placed(entry)) }
        }
    }

    /// Every entry with its full path, as one array (for the one archive being handled).
    public func materialized() -> [ArchiveEntry] {
        var all: [ArchiveEntry] = []
        all.reserveCapacity(count)
        forEach { all.append($0) }
        return all
    }

    /// Which shared array this list places: lists of one content set share the array
    /// itself, so work done once per shared list (sorting, indexing, manifest records)
    /// is keyed by this.
    public var sharedIdentity: UInt {
        shared.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
    }

    private func placed(_ entry: ArchiveEntry) -> ArchiveEntry {
        var moved = entry
        moved.path = prefix + entry.path
        return moved
    }
}
