import Documents

/// Equality as JSON Schema defines it for `const`, `enum` and `uniqueItems`: numbers by
/// value (1 == 1.0), objects regardless of member order, and strings code point by code
/// point — not Swift's canonical equivalence, under which "é" and "e\u{301}" are equal.
enum JSONEquality {
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)):
            return x.unicodeScalars.elementsEqual(y.unicodeScalars)
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            return x.allSatisfy { member in y[member.key].map { equal(member.value, $0) } ?? false }
        default:
            return a == b
        }
    }

    /// A hash that agrees with `equal`: equal values hash alike (numbers by value,
    /// objects whatever their member order, strings by code points).
    static func hashValue(_ value: JSONValue) -> Int {
        var hasher = Hasher()
        combine(value, into: &hasher)
        return hasher.finalize()
    }

    private static func combine(_ value: JSONValue, into hasher: inout Hasher) {
        switch value {
        case .null:
            hasher.combine(0)
        case .bool(let b):
            hasher.combine(1)
            hasher.combine(b)
        case .number(let n):
            hasher.combine(2)
            n.hash(into: &hasher)
        case .string(let s):
            hasher.combine(3)
            for unit in s.utf8 { hasher.combine(unit) }
        case .array(let items):
            hasher.combine(4)
            hasher.combine(items.count)
            for item in items { combine(item, into: &hasher) }
        case .object(let members):
            // Member order must not matter: member hashes are added, not chained.
            hasher.combine(5)
            hasher.combine(members.count)
            var sum = 0
            for member in members {
                var inner = Hasher()
                inner.combine(member.key.utf8.count)
                for unit in member.key.utf8 { inner.combine(unit) }
                combine(member.value, into: &inner)
                sum &+= inner.finalize()
            }
            hasher.combine(sum)
        }
    }
}
