import Documents

/// One key of a policy with its native value and where it was written.
public struct PolicyEntry: Sendable, Hashable {
    public var key: String
    public var value: JSONValue
    /// Where the value stands (nil for values built in code).
    public var location: SourceLocation?
    /// Where the key's name stands, for findings about the key itself.
    public var keyLocation: SourceLocation?
    /// The preset that supplied the value, when it did not come from the policy file.
    public var preset: String?
    /// Where the value stands in its document when that is not at `/key` (a per-platform
    /// variant: `/key/$platform/macos`).
    public var valuePointer: JSONPointer? = nil

    public init(key: String, value: JSONValue, location: SourceLocation? = nil, keyLocation: SourceLocation? = nil,
                preset: String? = nil) {
        self.key = key
        self.value = value
        self.location = location
        self.keyLocation = keyLocation
        self.preset = preset
    }
}

/// A Cowork-on-3P managed policy: a flat map from registry key names to native values
/// (booleans, integers, strings, lists, maps), after any preset has been layered under it.
public struct ManagedPolicy: Sendable {
    /// The preset the policy starts from, if any.
    public var profile: String?
    /// The entries, sorted by key.
    public private(set) var entries: [PolicyEntry]
    /// The documents values came from, by file name, to locate nested values.
    public var documents: [String: Document]

    public init(profile: String? = nil, entries: [PolicyEntry] = [], documents: [String: Document] = [:]) {
        self.profile = profile
        self.entries = []
        self.documents = documents
        for entry in entries { set(entry) }
    }

    /// Adds or replaces an entry, keeping entries sorted by key.
    /// Binary search: a linear scan per key made reading a large profile quadratic.
    public mutating func set(_ entry: PolicyEntry) {
        let index = position(of: entry.key)
        if index < entries.endIndex, entries[index].key == entry.key {
            entries[index] = entry
        } else {
            entries.insert(entry, at: index)
        }
    }

    /// The first index whose key is not less than `key`.
    func position(of key: String) -> Int {
        var low = entries.startIndex, high = entries.endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if entries[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Removes a key.
    public mutating func remove(_ key: String) { entries.removeAll { $0.key == key } }

    public subscript(key: String) -> JSONValue? {
        let index = position(of: key)
        // Not a ternary: JSONValue is ExpressibleByNilLiteral, so `nil` there is `.null`.
        guard index < entries.endIndex, entries[index].key == key else { return Optional.none }
        return entries[index].value
    }

    public func entry(_ key: String) -> PolicyEntry? { entries.first { $0.key == key } }

    public var keys: [String] { entries.map(\.key) }

    /// The values only, as a sorted JSON object (what exporters write).
    public var values: JSONObject { JSONObject(entries.map { ($0.key, $0.value) }) }

    /// True when both policies hold the same keys with equal values (locations ignored).
    public func hasSameValues(as other: ManagedPolicy) -> Bool { values == other.values && keys == other.keys }

    /// The position of a value inside an entry (sub-pointer relative to the key's value),
    /// falling back to the entry's own position.
    public func location(of entry: PolicyEntry, at sub: JSONPointer = .root) -> SourceLocation? {
        if !sub.isRoot, let file = entry.location?.file, let document = documents[file] {
            let pointer = JSONPointer(tokens: (entry.valuePointer?.tokens ?? [entry.key]) + sub.tokens)
            if document.sourceMap.nearest(pointer) != nil { return document.location(of: pointer) }
        }
        return entry.location
    }
}
