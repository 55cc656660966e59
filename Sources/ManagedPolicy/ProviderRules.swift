import Documents
import Diagnostics

/// Provider requirements from the registry: the selected provider's required keys, one
/// of its credential alternatives (or its documented fallback), models where it cannot
/// discover them, and keys of other providers, which the app ignores.
struct ProviderRules {
    let registry: KeyRegistry
    static let providerKey = "inferenceProvider"
    static let modelsKey = "inferenceModels"
    static let discoveryKey = "modelDiscoveryEnabled"

    func check(_ policy: ManagedPolicy) -> [Finding] {
        let providerEntry = policy.entry(Self.providerKey)
        let selected = providerEntry?.value.stringValue.flatMap { registry.providers[$0] != nil ? $0 : nil }
        var findings: [Finding] = []
        if let selected, let requirements = registry.providers[selected], let providerEntry {
            func missing(_ message: String, hint: String?) {
                findings.append(Finding(.error, code: .policyProviderMissing, message: message,
                                        location: providerEntry.location, pointer: JSONPointer(tokens: [Self.providerKey]), hint: hint))
            }
            for group in requirements.requiredGroups where !group.contains(where: { policy[$0] != nil }) {
                let what = group.count == 1 ? group[0] : "one of " + group.joined(separator: ", ")
                missing("provider \(selected) needs \(what); without it the app starts in standard mode",
                        hint: group.count == 1 ? registry[group[0]]?.description : nil)
            }
            findings += credentialFindings(requirements, policy, providerEntry)
            findings += modelFindings(requirements, policy, providerEntry)
        }
        // Keys of a provider other than the selected one (or of any provider when none is selected).
        if providerEntry == nil || selected != nil {
            let requirements = selected.flatMap { registry.providers[$0] }
            for entry in policy.entries {
                guard let owner = registry[entry.key]?.provider, owner != selected else { continue }
                if let requirements, requirements.usesKeysOf == owner, !requirements.ignores.contains(entry.key) { continue }
                let reason = selected.map { "inferenceProvider is \($0)" } ?? "inferenceProvider is not set"
                findings.append(Finding(.warning, code: .policyProviderIgnored,
                                        message: "\(entry.key) configures \(owner) and is ignored: \(reason)",
                                        location: entry.keyLocation ?? entry.location, pointer: JSONPointer(tokens: [entry.key]),
                                        hint: "remove it, or select \(owner)"))
            }
        }
        return findings
    }

    /// True when a `key` or `key=value` condition holds.
    static func holds(_ condition: String, in policy: ManagedPolicy) -> Bool {
        let parts = condition.split(separator: "=", maxSplits: 1).map(String.init)
        guard let value = policy[parts[0]] else { return false }
        guard parts.count == 2 else { return true }
        return PolicyValueCoder.encode(value) == parts[1]
    }

    func credentialFindings(_ requirements: ProviderRequirements, _ policy: ManagedPolicy, _ providerEntry: PolicyEntry) -> [Finding] {
        guard !requirements.credentials.isEmpty else { return [] }
        let complete = requirements.credentials.filter { $0.allSatisfy { Self.holds($0, in: policy) } }
        if !complete.isEmpty { return [] }
        let describe = requirements.credentials.map { $0.joined(separator: " + ") }.joined(separator: "; ")
        let pointer = JSONPointer(tokens: [Self.providerKey])
        // A partly set alternative (Entra tenant without client) is a mistake even where a fallback exists.
        if let partial = requirements.credentials.first(where: { $0.count > 1 && $0.contains { Self.holds($0, in: policy) } }) {
            let absent = partial.filter { !Self.holds($0, in: policy) }
            return [Finding(.error, code: .policyProviderCredential,
                            message: "provider \(requirements.name): \(partial.joined(separator: " + ")) is incomplete; \(absent.joined(separator: ", ")) is missing",
                            location: providerEntry.location, pointer: pointer, hint: "set the missing keys or remove the others")]
        }
        if let fallback = requirements.credentialFallback {
            return [Finding(.note, code: .policyProviderCredentialFallback,
                            message: "provider \(requirements.name) has no credential key; the app falls back to \(fallback)",
                            location: providerEntry.location, pointer: pointer, hint: "or set one of: \(describe)")]
        }
        return [Finding(.error, code: .policyProviderMissing,
                        message: "provider \(requirements.name) needs a credential: one of \(describe); without it the app starts in standard mode",
                        location: providerEntry.location, pointer: pointer)]
    }

    /// Models: required by providers that cannot discover them, and by any provider when
    /// discovery is turned off; an empty list is then as bad as none.
    func modelFindings(_ requirements: ProviderRequirements, _ policy: ManagedPolicy, _ providerEntry: PolicyEntry) -> [Finding] {
        var needed = requirements.models == "required"
        var why = "provider \(requirements.name) cannot discover models"
        if requirements.models.hasPrefix("required-unless:") {
            let exempt = String(requirements.models.dropFirst("required-unless:".count))
            needed = !Self.holds(exempt, in: policy)
            why = "provider \(requirements.name) discovers models only with \(exempt)"
        }
        if policy[Self.discoveryKey]?.boolValue == false {
            needed = true
            why = "\(Self.discoveryKey) is false"
        }
        guard needed else { return [] }
        if let entry = policy.entry(Self.modelsKey) {
            guard entry.value.arrayValue?.isEmpty == true else { return [] }
            return [Finding(.error, code: .policyModelsEmpty, message: "\(Self.modelsKey) is empty but \(why): the model picker would be empty",
                            location: entry.location, pointer: JSONPointer(tokens: [Self.modelsKey]), hint: "list at least one model ID")]
        }
        return [Finding(.error, code: .policyProviderMissing, message: "\(Self.modelsKey) is needed: \(why)",
                        location: providerEntry.location, pointer: JSONPointer(tokens: [Self.providerKey]),
                        hint: registry[Self.modelsKey]?.description)]
    }
}

/// Keys the app ignores because of another key's value (a Bedrock profile next to a
/// bearer token, enforcement hours with updates disabled...), from the registry.
struct IgnoredKeyRules {
    let registry: KeyRegistry

    func check(_ policy: ManagedPolicy) -> [Finding] {
        registry.ignoredKeyRules.compactMap { rule in
            guard let entry = policy.entry(rule.key) else { return nil }
            let ignored = rule.when.map { ProviderRules.holds($0, in: policy) } ?? false
                || rule.unless.map { !ProviderRules.holds($0, in: policy) } ?? false
            guard ignored else { return nil }
            return Finding(.warning, code: .policyKeyIgnored, message: "\(rule.key) is ignored: \(rule.reason)",
                           location: entry.keyLocation ?? entry.location, pointer: JSONPointer(tokens: [rule.key]),
                           hint: "remove it, or change the key it depends on")
        }
    }
}
