import Documents

/// Hides secrets in a policy value before it is shown (diffs): a whole value for a
/// sensitive string key, and inside a sensitive key's containers every header value, environment value and
/// secret field, plus any string that looks like a credential. A mask shows that a
/// secret is there and whether it changed, never its text.
struct SecretMask {
    /// What a hidden value is replaced with.
    static let mask = "<secret>"
    /// Members whose values are maps of headers or environment variables: every value is hidden.
    static let mapMembers: Set<String> = ["headers", "env", "bootstrapHeaders", "otlpHeaders"]

    let registry: KeyRegistry

    func mask(_ value: JSONValue, key: String) -> (JSONValue, Bool) {
        // Only keys the registry marks sensitive hold secrets; elsewhere a model id would
        // look like a token.
        guard registry[key]?.sensitive == true else { return (value, false) }
        if value.stringValue != nil { return (.string(Self.mask), true) }
        var masked = false
        let shown = walk(value, name: key, hideAll: Self.mapMembers.contains(key), &masked)
        return (shown, masked)
    }

    private func walk(_ value: JSONValue, name: String, hideAll: Bool, _ masked: inout Bool) -> JSONValue {
        switch value {
        case .string(let text):
            let secretName = PolicySecretScan.secretFields.contains(name) || PolicySecretScan.credentialHeaders.contains(name.lowercased())
            if hideAll || secretName || PolicySecretScan.looksLikeCredential(text) {
                masked = true
                return .string(Self.mask)
            }
            return value
        case .array(let items):
            return .array(items.map { walk($0, name: name, hideAll: hideAll, &masked) })
        case .object(let object):
            return .object(JSONObject(object.members.map { member in
                (member.key, walk(member.value, name: member.key, hideAll: hideAll || Self.mapMembers.contains(member.key), &masked))
            }))
        default:
            return value
        }
    }
}
