import Documents

/// A provider's model list, indexed by id for constant-time lookups. Ids are kept sorted
/// once so "did you mean" searches can walk prefix ranges instead of the whole list.
public struct Catalog: Sendable {
    public let provider: String
    public private(set) var entries: [String: CatalogEntry] = [:]
    /// Every id, sorted by UTF-8 bytes (binary-searchable).
    public let sortedIDs: [String]

    public init(provider: String, entries list: [CatalogEntry]) {
        self.provider = provider
        var entries: [String: CatalogEntry] = [:]
        entries.reserveCapacity(list.count)
        // First record wins, as upstream deduplicates by id in list order.
        for entry in list where entries[entry.id] == nil { entries[entry.id] = entry }
        self.entries = entries
        sortedIDs = entries.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        // Aliases find their entry but are not ids of their own: counts and suggestions
        // stay one per model.
        var aliases: [String: String] = [:], routes: [String: [String]] = [:]
        for id in sortedIDs {
            guard let entry = entries[id] else { continue }
            for alias in entry.aliases where entries[alias] == nil && aliases[alias] == nil { aliases[alias] = id }
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
    public var count: Int { entries.count }

    public subscript(id: String) -> CatalogEntry? { entries[id] ?? aliases[id].flatMap { entries[$0] } }

    public func contains(_ id: String) -> Bool { self[id] != nil }

    /// The entries that invoke `model` (Bedrock inference profiles over a foundation model).
    public func entries(routingTo model: String) -> [String] { routes[model] ?? [] }

    /// Ids beginning with `prefix`, in sorted order, at most `limit` of them.
    public func ids(withPrefix prefix: String, limit: Int) -> ArraySlice<String> {
        let key = Array(prefix.utf8)
        var low = 0, high = sortedIDs.count
        while low < high {
            let mid = (low + high) / 2
            if sortedIDs[mid].utf8.lexicographicallyPrecedes(key) { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < sortedIDs.count, end - low < limit, sortedIDs[end].utf8.starts(with: key) { end += 1 }
        return sortedIDs[low..<end]
    }
}
