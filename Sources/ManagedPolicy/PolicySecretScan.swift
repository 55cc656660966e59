import Documents
import Diagnostics

/// Literal credentials in a policy: keys the registry marks sensitive (API keys, bearer
/// tokens, client secrets, header maps) holding a literal value, and credential-looking
/// header names inside maps. Each export carries the value to every device and to
/// whoever can read the profile, so it is flagged even where the vendor allows it.
enum PolicySecretScan {
    /// Header names whose values are credentials.
    static let credentialHeaders: Set<String> = ["authorization", "proxy-authorization", "x-api-key", "api-key", "cookie"]
    /// Object fields that hold secrets.
    static let secretFields: Set<String> = ["clientSecret", "apiKey", "token", "password"]

    static func scan(_ policy: ManagedPolicy, registry: KeyRegistry) -> [Finding] {
        var findings: [Finding] = []
        for entry in policy.entries {
            guard let key = registry[entry.key], key.sensitive else { continue }
            var hits: [(JSONPointer, String)] = []
            if key.type == .string, let text = entry.value.stringValue, looksLikeCredential(text) {
                hits.append((.root, "a literal credential"))
            }
            walk(entry.value, at: .root) { pointer, name, text in
                guard looksLikeCredential(text) else { return }
                if credentialHeaders.contains(name.lowercased()) { hits.append((pointer, "a literal \(name) header")) }
                if secretFields.contains(name) { hits.append((pointer, "a literal \(name)")) }
            }
            for (sub, what) in hits {
                findings.append(Finding(.warning, code: .policySecretLiteral,
                                        message: "\(entry.key) holds \(what); it ships in every exported profile and is readable on each device",
                                        location: policy.location(of: entry, at: sub), pointer: JSONPointer(tokens: [entry.key] + sub.tokens),
                                        hint: "prefer a helper (inferenceCredentialHelper, headersHelper, clientSecretHelper) or interactive sign-in, and keep the policy file out of shared repositories"))
            }
        }
        return findings
    }

    /// Placeholders (`sk-placeholder`, `changeme`, `${TOKEN}`) are not credentials: a
    /// credential is a long token of varied letters and digits. For header values the
    /// last word counts (`Bearer <token>`).
    static func looksLikeCredential(_ text: String) -> Bool {
        let token = text.split(separator: " ").last.map(String.init) ?? ""
        let lower = token.lowercased()
        if ["placeholder", "example", "changeme", "xxxx", "dummy", "${", "{env:"].contains(where: { lower.contains($0) }) { return false }
        guard token.count >= 16, token.contains(where: \.isLetter), token.contains(where: \.isNumber) else { return false }
        return Set(token).count >= 8
    }

    static func walk(_ value: JSONValue, at pointer: JSONPointer, _ visit: (JSONPointer, String, String) -> Void) {
        switch value {
        case .array(let items): for (i, item) in items.enumerated() { walk(item, at: pointer / i, visit) }
        case .object(let object):
            for (name, item) in object.members {
                if let text = item.stringValue { visit(pointer / name, name, text) } else { walk(item, at: pointer / name, visit) }
            }
        default: break
        }
    }
}
