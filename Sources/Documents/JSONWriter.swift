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
        var out = ""
        write(value, depth: 0, into: &out)
        if trailingNewline { out.append("\n") }
        return out
    }

    public func data(_ value: JSONValue) -> [UInt8] { Array(string(value).utf8) }

    /// Appends `value` as it would appear nested `depth` levels deep in a document, for
    /// writers that stream a large document part by part.
    public func append(_ value: JSONValue, depth: Int, to out: inout String) {
        write(value, depth: depth, into: &out)
    }

    private func write(_ value: JSONValue, depth: Int, into out: inout String) {
        switch value {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .number(let n): out.append(n.literal)
        case .string(let s): JSONWriter.appendQuoted(s, to: &out)
        case .array(let items):
            if items.isEmpty { out.append("[]"); return }
            if inlineScalarArrays && items.allSatisfy(\.isScalar) {
                out.append("[")
                for (i, item) in items.enumerated() {
                    if i > 0 { out.append(indent.isEmpty ? "," : ", ") }
                    write(item, depth: depth + 1, into: &out)
                }
                out.append("]")
                return
            }
            out.append("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(",") }
                newline(depth + 1, &out)
                write(item, depth: depth + 1, into: &out)
            }
            newline(depth, &out)
            out.append("]")
        case .object(let object):
            if object.isEmpty { out.append("{}"); return }
            out.append("{")
            for (i, member) in object.members.enumerated() {
                if i > 0 { out.append(",") }
                newline(depth + 1, &out)
                JSONWriter.appendQuoted(member.key, to: &out)
                out.append(indent.isEmpty ? ":" : ": ")
                write(member.value, depth: depth + 1, into: &out)
            }
            newline(depth, &out)
            out.append("}")
        }
    }

    private func newline(_ depth: Int, _ out: inout String) {
        guard !indent.isEmpty else { return }
        out.append("\n")
        for _ in 0..<depth { out.append(indent) }
    }

    /// Appends `s` as a JSON string literal, escaping as `JSON.stringify` does.
    public static func appendQuoted(_ s: String, to out: inout String) {
        out.append("\"")
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            case "\u{00}"..."\u{1F}":
                out.append("\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                           + String(scalar.value, radix: 16))
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
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
