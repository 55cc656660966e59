/// Rewrites an ECMA-262 (JavaScript, `u` flag) pattern into PCRE2 syntax where the two
/// dialects differ, so `pattern` means what Ajv means:
/// - `\d`, `\w`, `\b` are ASCII-only in ECMA (written out as explicit classes);
/// - `\s` is ECMA's fixed white-space list; `\v` is U+000B alone (PCRE2's is a class);
/// - `$` matches only at the very end (PCRE2 also matches before a final newline);
/// - `.` excludes exactly \n \r U+2028 U+2029;
/// - `\u{...}`, `\uXXXX`, `\xHH` and `\0` escapes, `[^]` (any character) and `[]` (nothing);
/// - `\p{...}` General_Category values by their long names or as `gc=`/`General_Category=`
///   (PCRE2 10.42 knows only the short ones), and `Assigned`;
/// - characters that could open PCRE2 syntax inside a class (`[`, `&`, `:`, `$`) are escaped;
/// - a `{` that does not start a quantifier is a literal;
/// - an escape the `u` flag forbids (`\a`, `\e`, `\Q`, `\K`, ... : a letter ECMA gives
///   no meaning) makes the pattern invalid, as in JavaScript, instead of taking PCRE2's meaning.
enum ECMARegexTranslator {
    typealias Ranges = [(UInt32, UInt32)]

    static let digit: Ranges = [(0x30, 0x39)]
    static let word: Ranges = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]
    static let space: Ranges = [(0x09, 0x0D), (0x20, 0x20), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A),
                                (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000),
                                (0xFEFF, 0xFEFF)]
    static let wordClass = "[" + wordMembers + "]"

    /// `\d \D \w \W \s \S` as a class of their own, and as the members they add inside a
    /// class (a negated one as its complement's ranges). Each is built once, on first use.
    static func classEscape(_ letter: Unicode.Scalar, inClass: Bool) -> String {
        switch (letter, inClass) {
        case ("d", false): return digitClass
        case ("D", false): return notDigitClass
        case ("w", false): return wordClass
        case ("W", false): return notWordClass
        case ("s", false): return spaceClass
        case ("S", false): return notSpaceClass
        case ("d", true): return digitMembers
        case ("D", true): return notDigitMembers
        case ("w", true): return wordMembers
        case ("W", true): return notWordMembers
        case ("s", true): return spaceMembers
        default: return notSpaceMembers
        }
    }
    static let digitMembers = members(digit), notDigitMembers = members(complement(digit))
    static let wordMembers = members(word), notWordMembers = members(complement(word))
    static let spaceMembers = members(space), notSpaceMembers = members(complement(space))
    static let digitClass = "[" + digitMembers + "]", notDigitClass = "[^" + digitMembers + "]"
    static let notWordClass = "[^" + wordMembers + "]"
    static let spaceClass = "[" + spaceMembers + "]", notSpaceClass = "[^" + spaceMembers + "]"
    static let wordBoundary = "(?:(?<=\(wordClass))(?!\(wordClass))|(?<!\(wordClass))(?=\(wordClass)))"
    static let notWordBoundary = "(?:(?<=\(wordClass))(?=\(wordClass))|(?<!\(wordClass))(?!\(wordClass)))"

    /// The PCRE2 pattern; nil when `pattern` is not valid ECMA-262 with the `u` flag.
    static func translate(_ pattern: String) -> String? {
        let chars = Array(pattern.unicodeScalars)
        // Built as UTF-8 bytes: appending to a String a scalar at a time cost more than
        // the PCRE2 compile that follows.
        var out: [UInt8] = []
        out.reserveCapacity(pattern.utf8.count * 2)
        func emit(_ text: String) { out.append(contentsOf: text.utf8) }
        func emit(_ scalar: Unicode.Scalar) {
            if scalar.isASCII { out.append(UInt8(scalar.value)) } else { out.append(contentsOf: UTF8.encode(scalar).unsafelyUnwrapped) }
        }
        var i = 0
        var inClass = false
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                guard i + 1 < chars.count, let (text, consumed) = escape(chars, at: i + 1, inClass: inClass) else { return nil }
                emit(text)
                i += 1 + consumed
                continue
            }
            if inClass {
                switch c {
                case "]": emit("]"); inClass = false
                case "[", "&", ":", "$", "{", "}": emit("\\"); emit(c)
                default: emit(c)
                }
                i += 1
                continue
            }
            switch c {
            case "[":
                if i + 1 < chars.count, chars[i + 1] == "]" { emit("(?!)"); i += 2; continue }
                if i + 2 < chars.count, chars[i + 1] == "^", chars[i + 2] == "]" { emit("(?s:.)"); i += 3; continue }
                inClass = true
                emit("[")
                if i + 1 < chars.count, chars[i + 1] == "^" { emit("^"); i += 1 }
            case ".": emit("[^\\n\\r\\x{2028}\\x{2029}]")
            case "$": emit("\\z")
            case "{":
                if isQuantifier(chars, at: i) {
                    // Copy the quantifier body and its closing brace verbatim.
                    emit("{")
                    i += 1
                    while i < chars.count, chars[i] != "}" { emit(chars[i]); i += 1 }
                    emit("}")
                } else {
                    emit("\\{")
                }
            case "}":
                // Closing braces of real quantifiers were copied with them above.
                emit("\\}")
            default: emit(c)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Translates the escape whose letter is at `index`; returns the text and how many
    /// scalars after the backslash it used, or nil for an escape ECMA's `u` flag forbids.
    static func escape(_ chars: [Unicode.Scalar], at index: Int, inClass: Bool) -> (String, Int)? {
        let c = chars[index]
        switch c {
        case "d", "D", "w", "W", "s", "S":
            return (classEscape(c, inClass: inClass), 1)
        case "b": return (inClass ? "\\x{8}" : wordBoundary, 1)
        case "B": return inClass ? nil : (notWordBoundary, 1)
        case "t", "n", "f", "r": return ("\\" + String(c), 1)
        case "v": return ("\\x{B}", 1)
        case "c":
            // A control letter: \cJ is U+000A.
            guard index + 1 < chars.count, isASCIILetter(chars[index + 1]) else { return nil }
            return ("\\x{" + String(chars[index + 1].value % 32, radix: 16) + "}", 2)
        case "x":
            guard index + 2 < chars.count, isHex(chars[index + 1]), isHex(chars[index + 2]) else { return nil }
            return ("\\x{" + String(chars[index + 1]) + String(chars[index + 2]) + "}", 3)
        case "0":
            if index + 1 < chars.count, ("0"..."9").contains(chars[index + 1]) { return nil }
            return ("\\x{0}", 1)
        case "1"..."9":
            // A backreference (PCRE2 refuses one to a group that does not exist, as ECMA does).
            var j = index
            var digits = ""
            while j < chars.count, ("0"..."9").contains(chars[j]) { digits.unicodeScalars.append(chars[j]); j += 1 }
            return inClass ? nil : ("\\" + digits, j - index)
        case "p", "P":
            guard index + 1 < chars.count, chars[index + 1] == "{",
                  let close = chars[(index + 1)...].firstIndex(of: "}") else { return nil }
            let name = String(String.UnicodeScalarView(chars[(index + 2)..<close]))
            guard let property = UnicodeProperty.pcre2(name, negated: c == "P") else { return nil }
            return (property, close - index + 1)
        case "k":
            guard !inClass, index + 1 < chars.count, chars[index + 1] == "<",
                  let close = chars[(index + 1)...].firstIndex(of: ">"), close > index + 2 else { return nil }
            return ("\\k<" + String(String.UnicodeScalarView(chars[(index + 2)..<close])) + ">", close - index + 1)
        case "u":
            if index + 1 < chars.count, chars[index + 1] == "{" {
                var j = index + 2
                var hex = ""
                while j < chars.count, chars[j] != "}" { hex.unicodeScalars.append(chars[j]); j += 1 }
                guard j < chars.count, !hex.isEmpty, hex.unicodeScalars.allSatisfy(isHex),
                      let value = UInt32(hex, radix: 16), value <= 0x10FFFF else { return nil }
                return ("\\x{\(hex)}", j - index + 1)
            }
            guard let unit = hex4(chars, at: index + 1) else { return nil }
            // A surrogate pair written as two escapes is one code point with the `u` flag.
            if (0xD800...0xDBFF).contains(unit), index + 6 < chars.count,
               chars[index + 5] == "\\", chars[index + 6] == "u", let low = hex4(chars, at: index + 7),
               (0xDC00...0xDFFF).contains(low) {
                let scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                return ("\\x{" + String(scalar, radix: 16) + "}", 11)
            }
            // A lone surrogate cannot be in a Swift string, so nothing could match it;
            // PCRE2 refuses it in UTF mode, and the pattern is reported invalid.
            return ("\\x{" + String(unit, radix: 16) + "}", 5)
        case "^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "/":
            return ("\\" + String(c), 1)
        case "-" where inClass:
            return ("\\-", 1)
        default:
            return nil
        }
    }

    static func isHex(_ c: Unicode.Scalar) -> Bool { c.properties.isASCIIHexDigit }

    /// The value of the four hex digits at `index`, if there are four.
    static func hex4(_ chars: [Unicode.Scalar], at index: Int) -> UInt32? {
        guard index + 3 < chars.count, chars[index...(index + 3)].allSatisfy(isHex) else { return nil }
        return UInt32(String(String.UnicodeScalarView(chars[index...(index + 3)])), radix: 16)
    }
    static func isASCIILetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }

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
