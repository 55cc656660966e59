/// An RFC 6901 JSON Pointer: a path of reference tokens from the document root.
public struct JSONPointer: Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public private(set) var tokens: [String]

    public static let root = JSONPointer(tokens: [])

    public init(tokens: [String]) { self.tokens = tokens }

    /// Parses the string form (`""`, `/a/0`, `/a~1b`). Throws on text not starting
    /// with `/` or on a `~` not followed by 0 or 1.
    public init(parsing text: String) throws(JSONPointerError) {
        if text.isEmpty { tokens = []; return }
        guard text.hasPrefix("/") else { throw JSONPointerError(text: text, reason: "must be empty or start with '/'") }
        let utf8 = text.utf8
        if !utf8.contains(UInt8(ascii: "~")) {
            // No escapes: the tokens are the text between slashes, found in the UTF-8
            // view ('/' is ASCII, so every index found is a valid String index).
            var result: [String] = []
            var start = utf8.index(after: utf8.startIndex)
            while let slash = utf8[start...].firstIndex(of: UInt8(ascii: "/")) {
                result.append(String(text[start..<slash]))
                start = utf8.index(after: slash)
            }
            result.append(String(text[start...]))
            tokens = result
            return
        }
        var result: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var iterator = raw.makeIterator()
            while let c = iterator.next() {
                guard c == "~" else { token.append(c); continue }
                switch iterator.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: throw JSONPointerError(text: text, reason: "'~' must be followed by 0 or 1")
                }
            }
            result.append(token)
        }
        tokens = result
    }

    /// Literal pointers in code; invalid text yields a pointer holding the text as one token.
    public init(stringLiteral value: String) {
        self = (try? JSONPointer(parsing: value)) ?? JSONPointer(tokens: [value])
    }

    public var description: String {
        tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
            .joined()
    }

    /// A dotted rendering with `[index]` for array positions, as upstream prints paths
    /// (`branding.sidebar.top.mediaSize`, `mcps[2].url`), given the document to tell
    /// array indices from object keys.
    public func dotted(in document: JSONValue? = nil) -> String {
        var out = ""
        var node = document
        for token in tokens {
            if case .array = node, Int(token) != nil {
                out += "[\(token)]"
            } else {
                out += out.isEmpty ? token : "." + token
            }
            node = node.flatMap { JSONPointer(tokens: [token]).resolve(in: $0) }
        }
        return out
    }

    public var isRoot: Bool { tokens.isEmpty }
    public var parent: JSONPointer? { tokens.isEmpty ? nil : JSONPointer(tokens: Array(tokens.dropLast())) }
    public var last: String? { tokens.last }

    public func appending(_ token: String) -> JSONPointer {
        var copy = tokens
        copy.append(token)
        return JSONPointer(tokens: copy)
    }
    public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }
    public static func / (lhs: JSONPointer, rhs: String) -> JSONPointer { lhs.appending(rhs) }
    public static func / (lhs: JSONPointer, rhs: Int) -> JSONPointer { lhs.appending(rhs) }

    /// True when `self` equals `other` or lies beneath it.
    public func hasPrefix(_ other: JSONPointer) -> Bool {
        tokens.count >= other.tokens.count && Array(tokens.prefix(other.tokens.count)) == other.tokens
    }

    /// The value at this pointer in `document`, or nil when absent. Array tokens must be
    /// canonical decimal indices (no leading zeros, no `-`).
    public func resolve(in document: JSONValue) -> JSONValue? {
        var node = document
        for token in tokens {
            switch node {
            case .object(let object):
                guard let next = object[token] else { return nil }
                node = next
            case .array(let array):
                guard let index = JSONPointer.arrayIndex(token), index < array.count else { return nil }
                node = array[index]
            default:
                return nil
            }
        }
        return node
    }

    static func arrayIndex(_ token: String) -> Int? {
        guard !token.isEmpty, token.allSatisfy(\.isASCII), token.allSatisfy(\.isNumber) else { return nil }
        if token.count > 1, token.hasPrefix("0") { return nil }
        return Int(token)
    }

    public static func < (a: JSONPointer, b: JSONPointer) -> Bool {
        a.tokens.lexicographicallyPrecedes(b.tokens)
    }
}

public struct JSONPointerError: Error, Sendable, CustomStringConvertible {
    public let text: String
    public let reason: String
    public var description: String { "invalid JSON pointer '\(text)': \(reason)" }
}
