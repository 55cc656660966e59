/// The recursive-descent parser behind `JSONReader`. It keeps only a byte offset while
/// it reads; line and column (in Unicode scalars) are computed from the offset when an
/// error, a warning or the source map needs one (`SourceLines`).
struct JSONParser {
    let bytes: [UInt8]
    let file: String
    let jsonc: Bool
    let maxDepth: Int
    let recordsLocations: Bool
    var index = 0
    /// Where columns start counting (3 after a byte order mark).
    var origin = 0
    var depth = 0
    var sourceMap = SourceMap()
    var warnings: [DocumentDiagnostic] = []
    /// Line starts, built the first time many positions are needed (warnings, source map).
    var lines: SourceLines?
    /// Byte offsets of the keys of the objects being read, innermost last: duplicate-key
    /// warnings name the first occurrence without a dictionary per object.
    var keyOffsets: [Int] = []
    /// Offered the elements of the arrays it wants (`JSONElementFilter`), if any.
    var filter: AnyElementFilter?
    /// The object keys leading to the value being read; nil once inside an array (or
    /// when no filter is set), so nothing is tracked for ordinary reads.
    var filterPath: [String]?

    init(bytes: [UInt8], file: String, jsonc: Bool, maxDepth: Int, recordsLocations: Bool) {
        self.bytes = bytes
        self.file = file
        self.jsonc = jsonc
        self.maxDepth = maxDepth
        self.recordsLocations = recordsLocations
    }

    /// The current position, computed by a scan (errors are met once per document).
    var here: SourceLocation { SourceLines.location(of: index, in: bytes, origin: origin, file: file) }

    /// The position of `offset`, through the line index (built on first use).
    mutating func locate(_ offset: Int) -> SourceLocation {
        if lines == nil { lines = SourceLines(bytes: bytes, origin: origin) }
        return lines.unsafelyUnwrapped.location(of: offset, in: bytes, file: file)
    }

    func error(_ message: String, at offset: Int? = nil, code: FindingCode = .jsonSyntax) -> DocumentError {
        DocumentError(code: code, message: message,
                      location: SourceLines.location(of: offset ?? index, in: bytes, origin: origin, file: file))
    }

    mutating func parseDocument() throws(DocumentError) -> JSONValue {
        // A UTF-8 byte order mark is tolerated (RFC 8259 §8.1 lets parsers ignore it).
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3; origin = 3 }
        try skipTrivia()
        guard index < bytes.count else { throw error("expected a JSON value, found end of input") }
        let value = try parseValue(at: recordsLocations ? .root : nil, key: nil)
        try skipTrivia()
        if index < bytes.count { throw error("unexpected \(describeCurrent()) after the JSON value") }
        return value
    }

    // MARK: - Scanning

    @inline(__always)
    mutating func advance() { index += 1 }

    func describeCurrent() -> String {
        guard index < bytes.count else { return "end of input" }
        let b = bytes[index]
        if b >= 0x21 && b < 0x7F { return "'\(Character(UnicodeScalar(b)))'" }
        if b < 0x20 || b == 0x7F { return "control character U+\(hex(UInt32(b), width: 4))" }
        if b == 0x20 { return "space" }
        return "byte 0x\(hex(UInt32(b), width: 2))"
    }

    mutating func skipTrivia() throws(DocumentError) {
        while true {
            index = Self.firstNonWhitespace(in: bytes, from: index)
            guard jsonc, index < bytes.count, bytes[index] == UInt8(ascii: "/") else { return }
            try skipComment()
        }
    }

    /// The first offset at or after `start` that is not JSON whitespace, or the end.
    /// Indented documents are a third whitespace: one tight loop over the raw bytes.
    static func firstNonWhitespace(in bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var i = start
            while i < buffer.count {
                switch buffer[i] {
                case 0x20, 0x09, 0x0A, 0x0D: i += 1
                default: return i
                }
            }
            return i
        }
    }

    mutating func skipComment() throws(DocumentError) {
        let start = index
        guard index + 1 < bytes.count else { throw error("unexpected '/'") }
        switch bytes[index + 1] {
        case UInt8(ascii: "/"):
            while index < bytes.count, bytes[index] != 0x0A { advance() }
        case UInt8(ascii: "*"):
            advance(); advance()
            while true {
                guard index < bytes.count else { throw error("unterminated block comment", at: start) }
                if bytes[index] == UInt8(ascii: "*"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                    advance(); advance()
                    return
                }
                advance()
            }
        default:
            throw error("unexpected '/' (comments start with // or /*)")
        }
    }

    // MARK: - Values

    /// `pointer` is nil when locations are not recorded, so no path is built per node;
    /// `key` is the byte offset of the member's key.
    mutating func parseValue(at pointer: JSONPointer?, key: Int?) throws(DocumentError) -> JSONValue {
        if let pointer { sourceMap.record(pointer, NodeLocation(value: locate(index), key: key.map { locate($0) })) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(at: pointer)
        case UInt8(ascii: "["): return try parseArray(at: pointer)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("expected a JSON value, found \(describeCurrent())")
        }
    }

    mutating func expectLiteral(_ word: StaticString) throws(DocumentError) {
        let start = index
        let utf8 = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for expected in utf8 {
            guard index < bytes.count, bytes[index] == expected else {
                throw error("invalid literal; expected '\(word.description)'", at: start)
            }
            advance()
        }
    }

    mutating func enter() throws(DocumentError) {
        depth += 1
        if depth > maxDepth {
            throw error("nesting deeper than \(maxDepth) levels", code: .nestingTooDeep)
        }
    }

    mutating func parseObject(at pointer: JSONPointer?) throws(DocumentError) -> JSONValue {
        try enter()
        advance()  // {
        var object = JSONObject()
        let keyBase = keyOffsets.count
        defer { keyOffsets.removeSubrange(keyBase...) }
        try skipTrivia()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            advance(); depth -= 1
            return .object(object)
        }
        while true {
            guard index < bytes.count else { throw error("unterminated object: expected a key or '}'") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw error("expected a string key, found \(describeCurrent())")
            }
            let keyOffset = index
            let key = try parseString()
            try skipTrivia()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("expected ':' after key \"\(key)\", found \(describeCurrent())")
            }
            advance()
            try skipTrivia()
            guard index < bytes.count else { throw error("expected a value for key \"\(key)\", found end of input") }
            let value: JSONValue
            if filterPath != nil {
                filterPath?.append(key)
                defer { filterPath?.removeLast() }
                value = try parseValue(at: pointer.map { $0 / key }, key: keyOffset)
            } else {
                value = try parseValue(at: pointer.map { $0 / key }, key: keyOffset)
            }
            if let position = object.position(of: key) {
                let first = locate(keyOffsets[keyBase + position])
                warnings.append(DocumentDiagnostic(
                    code: .duplicateKey,
                    message: "duplicate key \"\(key)\" (first at \(first.line):\(first.column)); the last value wins, as in JavaScript",
                    location: locate(keyOffset), related: first))
                object.replaceValue(at: position, with: value)
            } else {
                keyOffsets.append(keyOffset)
                object.appendNew(key, value)
            }
            try skipTrivia()
            guard index < bytes.count else { throw error("unterminated object: expected ',' or '}'") }
            if bytes[index] == UInt8(ascii: ",") {
                advance()
                try skipTrivia()
                if jsonc, index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    advance(); depth -= 1
                    return .object(object)
                }
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                advance(); depth -= 1
                return .object(object)
            }
            throw error("expected ',' or '}' in object, found \(describeCurrent())")
        }
    }

    mutating func parseArray(at pointer: JSONPointer?) throws(DocumentError) -> JSONValue {
        try enter()
        advance()  // [
        var elements: [JSONValue] = []
        // Elements of an array the filter wants go through it; inside any array no path
        // is tracked (only key paths are offered).
        let path = filterPath
        let offered = path.map { filter?.wants($0) ?? false } ?? false
        if let path, offered { filter?.arrayStarted(at: path) }
        filterPath = nil
        defer { filterPath = path }
        try skipTrivia()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            advance(); depth -= 1
            return .array(elements)
        }
        while true {
            guard index < bytes.count else { throw error("unterminated array: expected a value or ']'") }
            let element = try parseValue(at: pointer.map { $0 / elements.count }, key: nil)
            if offered, let path, let filter {
                elements.append(filter.element(element, at: path))
            } else {
                elements.append(element)
            }
            try skipTrivia()
            guard index < bytes.count else { throw error("unterminated array: expected ',' or ']'") }
            if bytes[index] == UInt8(ascii: ",") {
                advance()
                try skipTrivia()
                if jsonc, index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    advance(); depth -= 1
                    return .array(elements)
                }
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                advance(); depth -= 1
                return .array(elements)
            }
            throw error("expected ',' or ']' in array, found \(describeCurrent())")
        }
    }

    mutating func parseNumber() throws(DocumentError) -> JSONNumber {
        let start = index
        let startLocation = index
        func digits(_ p: inout JSONParser) -> Int {
            var n = 0
            while p.index < p.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p.bytes[p.index]) {
                p.advance(); n += 1
            }
            return n
        }
        if bytes[index] == UInt8(ascii: "-") { advance() }
        guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else {
            throw error("invalid number: expected a digit after '-'", at: startLocation)
        }
        if bytes[index] == UInt8(ascii: "0") {
            advance()
            if index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                throw error("invalid number: leading zeros are not allowed", at: startLocation)
            }
        } else {
            _ = digits(&self)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            advance()
            if digits(&self) == 0 { throw error("invalid number: expected a digit after '.'", at: startLocation) }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            advance()
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { advance() }
            if digits(&self) == 0 { throw error("invalid number: expected a digit in the exponent", at: startLocation) }
        }
        return JSONNumber(literal: text(start, index))
    }

    /// The bytes in `start..<end` as a String (the caller has checked they are UTF-8).
    func text(_ start: Int, _ end: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// The length of the run of bytes from `start` that a string holds as is (printable
    /// ASCII other than `"` and `\\`).
    func plainRun(from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var end = start
            // Eight bytes at a time while none of them ends the run (descriptions are most
            // of a schema's bytes), then byte by byte.
            if let base = buffer.baseAddress {
                let raw = UnsafeRawPointer(base)
                while end + 8 <= buffer.count, !Self.endsPlainRun(raw.loadUnaligned(fromByteOffset: end, as: UInt64.self)) {
                    end += 8
                }
            }
            while end < buffer.count {
                let b = buffer[end]
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 || b >= 0x80 { break }
                end += 1
            }
            return end - start
        }
    }

    /// Whether any of the eight bytes in `word` is `"`, `\\`, below 0x20 or above 0x7F
    /// (bit tricks: a byte is zero where `word` matches the byte tested for).
    @inline(__always)
    static func endsPlainRun(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        let control = (word &- ones &* 0x20) & ~word & highs != 0
        return word & highs != 0 || control || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
    }

    mutating func parseString() throws(DocumentError) -> String {
        let start = index
        advance()  // opening quote
        // Fast path: a run of printable ASCII up to the closing quote (most keys and
        // values) becomes a String in one step.
        var end = index + plainRun(from: index)
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            let text = text(index, end)
            index = end + 1
            return text
        }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(end - index + 16)
        while true {
            if end > index {
                utf8.append(contentsOf: bytes[index..<end])
                index = end
            }
            guard index < bytes.count else { throw error("unterminated string", at: start) }
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                advance()
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &utf8)
            case 0x00..<0x20:
                throw error("control character U+\(hex(UInt32(b), width: 4)) must be escaped in a string")
            default:  // 0x80 and above
                try copyUTF8Sequence(into: &utf8)
            }
            end = index + plainRun(from: index)
        }
    }

    /// Copies one multi-byte UTF-8 sequence, rejecting malformed, overlong and surrogate encodings.
    mutating func copyUTF8Sequence(into utf8: inout [UInt8]) throws(DocumentError) {
        let lead = bytes[index]
        let length: Int
        let minimum: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; minimum = 0x80
        case 0xE0...0xEF: length = 3; minimum = 0x800
        case 0xF0...0xF4: length = 4; minimum = 0x10000
        default: throw error("invalid UTF-8 byte 0x\(hex(UInt32(lead), width: 2))", code: .invalidUtf8)
        }
        guard index + length <= bytes.count else { throw error("truncated UTF-8 sequence", code: .invalidUtf8) }
        var scalar = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            let c = bytes[index + offset]
            guard c & 0xC0 == 0x80 else { throw error("invalid UTF-8 sequence", code: .invalidUtf8) }
            scalar = scalar << 6 | UInt32(c & 0x3F)
        }
        if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
            throw error("invalid UTF-8 sequence", code: .invalidUtf8)
        }
        utf8.append(contentsOf: bytes[index..<index + length])
        index += length
    }

    mutating func parseEscape(into utf8: inout [UInt8]) throws(DocumentError) {
        let start = index
        advance()  // backslash
        guard index < bytes.count else { throw error("unterminated escape sequence", at: start) }
        let c = bytes[index]
        advance()
        switch c {
        case UInt8(ascii: "\""): utf8.append(0x22)
        case UInt8(ascii: "\\"): utf8.append(0x5C)
        case UInt8(ascii: "/"): utf8.append(0x2F)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4(escapeStart: start)
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must pair with a following \uDC00-\uDFFF escape;
                // a lone one cannot live in a Swift string and becomes U+FFFD.
                if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                    let save = index
                    advance(); advance()
                    let low = try parseHex4(escapeStart: start)
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        index = save
                        scalar = 0xFFFD
                    }
                } else {
                    scalar = 0xFFFD
                }
            } else if (0xDC00...0xDFFF).contains(scalar) {
                scalar = 0xFFFD
            }
            utf8.append(contentsOf: Array(String(Character(UnicodeScalar(scalar)!)).utf8))
        default:
            throw error("invalid escape sequence '\\\(c >= 0x20 && c < 0x7F ? String(UnicodeScalar(c)) : "?")'", at: start)
        }
    }

    mutating func parseHex4(escapeStart: Int) throws(DocumentError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw error("incomplete \\u escape", at: escapeStart) }
            let c = bytes[index]
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error("invalid \\u escape: expected 4 hex digits", at: escapeStart)
            }
            value = value << 4 | digit
            advance()
        }
        return value
    }
}
