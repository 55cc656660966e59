import Foundation
import Documents
import Packaging

/// A provider's model list, indexed by id for constant-time lookups. Ids are sorted once,
/// the first time a "did you mean" search needs them, so it can walk prefix ranges
/// instead of the whole list; an audit whose models are all listed never sorts.
public struct Catalog: Sendable {
    public let provider: String
    /// The records as read, in list order; an id listed twice keeps only its first
    /// record reachable (through `positions`).
    private let records: [CatalogEntry]
    /// Id to its first record in `records`. The records are not copied into a dictionary
    /// of their own: at 100k models that copy (and freeing the list it came from) cost a
    /// tenth of an audit.
    private let positions: [String: Int]
    /// Every listed model by id (aliases not included). Built on each call: lookups go
    /// through `subscript(id:)`.
    public var entries: [String: CatalogEntry] { positions.mapValues { records[$0] } }
    /// Every id, sorted by UTF-8 bytes (binary-searchable); computed on first use.
    public var sortedIDs: [String] { sorted.ids { Catalog.sortedByUTF8(Array(positions.keys)) } }
    private let sorted = SortedIDs()

    public init(provider: String, entries list: [CatalogEntry]) {
        self.provider = provider
        // First record wins, as upstream deduplicates by id in list order (one hash per
        // record, not a lookup and then an insert).
        let positions = Dictionary(list.indices.lazy.map { (list[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        self.records = list
        self.positions = positions
        // Aliases find their entry but are not ids of their own: counts and suggestions
        // stay one per model.
        var aliases: [String: String] = [:], routes: [String: [String]] = [:]
        let linked = list.contains { !$0.aliases.isEmpty || !$0.routesTo.isEmpty }
        for id in linked ? Catalog.sortedByUTF8(Array(positions.keys)) : [] {
            guard let position = positions[id] else { continue }
            let entry = list[position]
            for alias in entry.aliases where positions[alias] == nil && aliases[alias] == nil { aliases[alias] = id }
            for model in entry.routesTo { routes[model, default: []].append(id) }
        }
        self.aliases = aliases
        self.routes = routes
    }

    /// Alias to the id it names.
    private let aliases: [String: String]
    /// Model id to the entries (inference profiles) that invoke it, sorted.
    private let routes: [String: [String]]

    /// Models listed (aliases not counted).
    public var count: Int { positions.count }

    public subscript(id: String) -> CatalogEntry? {
        if let position = positions[id] ?? aliases[id].flatMap({ positions[$0] }) { return records[position] }
        return nil
    }

    public func contains(_ id: String) -> Bool { self[id] != nil }

    /// The entries that invoke `model` (Bedrock inference profiles over a foundation model).
    public func entries(routingTo model: String) -> [String] { routes[model] ?? [] }

    /// Ids beginning with `prefix`, in sorted order, at most `limit` of them.
    public func ids(withPrefix prefix: String, limit: Int) -> ArraySlice<String> {
        let key = Array(prefix.utf8)
        let sortedIDs = self.sortedIDs
        var low = 0, high = sortedIDs.count
        while low < high {
            let mid = (low + high) / 2
            if Catalog.utf8Precedes(sortedIDs[mid], prefix) { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < sortedIDs.count, end - low < limit, sortedIDs[end].utf8.starts(with: key) { end += 1 }
        return sortedIDs[low..<end]
    }

    /// `ids` in byte-wise UTF-8 order. The ids' bytes are laid end to end once and an
    /// index array is sorted by `memcmp` over them: sorting the strings themselves spent
    /// most of a 100k-model audit retaining and releasing them in the comparator.
    static func sortedByUTF8(_ ids: [String]) -> [String] {
        var bytes: [UInt8] = [], starts: [Int] = [], ends: [Int] = []
        starts.reserveCapacity(ids.count)
        ends.reserveCapacity(ids.count)
        for id in ids {
            starts.append(bytes.count)
            bytes.append(contentsOf: id.utf8)
            ends.append(bytes.count)
        }
        var order = Array(ids.indices)
        bytes.withUnsafeBufferPointer { buffer in
            starts.withUnsafeBufferPointer { starts in
                ends.withUnsafeBufferPointer { ends in
                    guard let base = buffer.baseAddress else { return }
                    order.sort { i, j in
                        let x = ends[i] - starts[i], y = ends[j] - starts[j]
                        let order = memcmp(base + starts[i], base + starts[j], min(x, y))
                        return order != 0 ? order < 0 : x < y
                    }
                }
            }
        }
        return order.map { ids[$0] }
    }

    /// Byte-wise UTF-8 order (the same `memcmp` order archive paths are sorted in; the
    /// generic `lexicographicallyPrecedes` over `utf8` views cost a fifth of a 100k-model
    /// audit in sorting alone).
    static func utf8Precedes(_ a: String, _ b: String) -> Bool { ArchivePath.byteOrder(a, b) }
}

/// A catalog's sorted ids, computed once on first use from any thread.
private final class SortedIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var computed: [String]?

    func ids(_ compute: () -> [String]) -> [String] {
        lock.withLock {
            if let computed { return computed }
            let ids = compute()
            computed = ids
            return ids
        }
    }
}
