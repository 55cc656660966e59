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
}
