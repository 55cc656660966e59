import Foundation

/// One archive's entries exactly as written (checked, completed with parent directories,
/// in byte order), kept as two sorted lists merged while the archive is written: the
/// list it shares with other archives, normalized once for all of them and placed under
/// `prefix` entry by entry, and its own few entries. Writing an archive of `n` files so
/// costs no per-archive copy of `n` entries, whatever the number of archives.
///
/// Iterating yields the same entries, in the same order, as `ArchiveWriter.normalized`
/// over the whole list; `prepare` refuses what it refuses.
public struct PreparedArchive: Sequence, Sendable {
    /// Normalized relative to `prefix` (sorted, with their directories).
    let shared: [ArchiveEntry]
    let prefix: String
    /// Normalized with full paths: the archive's own entries and the directories above
    /// `prefix` the archive owns.
    let own: [ArchiveEntry]

    /// Checks and completes `list` for an archive owning `ownedRoot`. `shared` is the
    /// normalized form of `list.shared` for that owned root (`SharedEntries.normalized`).
    static func prepare(_ list: ArchiveEntryList, shared: [ArchiveEntry], ownedRoot: String) throws(PackagingError) -> PreparedArchive {
        var ownEntries = list.own
        if !shared.isEmpty {
            // The directories between the owned root and the prefix, which the shared
            // entries' own walk up (relative to the prefix) never reaches.
            let utf8 = list.prefix.utf8
            let top = String(decoding: utf8[..<(utf8.lastIndex(of: UInt8(ascii: "/")) ?? utf8.startIndex)], as: UTF8.self)
            if !top.isEmpty, (top + "/").hasPrefix(ownedRoot) { ownEntries.append(.directory(top)) }
        }
        // The own entries' ancestors, and whatever a directory above the prefix adds.
        let own = try ArchiveWriter.normalized(ownEntries, ownedRoot: ownedRoot)
        let prepared = PreparedArchive(shared: shared, prefix: list.prefix, own: own)
        try prepared.checkAgainstShared()
        return prepared
    }

    public func makeIterator() -> Iterator { Iterator(archive: self) }

    public struct Iterator: IteratorProtocol {
        let archive: PreparedArchive
        var sharedIndex = 0
        var ownIndex = 0

        public mutating func next() -> ArchiveEntry? {
            let shared = archive.shared, own = archive.own
            guard sharedIndex < shared.count else {
                defer { ownIndex += 1 }
                return ownIndex < own.count ? own[ownIndex] : nil
            }
            guard ownIndex < own.count else {
                defer { sharedIndex += 1 }
                return archive.placed(shared[sharedIndex])
            }
            let order = ArchivePath.compare(prefix: archive.prefix, shared[sharedIndex].path, own[ownIndex].path)
            if order < 0 {
                defer { sharedIndex += 1 }
                return archive.placed(shared[sharedIndex])
            }
            // Equal paths are directories of both lists (`prepare` refused anything else).
            if order == 0 { sharedIndex += 1 }
            defer { ownIndex += 1 }
            return own[ownIndex]
        }
    }

    func placed(_ entry: ArchiveEntry) -> ArchiveEntry {
        guard !prefix.isEmpty else { return entry }
        var moved = entry
        moved.path = prefix + entry.path
        return moved
    }

    /// An own entry may meet a shared one only as the same directory; and no two may
    /// differ only by case.
    private func checkAgainstShared() throws(PackagingError) {
        guard !shared.isEmpty, !own.isEmpty else { return }
        var index = 0
        for entry in own {
            while index < shared.count, ArchivePath.compare(prefix: prefix, shared[index].path, entry.path) < 0 { index += 1 }
            if index < shared.count, ArchivePath.compare(prefix: prefix, shared[index].path, entry.path) == 0 {
                let sharedEntry = shared[index]
                if sharedEntry.kind == .directory, entry.kind == .directory { continue }
                let path = entry.path
                if sharedEntry.kind == .directory || entry.kind == .directory {
                    throw PackagingError(.duplicatePath, path: path, "path is both a file and a directory of the archive")
                }
                throw PackagingError(.duplicatePath, path: path, "path is given more than once")
            }
        }
        // Case: only own entries under the prefix can meet a shared one.
        let underPrefix = own.filter { $0.path.utf8.starts(with: prefix.utf8) && $0.path.utf8.count > prefix.utf8.count }
        guard !underPrefix.isEmpty else { return }
        var folded: [String: String] = [:]
        for entry in underPrefix {
            let relative = String(decoding: entry.path.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
            folded[ArchivePath.foldCase(relative)] = relative
        }
        for entry in shared {
            if let relative = folded[ArchivePath.foldCase(entry.path)], relative != entry.path {
                let group = [prefix + relative, prefix + entry.path].sorted(by: ArchivePath.byteOrder)
                throw PackagingError(.caseCollision, path: group[0],
                                     "paths differ only by case: \(group.joined(separator: ", ")); they clash on macOS and Windows")
            }
        }
    }
}

/// The shared lists of a batch, each normalized once per owned root (relative to its
/// prefix), side by side, before any archive is written; every archive placing a list
/// reads the same normalized array.
final class SharedEntries: Sendable {
    private struct Key: Hashable {
        /// The list's storage: the archives of one content set share the array itself.
        let storage: UInt
        let count: Int
        let ownedRoot: String
    }
    private let keys: [Key]
    private let lists: [Result<[ArchiveEntry], PackagingError>]

    init(_ jobs: [ArchiveWriter.Job]) {
        var keys: [Key] = []
        var seen = Set<Key>()
        var sources: [[ArchiveEntry]] = []
        for job in jobs {
            let key = Self.key(job)
            guard !job.entries.shared.isEmpty, seen.insert(key).inserted else { continue }
            keys.append(key)
            sources.append(job.entries.shared)
        }
        let made = Slots<Result<[ArchiveEntry], PackagingError>>(keys.count)
        let inputs = sources, roots = keys.map(\.ownedRoot)
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            do throws(PackagingError) {
                made[index] = .success(try ArchiveWriter.normalized(inputs[index], ownedRoot: roots[index]))
            } catch {
                made[index] = .failure(error)
            }
        }
        self.keys = keys
        self.lists = (0..<keys.count).map { made[$0] ?? .success([]) }
    }

    /// The normalized shared list of `job`; throws what normalizing it threw.
    func normalized(for job: ArchiveWriter.Job) throws(PackagingError) -> [ArchiveEntry] {
        guard !job.entries.shared.isEmpty, let index = keys.firstIndex(of: Self.key(job)) else { return [] }
        return try lists[index].get()
    }

    private static func key(_ job: ArchiveWriter.Job) -> Key {
        return Key(storage: job.entries.sharedIdentity, count: job.entries.shared.count,
                   ownedRoot: relativeOwnedRoot(job.ownedRoot, prefix: job.entries.prefix))
    }

    /// The owned root as seen from inside `prefix`: "" when the archive owns the prefix
    /// or more, the rest of the path when it owns something below it, and "/" (which no
    /// relative path starts with) when it owns something beside it.
    static func relativeOwnedRoot(_ ownedRoot: String, prefix: String) -> String {
        if prefix.hasPrefix(ownedRoot) { return "" }
        if ownedRoot.hasPrefix(prefix) { return String(decoding: ownedRoot.utf8.dropFirst(prefix.utf8.count), as: UTF8.self) }
        return "/"
    }
}
