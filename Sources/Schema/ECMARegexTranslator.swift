/// Rewrites an ECMA-262 (JavaScript, `u` flag) pattern into ICU syntax where the two
/// dialects differ, so `pattern` means what Ajv means:
/// - `\d`, `\w`, `\b` are ASCII-only in ECMA (ICU's are Unicode-aware);
/// - `\s` is ECMA's fixed white-space list (ICU's differs: no U+FEFF, adds U+0085);
/// - `$` matches only at the very end (ICU also matches before a final newline);
/// - `.` excludes exactly \n \r U+2028 U+2029 (ICU also excludes U+0085);
/// - `\u{...}` and `\0` escapes, `[^]` (any character) and `[]` (nothing);
/// - characters ICU gives meaning inside a class (`[`, `&`, `:`, `$`) are escaped;
/// - a `{` that does not start a quantifier is a literal.
enum ECMARegexTranslator {
    typealias Ranges = [(UInt32, UInt32)]

    static let digit: Ranges = [(0x30, 0x39)]
    static let word: Ranges = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]
    static let space: Ranges = [(0x09, 0x0D), (0x20, 0x20), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A),
                                (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000),
                                (0xFEFF, 0xFEFF)]
    static let wordClass = "[" + members(word) + "]"
    static let wordBoundary = "(?:(?<=\(wordClass))(?!\(wordClass))|(?<!\(wordClass))(?=\(wordClass)))"
    static let notWordBoundary = "(?:(?<=\(wordClass))(?=\(wordClass))|(?<!\(wordClass))(?!\(wordClass)))"

    static func translate(_ pattern: String) -> String {
        let chars = Array(pattern.unicodeScalars)
        var out = ""
        var i = 0
        var inClass = false
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                let (text, consumed) = escape(chars, at: i + 1, inClass: inClass)
                out += text
                i += 1 + consumed
                continue
            }
            if inClass {
                switch c {
                case "]": out += "]"; inClass = false
                case "[", "&", ":", "$", "{", "}": out += "\\" + String(c)
                default: out.unicodeScalars.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "[":
                if i + 1 < chars.count, chars[i + 1] == "]" { out += "(?!)"; i += 2; continue }
                if i + 2 < chars.count, chars[i + 1] == "^", chars[i + 2] == "]" { out += "(?s:.)"; i += 3; continue }
                inClass = true
                out += "["
                if i + 1 < chars.count, chars[i + 1] == "^" { out += "^"; i += 1 }
            case ".": out += "[^\\n\\r\\x{2028}\\x{2029}]"
            case "$": out += "\\z"
            case "{":
                if isQuantifier(chars, at: i) { out += "{" } else { out += "\\{" }
            case "}":
                // Closing braces of real quantifiers are copied with them below.
                out += "\\}"
            default: out.unicodeScalars.append(c)
            }
            if c == "{", isQuantifier(chars, at: i) {
                // Copy the quantifier body and its closing brace verbatim.
                i += 1
                while i < chars.count, chars[i] != "}" { out.unicodeScalars.append(chars[i]); i += 1 }
                out += "}"
            }
            i += 1
        }
        return out
    }

    /// Translates the escape whose letter is at `index`; returns the text and how many
    /// scalars after the backslash it used.
    static func escape(_ chars: [Unicode.Scalar], at index: Int, inClass: Bool) -> (String, Int) {
        let c = chars[index]
        func set(_ ranges: Ranges, negated: Bool) -> String {
            if inClass { return members(negated ? complement(ranges) : ranges) }
            return (negated ? "[^" : "[") + members(ranges) + "]"
        }
        switch c {
        case "d": return (set(digit, negated: false), 1)
        case "D": return (set(digit, negated: true), 1)
        case "w": return (set(word, negated: false), 1)
        case "W": return (set(word, negated: true), 1)
        case "s": return (set(space, negated: false), 1)
        case "S": return (set(space, negated: true), 1)
        case "b": return (inClass ? "\\x{8}" : wordBoundary, 1)
        case "B": return (inClass ? "B" : notWordBoundary, 1)
        case "0":
            if index + 1 < chars.count, ("0"..."9").contains(chars[index + 1]) { return ("\\0", 1) }
            return ("\\x{0}", 1)
        case "p", "P", "k":
            // \p{Property} and \k<name>: copied with their braces, which ICU reads alike.
            let open: Unicode.Scalar = c == "k" ? "<" : "{", close: Unicode.Scalar = c == "k" ? ">" : "}"
            guard index + 1 < chars.count, chars[index + 1] == open else { return ("\\" + String(c), 1) }
            var j = index + 1
            var text = "\\" + String(c)
            while j < chars.count {
                text.unicodeScalars.append(chars[j])
                if chars[j] == close { return (text, j - index + 1) }
                j += 1
            }
            return ("\\" + String(c), 1)
        case "u":
            if index + 1 < chars.count, chars[index + 1] == "{" {
                var j = index + 2
                var hex = ""
                while j < chars.count, chars[j] != "}" { hex.unicodeScalars.append(chars[j]); j += 1 }
                if j < chars.count, !hex.isEmpty, hex.allSatisfy(\.isHexDigit) { return ("\\x{\(hex)}", j - index + 1) }
            }
            if index + 4 < chars.count {
                let hex = String(String.UnicodeScalarView(chars[(index + 1)...(index + 4)]))
                if hex.allSatisfy(\.isHexDigit) { return ("\\x{\(hex)}", 5) }
            }
            return ("u", 1)
        default:
            return ("\\" + String(c), 1)
        }
    }

    /// `{n}`, `{n,}` or `{n,m}` starting at `index`.
    static func isQuantifier(_ chars: [Unicode.Scalar], at index: Int) -> Bool {
        var j = index + 1
        var digits = 0, commas = 0
        while j < chars.count, chars[j] != "}" {
            if chars[j] == "," { commas += 1; if digits == 0 { return false } }
            else if !("0"..."9").contains(chars[j]) { return false }
            else { digits += 1 }
            j += 1
        }
        return j < chars.count && digits > 0 && commas <= 1
    }

    static func members(_ ranges: Ranges) -> String {
        ranges.map { $0.0 == $0.1 ? hex($0.0) : hex($0.0) + "-" + hex($0.1) }.joined()
    }

    static func hex(_ value: UInt32) -> String { "\\x{" + String(value, radix: 16, uppercase: true) + "}" }

    /// Every code point not in `ranges` (which are sorted and disjoint).
    static func complement(_ ranges: Ranges) -> Ranges {
        var result: Ranges = []
        var next: UInt32 = 0
        for (lo, hi) in ranges {
            if lo > next { result.append((next, lo - 1)) }
            next = hi + 1
        }
        if next <= 0x10FFFF { result.append((next, 0x10FFFF)) }
        return result
    }
}
