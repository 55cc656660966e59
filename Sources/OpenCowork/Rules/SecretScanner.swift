import Foundation
import Diagnostics
import Documents

/// Secrets hygiene on each layer document: a literal credential in a config file ends
/// up in the repository, the archive and every install. Run per file (not on the
/// merged value) so the finding names the file and line that holds the secret.
///
/// A string that only uses `{env:NAME}` placeholders is fine: placeholders are removed
/// before scanning. Obvious examples (`sk-...`, `sk-or-...`, runs of one character,
/// `xxxx`) are not secrets: every shape requires a long, varied token.
public enum SecretScanner {
    /// One credential shape.
    struct Shape: Sendable {
        var name: String
        var prefixes: [String]
        /// Characters the token body may contain after the prefix.
        var body: @Sendable (Character) -> Bool
        var minimumBody: Int
        var exactBody: Int? = nil
        /// Require mixed letters and digits and several distinct characters.
        var needsEntropy = true
    }

    static let tokenCharacter: @Sendable (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    static let upperOrDigit: @Sendable (Character) -> Bool = { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    static let bearerCharacter: @Sendable (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || "-._~+/=".contains($0)) }

    /// Longest prefix first, so `sk-ant-` is named before `sk-`.
    static let shapes: [Shape] = [
        Shape(name: "Anthropic API key", prefixes: ["sk-ant-"], body: tokenCharacter, minimumBody: 20),
        Shape(name: "OpenRouter API key", prefixes: ["sk-or-"], body: tokenCharacter, minimumBody: 20),
        Shape(name: "API key (sk-)", prefixes: ["sk-"], body: tokenCharacter, minimumBody: 20),
        Shape(name: "AWS access key id", prefixes: ["AKIA", "ASIA"], body: upperOrDigit, minimumBody: 16, exactBody: 16),
        Shape(name: "GitHub token", prefixes: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], body: tokenCharacter, minimumBody: 30),
        Shape(name: "GitHub fine-grained token", prefixes: ["github_pat_"], body: tokenCharacter, minimumBody: 30),
        Shape(name: "Google OAuth client secret", prefixes: ["GOCSPX-"], body: tokenCharacter, minimumBody: 20),
        Shape(name: "Slack token", prefixes: ["xoxb-", "xoxp-", "xoxa-"], body: tokenCharacter, minimumBody: 20),
        Shape(name: "Google API key", prefixes: ["AIza"], body: tokenCharacter, minimumBody: 35, exactBody: 35),
        Shape(name: "Stripe secret key", prefixes: ["sk_live_", "rk_live_"], body: tokenCharacter, minimumBody: 20),
        Shape(name: "npm token", prefixes: ["npm_"], body: tokenCharacter, minimumBody: 36, exactBody: 36),
    ]

    /// Every shape's prefixes as UTF-8, for the pre-check in `find`.
    static let shapePrefixBytes: [[UInt8]] = shapes.flatMap { $0.prefixes.map { Array($0.utf8) } }

    static let base64Character: @Sendable (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "/" || $0 == "+") }

    /// Key names under which a long random value is a credential whatever its shape
    /// (an AWS secret access key is 40 characters of base64 with no prefix).
    static let secretKeyWords = ["secret", "password", "passwd", "privatekey", "private_key", "apikey", "api_key", "token"]
    static let secretKeyWordBytes = secretKeyWords.map { Array($0.utf8) }

    /// A located secret: its kind and the exact text, which only redaction ever uses.
    public struct Match: Sendable, Hashable {
        public var kind: String
        public var token: String
    }

    /// Findings for every string value and every key name of a document that holds a
    /// credential. Messages name the kind and the place, never the value.
    public static func scan(_ document: Document) -> [Finding] {
        var out: [Finding] = []
        walk(document.value, pointer: .root, key: nil) { pointer, text, isKey in
            guard let match = find(text, keyName: isKey ? nil : pointer.tokens.last) else { return }
            // A key is named by its parent: its own path would repeat the secret.
            let place = isKey ? "as a key name" : "in the config"
            let shown = isKey ? (pointer.parent ?? .root) : pointer
            out.append(Finding(.error, code: .secretLiteral,
                message: "\(match.kind) written literally \(place) (at \(shown.isRoot ? "the top level" : shown.dotted(in: document.value)))",
                location: document.location(of: pointer, preferKey: isKey), pointer: pointer,
                hint: "replace it with \"{env:NAME}\", list NAME in allowedEnvPlaceholders, and rotate the exposed credential"))
        }
        return out
    }

    /// The secret texts of a document, for redaction from every other finding.
    public static func secrets(in document: Document) -> [String] {
        var out: [String] = []
        walk(document.value, pointer: .root, key: nil) { pointer, text, isKey in
            if let match = find(text, keyName: isKey ? nil : pointer.tokens.last) { out.append(match.token) }
        }
        return out
    }

    /// `findings` with every occurrence of a secret (at least 6 characters, so that a
    /// short common value is not blanked everywhere) replaced in messages and hints.
    public static func redact(_ findings: [Finding], secrets: [String]) -> [Finding] {
        let texts = Set(secrets.filter { $0.count >= 6 }).sorted { $0.count > $1.count }
        guard !texts.isEmpty else { return findings }
        func clean(_ text: String) -> String {
            texts.reduce(text) { $0.contains($1) ? $0.replacingOccurrences(of: $1, with: "[redacted]") : $0 }
        }
        return findings.map { finding in
            var copy = finding
            copy.message = clean(copy.message)
            copy.hint = copy.hint.map(clean)
            return copy
        }
    }

    static func walk(_ value: JSONValue, pointer: JSONPointer, key: String?, _ visit: (JSONPointer, String, Bool) -> Void) {
        switch value {
        case .string(let s): visit(pointer, s, false)
        case .array(let a): for (i, v) in a.enumerated() { walk(v, pointer: pointer / i, key: nil, visit) }
        case .object(let o):
            for (k, v) in o.members {
                visit(pointer / k, k, true)
                walk(v, pointer: pointer / k, key: k, visit)
            }
        default: break
        }
    }

    /// The kind of credential a string holds, or nil.
    public static func detect(_ raw: String) -> String? { find(raw, keyName: nil)?.kind }

    /// The credential a string holds; `keyName` is the name of the member holding it.
    ///
    /// Each test is gated by a byte-level pre-check that can only rule a string out,
    /// never in: a needle that is absent from the UTF-8 bytes cannot be found by the
    /// character-level search behind it. Almost every string of a config fails every
    /// gate, so the scan costs a pass over its bytes.
    public static func find(_ raw: String, keyName: String?) -> Match? {
        let text = Placeholders.stripped(raw)
        let bytes = Array(text.utf8)
        if ByteSearch.contains(bytes, "-----BEGIN "), let block = privateKeyBlock(text) { return Match(kind: block, token: text) }
        if ByteSearch.contains(bytes, "bearer ", caseInsensitive: true), let bearer = bearerToken(text) { return bearer }
        if ByteSearch.contains(bytes, "://"), let basic = urlPassword(text) { return basic }
        if let keyName, mayBeBareToken(bytes), let value = secretUnderKeyName(text, keyName: keyName) { return value }
        guard shapePrefixBytes.contains(where: { ByteSearch.contains(bytes, $0) }) else { return nil }
        return shapeMatch(text)
    }

    /// False when `bytes` cannot be a bare token once trimmed: shorter than 20 bytes, or
    /// holding an ASCII byte that is neither a token character nor a space or tab
    /// (the only ASCII characters trimming removes).
    static func mayBeBareToken(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 20 else { return false }
        return bytes.allSatisfy { byte in
            byte >= 0x80 || byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "+")
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
        }
    }

    static func shapeMatch(_ text: String) -> Match? {
        let characters = Array(text)
        var i = 0
        while i < characters.count {
            // Tokens start at a word boundary.
            if i > 0, tokenCharacter(characters[i - 1]) { i += 1; continue }
            for shape in shapes {
                guard let prefix = shape.prefixes.first(where: { matches(characters, at: i, $0) }) else { continue }
                var end = i + prefix.count
                while end < characters.count, shape.body(characters[end]) { end += 1 }
                let body = String(characters[(i + prefix.count)..<end])
                if let exact = shape.exactBody, body.count != exact { break }
                if body.count >= shape.minimumBody, !shape.needsEntropy || looksRandom(body) {
                    return Match(kind: shape.name, token: prefix + body)
                }
                break // a shorter or placeholder-like token: not this shape, nor a shorter prefix
            }
            i += 1
        }
        return nil
    }

    static func matches(_ characters: [Character], at index: Int, _ prefix: String) -> Bool {
        let p = Array(prefix)
        guard index + p.count <= characters.count else { return false }
        return Array(characters[index..<(index + p.count)]) == p
    }

    /// Real keys mix letters and digits and use many distinct characters; examples
    /// such as `xxxxxxxx...` or `your-api-key-here-please` do not.
    static func looksRandom(_ body: String) -> Bool {
        let letters = body.filter(\.isLetter).count, digits = body.filter(\.isNumber).count
        return letters > 0 && digits > 0 && Set(body).count >= 10
    }

    static func privateKeyBlock(_ text: String) -> String? {
        guard let begin = text.range(of: "-----BEGIN ") else { return nil }
        guard let end = text[begin.upperBound...].range(of: "-----") else { return nil }
        let label = text[begin.upperBound..<end.lowerBound]
        return label.hasSuffix("PRIVATE KEY") ? "private key block (\(label))" : nil
    }

    /// `Bearer <token>` with a long literal token; `Bearer {env:X}` was stripped to
    /// `Bearer ` and does not match.
    static func bearerToken(_ text: String) -> Match? {
        var rest = Substring(text)
        while let range = rest.range(of: "Bearer ", options: .caseInsensitive) {
            let token = rest[range.upperBound...].prefix(while: bearerCharacter)
            if token.count >= 20, Set(token).count >= 10 { return Match(kind: "bearer token", token: String(token)) }
            rest = rest[range.upperBound...]
        }
        return nil
    }

    /// `scheme://user:password@host`: a password written into a URL (Basic auth).
    static func urlPassword(_ text: String) -> Match? {
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            let authority = rest[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" && !$0.isWhitespace }
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                let password = authority[authority.index(after: colon)..<at]
                if !password.isEmpty { return Match(kind: "password in a URL", token: String(password)) }
            }
            rest = rest[scheme.upperBound...]
        }
        return nil
    }

    /// A long random token under a key that names a secret (`aws_secret_access_key`,
    /// `clientSecret`, `password`...).
    static func secretUnderKeyName(_ text: String, keyName: String) -> Match? {
        // Compared as UTF-8 after Unicode lower-casing (so a Kelvin sign still reads as k).
        let key = keyName.lowercased().utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "_") : $0 }
        let compact = key.filter { $0 != UInt8(ascii: "_") }
        guard secretKeyWordBytes.contains(where: { ByteSearch.contains(key, $0) || ByteSearch.contains(compact, $0) }) else { return nil }
        let scalars = text.unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { CharacterSet.whitespaces.contains($0) }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return nil }
        let token = String(scalars[first...last])
        guard token.count >= 20, token.allSatisfy({ base64Character($0) || $0 == "=" || $0 == "-" || $0 == "_" }),
              looksRandom(token) else { return nil }
        let aws = ByteSearch.contains(key, "aws") || ByteSearch.contains(key, "secret_access")
        return Match(kind: token.count == 40 && aws ? "AWS secret access key" : "secret value", token: token)
    }
}

/// Substring tests over UTF-8 bytes, for the scanner's pre-checks.
enum ByteSearch {
    /// True when `needle` (ASCII) occurs in `bytes`; `caseInsensitive` folds ASCII letters only.
    static func contains(_ bytes: [UInt8], _ needle: StaticString, caseInsensitive: Bool = false) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard count > 0, bytes.count >= count else { return count == 0 }
        return needle.withUTF8Buffer { pattern in
            let fold: (UInt8) -> UInt8 = caseInsensitive ? { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } : { $0 }
            let first = fold(pattern[0])
            var start = 0
            while start + count <= bytes.count {
                if fold(bytes[start]) == first {
                    var offset = 1
                    while offset < count, fold(bytes[start + offset]) == fold(pattern[offset]) { offset += 1 }
                    if offset == count { return true }
                }
                start += 1
            }
            return false
        }
    }

    /// The same test for a needle known only at run time (the shapes' prefixes).
    static func contains(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
        guard !pattern.isEmpty, bytes.count >= pattern.count else { return pattern.isEmpty }
        var start = 0
        while start + pattern.count <= bytes.count {
            if bytes[start] == pattern[0], bytes[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
            start += 1
        }
        return false
    }
}
