/// A JSON document value. Objects keep their key order, numbers keep their literal
/// form, so a document read and written again does not drift.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The JSON type name, as JSON Schema spells it ("integer" is reported as "number").
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var numberValue: JSONNumber? { if case .number(let n) = self { return n }; return nil }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var objectValue: JSONObject? { if case .object(let o) = self { return o }; return nil }
    public var isNull: Bool { if case .null = self { return true }; return false }

    /// Member lookup on an object; nil for other kinds or an absent key.
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// Element lookup on an array; nil for other kinds or an index out of range.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return nil
    }

    /// The value at a JSON pointer, or nil when the path does not exist.
    public subscript(pointer: JSONPointer) -> JSONValue? { pointer.resolve(in: self) }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByNilLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    public init(floatLiteral value: Double) { self = .number(JSONNumber(value)) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var object = JSONObject()
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}

/// A JSON object whose members keep insertion order. Equality ignores order, as JSON's does.
///
/// Members are two parallel arrays (keys, values). Most objects are small, so a key is
/// found by a linear scan; a key index is built only once an object grows past
/// `indexThreshold` members. Reading a large document then costs no hashing per member.
public struct JSONObject: Hashable, Sendable, Sequence {
    public private(set) var keys: [String] = []
    /// The members' values, in the order of `keys`.
    public private(set) var values: [JSONValue] = []
    /// Key to position, kept only while `keys.count > indexThreshold` (empty otherwise).
    private var index: [String: Int] = [:]

    static let indexThreshold = 12

    public init() {}

    public init(_ members: [(String, JSONValue)]) {
        for (key, value) in members { self[key] = value }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// Where `key` stands among the members, if present.
    func position(of key: String) -> Int? {
        if keys.count > Self.indexThreshold { return index[key] }
        for i in keys.indices where keys[i] == key { return i }
        return nil
    }

    /// Appends a member whose key the caller knows is absent (the reader checked).
    mutating func appendNew(_ key: String, _ value: JSONValue) {
        if keys.isEmpty {
            // Room for a few members at once: most objects have several, and growing
            // one by one costs an allocation per doubling in both arrays.
            keys.reserveCapacity(4)
            values.reserveCapacity(4)
        }
        keys.append(key)
        values.append(value)
        if keys.count > Self.indexThreshold {
            if index.isEmpty {
                index.reserveCapacity(keys.count * 2)
                for (i, k) in keys.enumerated() { index[k] = i }
            } else {
                index[key] = keys.count - 1
            }
        }
    }

    /// Replaces the value at a position from `position(of:)`.
    mutating func replaceValue(at position: Int, with value: JSONValue) {
        values[position] = value
    }

    /// Reading returns the member; writing replaces it in place (keeping its position)
    /// or appends a new key; writing nil removes the key.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { values[$0] } }
        set {
            let found = position(of: key)
            switch (found, newValue) {
            case (let i?, let value?): values[i] = value
            case (nil, let value?): appendNew(key, value)
            case (let i?, nil):
                keys.remove(at: i)
                values.remove(at: i)
                index = [:]
                if keys.count > Self.indexThreshold {
                    for (j, k) in keys.enumerated() { index[k] = j }
                }
            case (nil, nil): break
            }
        }
    }

    public func contains(_ key: String) -> Bool { position(of: key) != nil }

    public var members: [(key: String, value: JSONValue)] {
        Array(zip(keys, values).lazy.map { (key: $0.0, value: $0.1) })
    }

    /// Calls `body` with each member in order, without building the `members` array.
    public func forEachMember(_ body: (String, JSONValue) throws -> Void) rethrows {
        for i in keys.indices { try body(keys[i], values[i]) }
    }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: JSONValue)> {
        members.makeIterator()
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for i in lhs.keys.indices {
            guard let value = rhs[lhs.keys[i]], value == lhs.values[i] else { return false }
        }
        return true
    }

    /// Order-independent, as equality is: each member hashed alone, the results summed.
    public func hash(into hasher: inout Hasher) {
        var sum = 0
        for i in keys.indices {
            var member = Hasher()
            member.combine(keys[i])
            member.combine(values[i])
            sum = sum &+ member.finalize()
        }
        hasher.combine(count)
        hasher.combine(sum)
    }
}
