import Testing
@testable import Schema

/// The subset matcher against ICU (through the ECMA translator, the reference the
/// validator used before): same answer for every pattern and text here, and patterns
/// outside the subset are left to ICU.
@Suite struct ECMASubsetRegexTests {
    /// The upstream config schema's patterns and the usual suspects of the subset.
    static let patterns = [
        "^[a-z0-9][a-z0-9-]*$", "^https://.+", "^(https://|http://(127\\.0\\.0\\.1|localhost)(:[0-9]+)?/).+",
        "^[A-Za-z0-9._-]+$", "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$",
        "^(?!.*\\.\\.)(?!\\d{1,3}(?:\\.\\d{1,3}){3}$)[a-z0-9][a-z0-9._-]*[a-z0-9]$",
        "^(?!/)(?!.*(?:^|/)\\.\\.(?:/|$)).*$",
        "^(?![A-Za-z][A-Za-z0-9+.-]*:)(?![\\\\/])(?!.*(?:^|[\\\\/])\\.\\.(?:[\\\\/]|$)).+\\.(svg|png|jpg|jpeg|webp|gif)$",
        "^(https://|mailto:).+", "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$", "^[A-Fa-f0-9]{64}$",
        "^mailto:[^\\s@]+@[^\\s@]+\\.[^\\s@]+$", "^[#A-Za-z0-9(),.%\\s-]+$",
        "^(#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{4}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})|rgba?\\([#A-Za-z0-9(),.%\\s-]+\\)|hsla?\\([#A-Za-z0-9(),.%\\s-]+\\)|[A-Za-z]+)$",
        "^/[A-Za-z0-9/_-]*$", "abc", "a+?b", "a*?$", "(a|ab)(c|bcd)(d*)", "^.$", "^[^]$", "a[]", "^\\S+$",
        "^\\w+\\W\\D\\d$", "^a{2,3}$", "^(?:ab)*$", "^(?:a*)*b$", "x(?=y)", "x(?!y)", "^\\u0041\\u{1F600}$",
        "^[\\d-]+$", "^[\\-a]$", "^\\x41$", "[\\b]", "^\\0$", "^\\/\\.\\*$", "colou?r", "^$", "|a", "^[.]$",
    ]
    static let upstreamPatternCount = 15
    static let texts = [
        "", "a", "ab", "abc", "abcd", "aab", "xabc", "abc\n", "opencowork", "open-cowork", "-x", "Open",
        "https://example.com", "http://localhost:8080/x", "http://127.0.0.1/", "http://evil.com/", "mailto:a@b.co",
        "mailto:a b@c.d", "bucket.name", "bucket..name", "10.0.0.1", "a/../b", "../x", "/abs", "logo.svg",
        "dir/logo.png", "C:/x.png", "..\\x.gif", "#fff", "#ffff", "rgba(1, 2, 3, 0.5)", "hsl(1,2%,3%)", "red",
        String(repeating: "a", count: 64), String(repeating: "f", count: 64), "xy", "xz", "A😀", "\n", "\u{2028}",
        "\u{85}", "é", "a_1-b", "1.2.3.4", "color", "colour", "b", "aaab", "aa", "aaa", "ababab", "aba",
        String(repeating: "a", count: 30) + "c", "/", "/.*", "\u{8}", "\u{0}", "A", "x-y", "-", "abcbcd",
    ]

    @Test func agreesWithICU() throws {
        var decidedBySubset = 0, compared = 0
        for (number, pattern) in Self.patterns.enumerated() {
            let regex = try ECMARegex(pattern, at: .root)
            let subset = try #require(ECMASubsetRegex.parse(pattern), "\(pattern) is in the subset")
            for text in Self.texts {
                let expected = regex.matchesWithICU(text)
                #expect(regex.matches(text) == expected, "\(pattern) on \(text.debugDescription)")
                compared += 1
                guard let answer = subset.matches(text) else {
                    // Only a pattern built to backtrack may run past the limits; the
                    // upstream schema's patterns (listed first) never do.
                    #expect(number >= Self.upstreamPatternCount, "\(pattern) on \(text.debugDescription) ran past the limits")
                    continue
                }
                #expect(answer == expected, "subset: \(pattern) on \(text.debugDescription)")
                decidedBySubset += 1
            }
        }
        #expect(compared == Self.patterns.count * Self.texts.count)
        // Everything but the one runaway pattern ("^(?:a*)*b$" on long runs of a) is decided here.
        #expect(decidedBySubset > compared - Self.texts.count)
    }

    /// Outside the subset: still matched (by ICU) with ECMA meaning, invalid ones refused.
    @Test(arguments: ["\\bcat\\b", "^\\p{Letter}+$", "^(?<x>a)\\k<x>$", "(a)\\1", "(?<=a)b", "a{", "a{2,1}", "x**"])
    func outsideTheSubset(pattern: String) {
        #expect(ECMASubsetRegex.parse(pattern) == nil)
    }

    @Test func invalidPatternsAreStillRefused() {
        for pattern in ["(unclosed", "a)", "[z-a]", "*a", "a{2,1}"] {
            #expect(throws: SchemaError.self, "\(pattern)") { try ECMARegex(pattern, at: .root) }
        }
    }

    /// A pattern that backtracks exponentially is handed to ICU instead of running on.
    @Test func runawayBacktrackingIsLeftToICU() throws {
        let subset = try #require(ECMASubsetRegex.parse("^(?:a|a)*$"))
        #expect(subset.matches(String(repeating: "a", count: 40) + "b") == nil)
        let deep = try #require(ECMASubsetRegex.parse("^(?:ab)*$"))
        #expect(deep.matches(String(repeating: "ab", count: 5000)) == nil)
        #expect(try ECMARegex("^(?:ab)*$", at: .root).matches(String(repeating: "ab", count: 5000)))
    }
}
