/// Writes JSON canonically: 2-space indent, object key order kept, UTF-8 (only what JSON
/// requires is escaped), numbers as their literal, and a trailing newline — the layout
/// of JavaScript's `JSON.stringify(value, null, 2)`.
public struct JSONWriter: Sendable {
    public var indent: String
    public var trailingNewline: Bool
    /// Writes an array whose items are all strings, numbers, booleans or nulls on one
    /// line (`["a", 1]`): for record-like tables (the build manifest) that would
    /// otherwise take a line per field.
    public var inlineScalarArrays = false

    public init(indent: String = "  ", trailingNewline: Bool = true) {
        self.indent = indent
        self.trailingNewline = trailingNewline
    }

    /// One-line form with no spaces, for embedding JSON in a string (policy values).
    public static let compact = JSONWriter(indent: "", trailingNewline: false)

    public func string(_ value: JSONValue) -> String {
        String(decoding: data(value), as: UTF8.self)
    }

    /// The document as UTF-8 bytes; the writer appends bytes throughout, never `String` pieces.
    public func data(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(value, depth: 0, into: &out)
        if trailingNewline { out.append(0x0A) }
        return out
    }

    /// Appends `value` as it would appear nested `depth` levels deep in a document, for
    /// writers that stream a large document part by part.
    public func append(_ value: JSONValue, depth: Int, to out: inout String) {
        var bytes: [UInt8] = []
        write(value, depth: depth, into: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// `append(_:depth:to:)` into bytes.
    public func append(_ value: JSONValue, depth: Int, to out: inout [UInt8]) {
        write(value, depth: depth, into: &out)
    }

    private func write(_ value: JSONValue, depth: Int, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.literal.utf8)
        case .string(let s): JSONWriter.appendQuoted(s, to: &out)
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            if inlineScalarArrays && items.allSatisfy(\.isScalar) {
                out.append(0x5B)
                for (i, item) in items.enumerated() {
                    if i > 0 { out.append(contentsOf: (indent.isEmpty ? "," : ", ").utf8) }
                    write(item, depth: depth + 1, into: &out)
                }
                out.append(0x5D)
                return
            }
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(depth + 1, &out)
                write(item, depth: depth + 1, into: &out)
            }
            newline(depth, &out)
            out.append(0x5D)
        case .object(let object):
            if object.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(0x7B)
            var first = true
            for key in object.keys {
                guard let member = object[key] else { continue }
                if !first { out.append(0x2C) }
                first = false
                newline(depth + 1, &out)
                JSONWriter.appendQuoted(key, to: &out)
                out.append(0x3A)
                if !indent.isEmpty { out.append(0x20) }
                write(member, depth: depth + 1, into: &out)
            }
            newline(depth, &out)
            out.append(0x7D)
        }
    }

    private func newline(_ depth: Int, _ out: inout [UInt8]) {
        guard !indent.isEmpty else { return }
        out.append(0x0A)
        for _ in 0..<depth { out.append(contentsOf: indent.utf8) }
    }

    /// Appends `s` as a JSON string literal, escaping as `JSON.stringify` does.
    public static func appendQuoted(_ s: String, to out: inout String) {
        var bytes: [UInt8] = []
        appendQuoted(s, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `s` as a JSON string literal in UTF-8. Only `"`, `\\` and control
    /// characters need escaping, so every other byte is copied as is.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var text = s
        text.withUTF8 { utf8 in
            var start = 0
            for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                start = i + 1
                switch byte {
                case 0x22: out.append(contentsOf: "\\\"".utf8)
                case 0x5C: out.append(contentsOf: "\\\\".utf8)
                case 0x0A: out.append(contentsOf: "\\n".utf8)
                case 0x0D: out.append(contentsOf: "\\r".utf8)
                case 0x09: out.append(contentsOf: "\\t".utf8)
                case 0x08: out.append(contentsOf: "\\b".utf8)
                case 0x0C: out.append(contentsOf: "\\f".utf8)
                default:
                    let digits: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(digits[Int(byte >> 4)])
                    out.append(digits[Int(byte & 0x0F)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        out.append(0x22)
    }

    public static func quoted(_ s: String) -> String {
        var out = ""
        appendQuoted(s, to: &out)
        return out
    }
}

extension JSONValue {
    /// True for strings, numbers, booleans and null.
    var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }
}
