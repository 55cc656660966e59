/// A backtracking matcher for the everyday subset of ECMA-262 patterns (`u` flag):
/// literals, `.`, classes with ranges, `\d \w \s` and their negations, groups,
/// alternation, greedy and lazy quantifiers, lookahead, `^` and `$`. Schemas use little
/// else, and matching them here keeps ICU — whose regex start-up alone cost about a
/// tenth of a `validate` run — out of the process.
///
/// `parse` returns nil for anything outside the subset (back-references, lookbehind,
/// `\b`, `\p{...}`, named groups, syntax errors...): `ECMARegex` then uses ICU exactly
/// as before, so the subset never changes what a pattern means or which patterns are
/// refused. A match that backtracks more than `stepLimit` times gives up (nil) and is
/// left to ICU too.
struct ECMASubsetRegex: Sendable {
    /// A set of code points as sorted, disjoint closed ranges.
    typealias Ranges = [(UInt32, UInt32)]

    indirect enum Atom: Sendable {
        case scalar(UInt32)
        case set(Ranges, negated: Bool)
        /// `.`: anything but a line terminator.
        case any
        case group([[Term]])
        case lookahead([[Term]], negated: Bool)
        case start
        case end
    }

    struct Term: Sendable {
        var atom: Atom
        var min = 1
        var max = 1
        var greedy = true
    }

    let alternatives: [[Term]]
    /// Every alternative starts with `^`: only a match from the first position can succeed.
    let anchored: Bool

    init(alternatives: [[Term]]) {
        self.alternatives = alternatives
        anchored = alternatives.allSatisfy { terms in
            if case .start? = terms.first?.atom, terms[0].min == 1 { return true }
            return false
        }
    }

    /// Backtracking steps one match may take before it is handed to ICU.
    static let stepLimit = 200_000
    /// Nested group iterations one match may hold on the stack.
    static let maxDepth = 200

    /// True / false when the subset decided; nil when the step limit was reached.
    func matches(_ text: String) -> Bool? {
        var matcher = Matcher(text: Array(text.unicodeScalars.lazy.map(\.value)))
        for start in 0...(anchored ? 0 : matcher.text.count) {
            let found = matcher.disjunction(alternatives, start) { _, _ in true }
            // Checked first: a search cut short can make a negative lookahead "succeed".
            if matcher.steps > Self.stepLimit { return nil }
            if found { return true }
        }
        return matcher.steps > Self.stepLimit ? nil : false
    }

    /// ECMA line terminators, which `.` does not match.
    static func isLineTerminator(_ c: UInt32) -> Bool { c == 0x0A || c == 0x0D || c == 0x2028 || c == 0x2029 }

    static func contains(_ ranges: Ranges, _ c: UInt32) -> Bool {
        for (lo, hi) in ranges where c >= lo && c <= hi { return true }
        return false
    }

    /// The matcher proper: continuation-passing backtracking over code points.
    private struct Matcher {
        let text: [UInt32]
        var steps = 0
        var depth = 0

        init(text: [UInt32]) { self.text = text }

        mutating func disjunction(_ alternatives: [[Term]], _ i: Int, _ k: (inout Matcher, Int) -> Bool) -> Bool {
            for terms in alternatives where sequence(terms[...], i, k) { return true }
            return false
        }

        mutating func sequence(_ terms: ArraySlice<Term>, _ i: Int, _ k: (inout Matcher, Int) -> Bool) -> Bool {
            guard let term = terms.first else { return k(&self, i) }
            let rest = terms.dropFirst()
            return repeated(term, 0, i) { matcher, j in matcher.sequence(rest, j, k) }
        }

        /// `term` matched `count` times so far, ending at `i`.
        mutating func repeated(_ term: Term, _ count: Int, _ i: Int, _ k: (inout Matcher, Int) -> Bool) -> Bool {
            steps += 1
            if steps > ECMASubsetRegex.stepLimit { return false }
            if count == 0, let single = Single(term.atom) { return run(single, term, i, k) }
            // Each iteration of a group nests a call: bounded, so a long text cannot
            // exhaust a thread's stack (ICU takes over past it).
            depth += 1
            defer { depth -= 1 }
            if depth > ECMASubsetRegex.maxDepth { steps = ECMASubsetRegex.stepLimit + 1; return false }
            if count < term.min {
                return atom(term.atom, i) { m, j in m.repeated(term, count + 1, j, k) }
            }
            // Past the minimum an iteration must consume something (ECMA RepeatMatcher).
            if term.greedy {
                if count < term.max, atom(term.atom, i, { m, j in j != i && m.repeated(term, count + 1, j, k) }) { return true }
                return k(&self, i)
            }
            if k(&self, i) { return true }
            return count < term.max && atom(term.atom, i) { m, j in j != i && m.repeated(term, count + 1, j, k) }
        }

        /// An atom that matches exactly one code point.
        enum Single {
            case scalar(UInt32), set(Ranges, Bool), any
            init?(_ atom: Atom) {
                switch atom {
                case .scalar(let c): self = .scalar(c)
                case .set(let ranges, let negated): self = .set(ranges, negated)
                case .any: self = .any
                default: return nil
                }
            }
            func accepts(_ c: UInt32) -> Bool {
                switch self {
                case .scalar(let s): return c == s
                case .set(let ranges, let negated): return ECMASubsetRegex.contains(ranges, c) != negated
                case .any: return !ECMASubsetRegex.isLineTerminator(c)
                }
            }
        }

        /// A quantified one-code-point atom: the run of accepted code points is measured
        /// once, then the continuation is tried from each admissible end (longest first
        /// when greedy) — a loop, not a call per code point.
        mutating func run(_ single: Single, _ term: Term, _ i: Int, _ k: (inout Matcher, Int) -> Bool) -> Bool {
            var end = i
            while end - i < term.max, end < text.count, single.accepts(text[end]) { end += 1 }
            guard end - i >= term.min else { return false }
            let shortest = i + term.min
            if term.greedy {
                var j = end
                while true {
                    steps += 1
                    if steps > ECMASubsetRegex.stepLimit { return false }
                    if k(&self, j) { return true }
                    if j == shortest { return false }
                    j -= 1
                }
            }
            for j in shortest...end {
                steps += 1
                if steps > ECMASubsetRegex.stepLimit { return false }
                if k(&self, j) { return true }
            }
            return false
        }

        mutating func atom(_ atom: Atom, _ i: Int, _ k: (inout Matcher, Int) -> Bool) -> Bool {
            switch atom {
            case .scalar(let c):
                return i < text.count && text[i] == c && k(&self, i + 1)
            case .set(let ranges, let negated):
                return i < text.count && ECMASubsetRegex.contains(ranges, text[i]) != negated && k(&self, i + 1)
            case .any:
                return i < text.count && !ECMASubsetRegex.isLineTerminator(text[i]) && k(&self, i + 1)
            case .group(let alternatives):
                return disjunction(alternatives, i, k)
            case .lookahead(let alternatives, let negated):
                // Atomic, as in ECMA: once the lookahead matched, it is not re-entered.
                let found = disjunction(alternatives, i) { _, _ in true }
                return found != negated && k(&self, i)
            case .start:
                return i == 0 && k(&self, i)
            case .end:
                return i == text.count && k(&self, i)
            }
        }
    }
}
