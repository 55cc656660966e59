/// A fixed set of keywords (short ASCII strings, such as `properties` or `$ref`) mapped
/// to values, for the lookups the compiler makes for every member of every schema object.
///
/// A `Dictionary` hashes each key with the process's seeded SipHash, which for a keyword
/// costs more than the rest of the lookup. Here the set is fixed when the table is made
/// and no key is ever inserted from input, so a plain FNV-1a hash into an open-addressed
/// table is safe: a key that collides only probes further, never degrades the table, and
/// a key longer than every keyword is refused before it is hashed.
struct KeywordTable<Value> {
    private var names: [String?]
    private var values: [Value?]
    private let mask: Int
    private let longest: Int
    /// How many keywords the table holds.
    let count: Int

    init(_ entries: [(String, Value)]) {
        var size = 16
        while size < entries.count * 4 { size *= 2 }
        names = Array(repeating: nil, count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
        longest = entries.map(\.0.utf8.count).max() ?? 0
        count = entries.count
        for (name, value) in entries {
            var slot = Self.hash(name) & mask
            while let taken = names[slot] {
                precondition(taken != name, "keyword \(name) listed twice")
                slot = (slot + 1) & mask
            }
            names[slot] = name
            values[slot] = value
        }
    }

    subscript(key: String) -> Value? {
        guard key.utf8.count <= longest else { return nil }
        var slot = Self.hash(key) & mask
        while let name = names[slot] {
            if name == key { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private static func hash(_ text: String) -> Int {
        // Over the contiguous bytes: the UTF-8 view's iterator costs more per byte than
        // the hash does.
        var text = text
        return text.withUTF8 { bytes in
            var hash: UInt32 = 2_166_136_261
            for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
            return Int(hash)
        }
    }
}

extension KeywordTable: Sendable where Value: Sendable {}
