extension ECMASubsetRegex {
    /// `pattern` compiled for the subset matcher, or nil when any part of it is outside
    /// the subset (including every syntax error: ICU then reports it as before).
    static func parse(_ pattern: String) -> ECMASubsetRegex? {
        var parser = Parser(chars: Array(pattern.unicodeScalars.lazy.map(\.value)))
        guard let alternatives = parser.disjunction(), parser.index == parser.chars.count else { return nil }
        return ECMASubsetRegex(alternatives: alternatives)
    }

    /// Largest `{n,m}` bound taken here; larger ones are left to ICU.
    static let maxBound = 1000
    /// Deepest group nesting taken here.
    static let maxNesting = 32

    private struct Parser {
        let chars: [UInt32]
        var index = 0
        var nesting = 0

        init(chars: [UInt32]) { self.chars = chars }

        func peek(_ offset: Int = 0) -> UInt32? { index + offset < chars.count ? chars[index + offset] : nil }

        static func ascii(_ c: Unicode.Scalar) -> UInt32 { c.value }

        mutating func disjunction() -> [[Term]]? {
            var alternatives: [[Term]] = []
            while true {
                guard let terms = alternative() else { return nil }
                alternatives.append(terms)
                guard peek() == Self.ascii("|") else { return alternatives }
                index += 1
            }
        }

        mutating func alternative() -> [Term]? {
            var terms: [Term] = []
            while let c = peek(), c != Self.ascii("|"), c != Self.ascii(")") {
                guard let term = term() else { return nil }
                terms.append(term)
            }
            return terms
        }

        mutating func term() -> Term? {
            guard let (atom, quantifiable) = atom() else { return nil }
            var term = Term(atom: atom)
            guard let c = peek() else { return term }
            switch c {
            case Self.ascii("*"): (term.min, term.max) = (0, Int.max); index += 1
            case Self.ascii("+"): (term.min, term.max) = (1, Int.max); index += 1
            case Self.ascii("?"): (term.min, term.max) = (0, 1); index += 1
            case Self.ascii("{"):
                guard let (low, high) = braces() else { return nil }
                (term.min, term.max) = (low, high)
            default: return term
            }
            guard quantifiable else { return nil }
            if peek() == Self.ascii("?") { term.greedy = false; index += 1 }
            return term
        }

        /// `{n}`, `{n,}` or `{n,m}` at `index`; nil for anything else (a literal `{` is
        /// left to ICU).
        mutating func braces() -> (Int, Int)? {
            index += 1
            guard let low = number() else { return nil }
            var high = low
            if peek() == Self.ascii(",") {
                index += 1
                high = peek() == Self.ascii("}") ? Int.max : (number() ?? -1)
            }
            guard peek() == Self.ascii("}"), high >= low else { return nil }
            index += 1
            return (low, high)
        }

        mutating func number() -> Int? {
            var value = 0, digits = 0
            while let c = peek(), c >= 0x30, c <= 0x39 {
                value = value * 10 + Int(c - 0x30)
                digits += 1
                index += 1
                if value > ECMASubsetRegex.maxBound { return nil }
            }
            return digits > 0 ? value : nil
        }

        /// The atom at `index` and whether a quantifier may follow it.
        mutating func atom() -> (Atom, Bool)? {
            let c = chars[index]
            switch c {
            case Self.ascii("^"): index += 1; return (.start, false)
            case Self.ascii("$"): index += 1; return (.end, false)
            case Self.ascii("."): index += 1; return (.any, true)
            case Self.ascii("("): return group()
            case Self.ascii("["): return characterClass().map { ($0, true) }
            case Self.ascii("\\"):
                guard let escaped = escape(inClass: false) else { return nil }
                switch escaped {
                case .single(let scalar): return (.scalar(scalar), true)
                case .set(let ranges, let negated): return (.set(ranges, negated: negated), true)
                }
            case Self.ascii("*"), Self.ascii("+"), Self.ascii("?"), Self.ascii("{"), Self.ascii("}"),
                 Self.ascii("]"), Self.ascii(")"):
                return nil
            default:
                index += 1
                return (.scalar(c), true)
            }
        }

        mutating func group() -> (Atom, Bool)? {
            nesting += 1
            guard nesting <= ECMASubsetRegex.maxNesting else { return nil }
            index += 1
            var lookahead: Bool?
            if peek() == Self.ascii("?") {
                switch peek(1) {
                case Self.ascii(":"): break
                case Self.ascii("="): lookahead = false
                case Self.ascii("!"): lookahead = true
                default: return nil
                }
                index += 2
            }
            guard let alternatives = disjunction(), peek() == Self.ascii(")") else { return nil }
            index += 1
            nesting -= 1
            if let negated = lookahead { return (.lookahead(alternatives, negated: negated), false) }
            return (.group(alternatives), true)
        }

        mutating func characterClass() -> Atom? {
            index += 1
            var negated = false
            if peek() == Self.ascii("^") { negated = true; index += 1 }
            var ranges: Ranges = []
            while true {
                guard let c = peek() else { return nil }
                if c == Self.ascii("]") { index += 1; break }
                guard let low = classAtom() else { return nil }
                if peek() == Self.ascii("-"), let next = peek(1), next != Self.ascii("]") {
                    index += 1
                    guard case .single(let lo) = low, let high = classAtom(), case .single(let hi) = high, lo <= hi else {
                        return nil
                    }
                    ranges.append((lo, hi))
                } else {
                    switch low {
                    case .single(let scalar): ranges.append((scalar, scalar))
                    case .set(let set, let negatedSet): ranges += negatedSet ? ECMARegexTranslator.complement(set) : set
                    }
                }
            }
            return .set(ranges, negated: negated)
        }

        mutating func classAtom() -> Escaped? {
            if chars[index] == Self.ascii("\\") { return escape(inClass: true) }
            index += 1
            return .single(chars[index - 1])
        }

        enum Escaped { case single(UInt32), set(Ranges, negated: Bool) }

        /// The escape whose backslash is at `index`.
        mutating func escape(inClass: Bool) -> Escaped? {
            guard let e = peek(1) else { return nil }
            index += 2
            switch Unicode.Scalar(e).map(Character.init) {
            case "d": return .set(ECMARegexTranslator.digit, negated: false)
            case "D": return .set(ECMARegexTranslator.digit, negated: true)
            case "w": return .set(ECMARegexTranslator.word, negated: false)
            case "W": return .set(ECMARegexTranslator.word, negated: true)
            case "s": return .set(ECMARegexTranslator.space, negated: false)
            case "S": return .set(ECMARegexTranslator.space, negated: true)
            case "n": return .single(0x0A)
            case "r": return .single(0x0D)
            case "t": return .single(0x09)
            case "v": return .single(0x0B)
            case "f": return .single(0x0C)
            case "b" where inClass: return .single(0x08)
            case "-" where inClass: return .single(e)
            case "0":
                if let next = peek(), next >= 0x30, next <= 0x39 { return nil }
                return .single(0)
            case "x":
                guard let value = hex(count: 2) else { return nil }
                return .single(value)
            case "u":
                if peek() == Self.ascii("{") {
                    index += 1
                    var value: UInt32 = 0, digits = 0
                    while let c = peek(), let digit = Self.hexValue(c) {
                        value = value * 16 + digit
                        digits += 1
                        index += 1
                        if digits > 6 { return nil }
                    }
                    guard digits > 0, peek() == Self.ascii("}"), value <= 0x10FFFF else { return nil }
                    index += 1
                    return Self.isSurrogate(value) ? nil : .single(value)
                }
                guard let value = hex(count: 4), !Self.isSurrogate(value) else { return nil }
                return .single(value)
            case "^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "/":
                return .single(e)
            default:
                return nil
            }
        }

        mutating func hex(count: Int) -> UInt32? {
            var value: UInt32 = 0
            for _ in 0..<count {
                guard let c = peek(), let digit = Self.hexValue(c) else { return nil }
                value = value * 16 + digit
                index += 1
            }
            return value
        }

        static func hexValue(_ c: UInt32) -> UInt32? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x41...0x46: return c - 0x41 + 10
            case 0x61...0x66: return c - 0x61 + 10
            default: return nil
            }
        }

        static func isSurrogate(_ value: UInt32) -> Bool { (0xD800...0xDFFF).contains(value) }
    }
}
