import Foundation
import Documents

/// Finds upstream's placeholders inside string values, in the app's own order: every
/// `{env:NAME}` (NAME in `[A-Z0-9_]+`) first, anywhere in the string — including inside a
/// `{file:...}` path — then `{file:PATH}`, where PATH runs to the first `}` that does not
/// close an `{env:}` inside it (the app substitutes those before it looks for `{file:}`).
/// Offsets count Unicode scalars, like columns.
public enum PlaceholderScanner {
    public struct Match: Sendable, Hashable {
        public enum Kind: Sendable, Hashable { case env, file }
        public var kind: Kind
        /// The name (env) or path as written, untrimmed (file; it may hold `{env:}`s).
        public var argument: String
        /// Offset of `{` in the string, in Unicode scalars.
        public var offset: Int
        /// Length of the whole placeholder, in Unicode scalars.
        public var length: Int
    }

    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy(isNameScalar)
    }

    static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "_"
    }

    /// True for `/providers/custom/<id>/options` and below, which the app keeps raw: it
    /// checks their `{env:}` names against the allowlist, then restores the text.
    public static func isRawProviderOptions(_ pointer: JSONPointer) -> Bool {
        let t = pointer.tokens
        return t.count >= 4 && t[0] == "providers" && t[1] == "custom" && t[3] == "options"
    }

    /// True when `text` holds at least one placeholder the app would act on.
    public static func containsPlaceholder(_ text: String) -> Bool {
        text.contains("{") && !scan(text).isEmpty
    }

    /// Every placeholder in `text`, by offset: the `{env:}`s (which never overlap each
    /// other), and the `{file:}`s, which may enclose `{env:}`s.
    public static func scan(_ text: String) -> [Match] {
        let scalars = Array(text.unicodeScalars)
        let envs = envMatches(scalars)
        var envAt: [Int: Match] = [:]
        for match in envs { envAt[match.offset] = match }
        var files: [Match] = []
        var i = 0
        while i < scalars.count {
            if let env = envAt[i] { i += env.length; continue }
            if let match = file(scalars, at: i, envAt: envAt) {
                files.append(match)
                i += match.length
            } else {
                i += 1
            }
        }
        return (envs + files).sorted { $0.offset < $1.offset }
    }

    /// Left to right, non-overlapping, as a global regular expression finds them.
    private static func envMatches(_ s: [Unicode.Scalar]) -> [Match] {
        var matches: [Match] = []
        var i = 0
        while i < s.count {
            if s[i] == "{", let match = env(s, at: i) {
                matches.append(match)
                i += match.length
            } else {
                i += 1
            }
        }
        return matches
    }

    private static func hasPrefix(_ scalars: [Unicode.Scalar], _ prefix: String, at i: Int) -> Bool {
        let p = Array(prefix.unicodeScalars)
        return i + p.count <= scalars.count && Array(scalars[i..<(i + p.count)]) == p
    }

    private static func env(_ s: [Unicode.Scalar], at i: Int) -> Match? {
        guard hasPrefix(s, "{env:", at: i) else { return nil }
        var j = i + 5
        while j < s.count, isNameScalar(s[j]) { j += 1 }
        guard j > i + 5, j < s.count, s[j] == "}" else { return nil }
        var name = ""
        name.unicodeScalars.append(contentsOf: s[(i + 5)..<j])
        return Match(kind: .env, argument: name, offset: i, length: j + 1 - i)
    }

    private static func file(_ s: [Unicode.Scalar], at i: Int, envAt: [Int: Match]) -> Match? {
        guard s[i] == "{", hasPrefix(s, "{file:", at: i) else { return nil }
        var j = i + 6
        while j < s.count {
            if s[j] == "}" { break }
            if let env = envAt[j] { j += env.length } else { j += 1 }
        }
        guard j > i + 6, j < s.count else { return nil }
        var path = ""
        path.unicodeScalars.append(contentsOf: s[(i + 6)..<j])
        return Match(kind: .file, argument: path, offset: i, length: j + 1 - i)
    }

    /// `text` with each `{env:NAME}` whose NAME has a value in `values` replaced by it.
    public static func substitute(_ text: String, values: [String: String]) -> String {
        let matches = scan(text).filter { $0.kind == .env && values[$0.argument] != nil }
        guard !matches.isEmpty else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var cursor = 0
        for match in matches {
            out.append(contentsOf: scalars[cursor..<match.offset])
            out.append(contentsOf: (values[match.argument] ?? "").unicodeScalars)
            cursor = match.offset + match.length
        }
        out.append(contentsOf: scalars[cursor...])
        return String(out)
    }

    /// A `{file:}` path as the app uses it: JavaScript's `trim()` removes white space
    /// (Zs, tab, VT, FF, BOM) and line terminators (LF, CR, LS, PS) at both ends — but
    /// not U+0085, which Foundation's `whitespacesAndNewlines` would also strip.
    public static func javaScriptTrimmed(_ path: String) -> String {
        // By scalars, not through NSString: this runs on every line of every SKILL.md.
        let scalars = path.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isJavaScriptWhitespace($0) }),
              let last = scalars.lastIndex(where: { !isJavaScriptWhitespace($0) }) else { return "" }
        return String(scalars[first...last])
    }

    static func isJavaScriptWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || ("\t"..."\r").contains(scalar) }
        return javaScriptWhitespace.contains(scalar)
    }

    static let javaScriptWhitespace = CharacterSet.whitespaces
        .union(CharacterSet(charactersIn: "\n\r\u{0B}\u{0C}\u{FEFF}\u{2028}\u{2029}"))
}
