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
        var out = Output()
        write(value, depth: 0, into: &out)
        if trailingNewline { out.bytes.append(0x0A) }
        return out.bytes
    }

    /// Writes the document in pieces of about `chunkSize` bytes to `sink`, so a large
    /// document is never held twice (the value and its whole text). Stops at the first
    /// error `sink` throws.
    public func write(_ value: JSONValue, chunkSize: Int = 1 << 16, to sink: ([UInt8]) throws -> Void) throws {
        try withoutActuallyEscaping(sink) { sink in
            var failure: (any Error)?
            var out = Output(chunkSize: chunkSize) { bytes in
                guard failure == nil else { return }
                do { try sink(bytes) } catch { failure = error }
            }
            out.bytes.reserveCapacity(chunkSize + 4096)
            write(value, depth: 0, into: &out)
            if trailingNewline { out.bytes.append(0x0A) }
            out.flush()
            if let failure { throw failure }
        }
    }

    /// Appends `value` as it would appear nested `depth` levels deep in a document, for
    /// writers that stream a large document part by part.
    public func append(_ value: JSONValue, depth: Int, to out: inout String) {
        out += String(decoding: data(value, depth: depth), as: UTF8.self)
    }

    /// `append(_:depth:to:)` into bytes.
    public func append(_ value: JSONValue, depth: Int, to out: inout [UInt8]) {
        var output = Output()
        swap(&output.bytes, &out)
        write(value, depth: depth, into: &output)
        swap(&output.bytes, &out)
    }

    private func data(_ value: JSONValue, depth: Int) -> [UInt8] {
        var out = Output()
        write(value, depth: depth, into: &out)
        return out.bytes
    }

    /// The bytes written so far, handed to `sink` whenever they pass `chunkSize`.
    private struct Output {
        var bytes: [UInt8] = []
        var chunkSize = Int.max
        var sink: (([UInt8]) -> Void)?

        mutating func flushIfFull() {
            if bytes.count >= chunkSize { flush() }
        }

        mutating func flush() {
            guard let sink, !bytes.isEmpty else { return }
            sink(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    private static let nullBytes: [UInt8] = Array("null".utf8)
    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)

    private func write(_ value: JSONValue, depth: Int, into out: inout Output) {
        switch value {
        case .null: out.bytes.append(contentsOf: JSONWriter.nullBytes)
        case .bool(let b): out.bytes.append(contentsOf: b ? JSONWriter.trueBytes : JSONWriter.falseBytes)
        case .number(let n): JSONWriter.appendUTF8(n.literal, to: &out.bytes)
        case .string(let s): JSONWriter.appendQuoted(s, to: &out.bytes)
        case .array(let items):
            if items.isEmpty { out.bytes.append(0x5B); out.bytes.append(0x5D); return }
            if inlineScalarArrays && items.allSatisfy(\.isScalar) {
                out.bytes.append(0x5B)
                for (i, item) in items.enumerated() {
                    if i > 0 { out.bytes.append(0x2C); if !indent.isEmpty { out.bytes.append(0x20) } }
                    write(item, depth: depth + 1, into: &out)
                }
                out.bytes.append(0x5D)
                return
            }
            out.bytes.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.bytes.append(0x2C) }
                newline(depth + 1, &out.bytes)
                write(item, depth: depth + 1, into: &out)
                out.flushIfFull()
            }
            newline(depth, &out.bytes)
            out.bytes.append(0x5D)
        case .object(let object):
            if object.isEmpty { out.bytes.append(0x7B); out.bytes.append(0x7D); return }
            out.bytes.append(0x7B)
            var first = true
            object.forEachMember { key, member in
                if !first { out.bytes.append(0x2C) }
                first = false
                newline(depth + 1, &out.bytes)
                JSONWriter.appendQuoted(key, to: &out.bytes)
                out.bytes.append(0x3A)
                if !indent.isEmpty { out.bytes.append(0x20) }
                write(member, depth: depth + 1, into: &out)
                out.flushIfFull()
            }
            newline(depth, &out.bytes)
            out.bytes.append(0x7D)
        }
    }

    private func newline(_ depth: Int, _ out: inout [UInt8]) {
        guard !indent.isEmpty else { return }
        out.append(0x0A)
        if indent == "  " {
            out.append(contentsOf: repeatElement(0x20 as UInt8, count: 2 * depth))
        } else {
            for _ in 0..<depth { JSONWriter.appendUTF8(indent, to: &out) }
        }
    }

    /// Appends a string's UTF-8 bytes in one copy.
    private static func appendUTF8(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
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
            for i in utf8.indices {
                let byte = utf8[i]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
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
