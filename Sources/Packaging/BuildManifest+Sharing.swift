extension BuildManifest.Output {
    public typealias FileRecord = BuildManifest.FileRecord

    /// An output whose entries are stored compactly: when `entries` hold every record
    /// of `content` under one prefix (same digest, size and mode), that part becomes a
    /// reference to `content`.
    public static func sharing(_ content: [FileRecord], name: String, sha256: String, size: Int,
                               entries: [FileRecord]) -> Self {
        sharing(content, name: name, sha256: sha256, size: size, own: entries, placed: PlacedRecords(records: [], prefix: ""))
    }

    /// Records of an archive's shared entry list, with paths relative to `prefix`, and
    /// their index by path: made once per list, used for every archive placing it.
    public struct PlacedRecords: Sendable {
        public var records: [FileRecord]
        public var prefix: String
        var index: [String: Int]

        public init(records: [FileRecord], prefix: String) {
            self.records = records
            self.prefix = prefix
            var index: [String: Int] = [:]
            index.reserveCapacity(records.count)
            for (position, record) in records.enumerated() where index[record.path] == nil { index[record.path] = position }
            self.index = index
        }

        /// The same records placed under another prefix (the index is shared).
        public func placed(under prefix: String) -> PlacedRecords {
            var moved = self
            moved.prefix = prefix
            return moved
        }
    }

    /// `sharing` for an archive whose entries are `own` (full paths) and `placed`'s
    /// records under its prefix, without joining the prefix to every path: the result is
    /// exactly what `sharing` gives for the joined list.
    public static func sharing(_ content: [FileRecord], name: String, sha256: String, size: Int,
                               own: [FileRecord], placed: PlacedRecords) -> Self {
        var output = Self(name: name, sha256: sha256, size: size, entries: nil)
        let prefix = placed.prefix, shared = placed.records
        func full(_ record: FileRecord) -> FileRecord {
            FileRecord(path: prefix + record.path, sha256: record.sha256, size: record.size, mode: record.mode)
        }
        func everything() -> [FileRecord] {
            (own + (prefix.isEmpty ? shared : shared.map(full))).sorted { ArchivePath.byteOrder($0.path, $1.path) }
        }
        guard let first = content.first else {
            output.own = everything()
            return output
        }
        var ownIndex: [String: Int] = [:]
        for (position, record) in own.enumerated() where ownIndex[record.path] == nil { ownIndex[record.path] = position }
        /// Where the entry at `base + path` is: `.own(i)`, `.shared(i)`, or nil.
        func locate(_ base: String, _ path: String) -> Location? {
            if base == prefix, let position = placed.index[path] { return .shared(position) }
            let joined = base + path
            if let position = ownIndex[joined] { return .own(position) }
            guard joined.utf8.starts(with: prefix.utf8) else { return nil }
            return placed.index[String(decoding: joined.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)].map { .shared($0) }
        }
        // Candidates in entry order (own, then shared): entries with the first content
        // record's digest whose path ends with its path.
        let tail = first.path.utf8
        var candidates: [String] = []
        for record in own where record.sha256 == first.sha256 && record.path.utf8.count >= tail.count {
            candidates.append(record.path)
        }
        for record in shared where record.sha256 == first.sha256 && prefix.utf8.count + record.path.utf8.count >= tail.count {
            candidates.append(prefix + record.path)
        }
        for candidate in candidates {
            let path = candidate.utf8
            guard path.suffix(tail.count).elementsEqual(tail) else { continue }
            let base = String(decoding: path.prefix(path.count - tail.count), as: UTF8.self)
            guard base.isEmpty || base.utf8.last == UInt8(ascii: "/") else { continue }
            var coveredOwn = [Bool](repeating: false, count: own.count)
            var coveredShared = [Bool](repeating: false, count: shared.count)
            let covered = content.allSatisfy { record in
                let entry: FileRecord
                switch locate(base, record.path) {
                case .own(let i)?: coveredOwn[i] = true; entry = own[i]
                case .shared(let i)?: coveredShared[i] = true; entry = shared[i]
                case nil: return false
                }
                return entry.sha256 == record.sha256 && entry.size == record.size && entry.mode == record.mode
            }
            guard covered else { continue }
            let rest = own.indices.filter { !coveredOwn[$0] }.map { own[$0] }
                + shared.indices.filter { !coveredShared[$0] }.map { full(shared[$0]) }
            output.own = rest.sorted { ArchivePath.byteOrder($0.path, $1.path) }
            output.shared = content
            output.sharedPrefix = base
            return output
        }
        output.own = everything()
        return output
    }

    private enum Location {
        case own(Int)
        case shared(Int)
    }
}
