/// Tag resolution for plain scalars under the YAML 1.2 core schema. Only these forms are
/// typed; everything else (including YAML 1.1's `yes`, `no`, `on`, `off`) is a string.
enum YAMLCoreSchema {
    enum Scalar: Equatable {
        case null
        case bool(Bool)
        /// A decimal integer literal in JSON syntax.
        case integer(String)
        /// A float literal rewritten into JSON number syntax.
        case float(String)
        case infinity
        case nan
        case outOfRange
        case string(String)
    }

    static func resolve(_ text: String) -> Scalar {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF": return .infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        let bytes = Array(text.utf8)
        if let integer = integer(bytes) { return integer }
        if let float = float(bytes) { return .float(float) }
        return .string(text)
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`, written as a decimal JSON integer.
    private static func integer(_ b: [UInt8]) -> Scalar? {
        if b.count > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "o") || b[1] == UInt8(ascii: "x") {
            let radix = b[1] == UInt8(ascii: "o") ? 8 : 16
            let digits = String(decoding: b[2...], as: UTF8.self)
            guard digits.allSatisfy({ $0.isHexDigit }), let value = UInt64(digits, radix: radix) else {
                return digits.allSatisfy({ $0.isHexDigit && (radix == 16 || ("0"..."7").contains($0)) }) ? .outOfRange : nil
            }
            return .integer(String(value))
        }
        var i = 0
        var negative = false
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { negative = b[i] == UInt8(ascii: "-"); i += 1 }
        guard i < b.count, b[i...].allSatisfy(isDigit) else { return nil }
        // Leading zeros are legal in YAML decimals but not in JSON: drop them.
        var digits = String(decoding: b[i...], as: UTF8.self)
        while digits.count > 1, digits.hasPrefix("0") { digits.removeFirst() }
        return .integer(negative && digits != "0" ? "-" + digits : digits)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, rewritten as a JSON number
    /// (`1.` -> `1.0`, `.5` -> `0.5`, `+2e3` -> `2e3`).
    private static func float(_ b: [UInt8]) -> String? {
        var i = 0
        var sign = ""
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
            if b[i] == UInt8(ascii: "-") { sign = "-" }
            i += 1
        }
        var intPart = ""
        while i < b.count, isDigit(b[i]) { intPart.append(Character(UnicodeScalar(b[i]))); i += 1 }
        var fraction: String? = nil
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var f = ""
            while i < b.count, isDigit(b[i]) { f.append(Character(UnicodeScalar(b[i]))); i += 1 }
            fraction = f
        }
        if intPart.isEmpty && (fraction ?? "").isEmpty { return nil }
        var exponent = ""
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            var e = "e"
            if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { e.append(Character(UnicodeScalar(b[i]))); i += 1 }
            var expDigits = ""
            while i < b.count, isDigit(b[i]) { expDigits.append(Character(UnicodeScalar(b[i]))); i += 1 }
            if expDigits.isEmpty { return nil }
            exponent = e + expDigits
        }
        guard i == b.count else { return nil }
        while intPart.count > 1, intPart.hasPrefix("0") { intPart.removeFirst() }
        if intPart.isEmpty { intPart = "0" }
        var literal = sign + intPart
        if let fraction { literal += "." + (fraction.isEmpty ? "0" : fraction) }
        return literal + exponent
    }
}
