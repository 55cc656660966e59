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
    ]

    public static func scan(_ document: Document) -> [Finding] {
        var out: [Finding] = []
        walk(document.value, pointer: .root) { pointer, text in
            guard let kind = detect(text) else { return }
            out.append(Finding(.error, code: "secret-literal",
                message: "\(kind) written literally in the config (at \(pointer.dotted(in: document.value)))",
                location: document.location(of: pointer), pointer: pointer,
                hint: "replace it with \"{env:NAME}\", list NAME in allowedEnvPlaceholders, and rotate the exposed credential"))
        }
        return out
    }

    static func walk(_ value: JSONValue, pointer: JSONPointer, _ visit: (JSONPointer, String) -> Void) {
        switch value {
        case .string(let s): visit(pointer, s)
        case .array(let a): for (i, v) in a.enumerated() { walk(v, pointer: pointer / i, visit) }
        case .object(let o): for (k, v) in o.members { walk(v, pointer: pointer / k, visit) }
        default: break
        }
    }

    /// The kind of credential a string holds, or nil.
    public static func detect(_ raw: String) -> String? {
        let text = Placeholders.stripped(raw)
        if let block = privateKeyBlock(text) { return block }
        if let bearer = bearerToken(text) { return bearer }
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
                if body.count >= shape.minimumBody, !shape.needsEntropy || looksRandom(body) { return shape.name }
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
    static func bearerToken(_ text: String) -> String? {
        var rest = Substring(text)
        while let range = rest.range(of: "Bearer ", options: .caseInsensitive) {
            let token = rest[range.upperBound...].prefix(while: bearerCharacter)
            if token.count >= 20, Set(token).count >= 10 { return "bearer token" }
            rest = rest[range.upperBound...]
        }
        return nil
    }
}
