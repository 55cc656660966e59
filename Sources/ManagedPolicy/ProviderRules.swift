import Documents
import Diagnostics

/// Provider requirements from the registry: the selected provider's key groups (at least
/// one key of each), and keys of other providers, which the app ignores.
struct ProviderRules {
    let registry: KeyRegistry
    static let providerKey = "inferenceProvider"

    func check(_ policy: ManagedPolicy) -> [Finding] {
        let providerEntry = policy.entry(Self.providerKey)
        let selected = providerEntry?.value.stringValue.flatMap { registry.providers[$0] != nil ? $0 : nil }
        var findings: [Finding] = []
        if let selected, let requirements = registry.providers[selected], let providerEntry {
            for group in requirements.requiredGroups where !group.contains(where: { policy[$0] != nil }) {
                let what = group.count == 1 ? group[0] : "one of " + group.joined(separator: ", ")
                findings.append(Finding(.error, code: "policy-provider-missing",
                                        message: "provider \(selected) needs \(what); without it the app starts in standard mode",
                                        location: providerEntry.location, pointer: JSONPointer(tokens: [Self.providerKey]),
                                        hint: group.count == 1 ? registry[group[0]]?.description : nil))
            }
        }
        // Keys of a provider other than the selected one (or of any provider when none is selected).
        if providerEntry == nil || selected != nil {
            for entry in policy.entries {
                guard let owner = registry[entry.key]?.provider, owner != selected else { continue }
                let reason = selected.map { "inferenceProvider is \($0)" } ?? "inferenceProvider is not set"
                findings.append(Finding(.warning, code: "policy-provider-ignored",
                                        message: "\(entry.key) configures \(owner) and is ignored: \(reason)",
                                        location: entry.keyLocation ?? entry.location, pointer: JSONPointer(tokens: [entry.key]),
                                        hint: "remove it, or select \(owner)"))
            }
        }
        return findings
    }
}
