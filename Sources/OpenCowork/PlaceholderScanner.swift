/// Finds upstream's placeholders inside string values: `{env:NAME}` with NAME in
/// `[A-Z0-9_]+`, and `{file:PATH}` (PATH up to the next `}`). Offsets count Unicode
/// scalars, like columns.
public enum PlaceholderScanner {
    public struct Match: Sendable, Hashable {
        public enum Kind: Sendable, Hashable { case env, file }
        public var kind: Kind
        /// The name (env) or path (file).
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

    /// Every placeholder in `text`, left to right.
    public static func scan(_ text: String) -> [Match] {
        let scalars = Array(text.unicodeScalars)
        var matches: [Match] = []
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "{" else { i += 1; continue }
            if let match = env(scalars, at: i) ?? file(scalars, at: i) {
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

    private static func file(_ s: [Unicode.Scalar], at i: Int) -> Match? {
        guard hasPrefix(s, "{file:", at: i) else { return nil }
        var j = i + 6
        while j < s.count, s[j] != "}" { j += 1 }
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
}
