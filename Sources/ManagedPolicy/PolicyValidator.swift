import Foundation
import Documents
import Diagnostics

/// Validates a policy against the key registry, optionally for one app release, and
/// returns every problem at once, each located at file:line:column when known.
public struct PolicyValidator: Sendable {
    public var registry: KeyRegistry
    /// The app release to validate for; nil means the newest release the registry knows.
    public var target: AppRelease?

    public init(registry: KeyRegistry, target: AppRelease? = nil) {
        self.registry = registry
        self.target = target
    }

    public func validate(_ policy: ManagedPolicy) -> [Finding] {
        var findings: [Finding] = []
        let checker = ValueChecker(target: target)
        for entry in policy.entries {
            guard let key = registry[entry.key] else {
                findings.append(unknownKey(entry))
                continue
            }
            findings += releaseFindings(key, entry)
            for issue in checker.check(entry.value, key.spec, label: entry.key) {
                findings.append(finding(issue, entry, in: policy))
            }
            for required in key.requires where policy[required] == nil {
                findings.append(Finding(.error, code: "policy-requires-key",
                                        message: "\(entry.key) takes effect only with \(required) set",
                                        location: entry.keyLocation ?? entry.location, pointer: pointer(entry.key),
                                        hint: "set \(required) as well"))
            }
        }
        findings += ProviderRules(registry: registry).check(policy)
        findings += McpServerRules().check(policy)
        findings += organizationFindings(policy)
        return findings.sorted()
    }

    func unknownKey(_ entry: PolicyEntry) -> Finding {
        if entry.key.contains(".") {
            return Finding(.error, code: "policy-dotted-key",
                           message: "'\(entry.key)' is a dotted sub-key; the app never reads those",
                           location: entry.keyLocation ?? entry.location, pointer: pointer(entry.key),
                           hint: "write the parent key with an object value")
        }
        return Finding(.error, code: "policy-unknown-key", message: "unknown key '\(entry.key)'",
                       location: entry.keyLocation ?? entry.location, pointer: pointer(entry.key),
                       hint: Suggestions.didYouMean(entry.key, among: registry.names))
    }

    func releaseFindings(_ key: PolicyKey, _ entry: PolicyEntry) -> [Finding] {
        var findings: [Finding] = []
        let location = entry.keyLocation ?? entry.location
        if let introduced = key.introduced, let target, target < introduced {
            findings.append(Finding(.warning, code: "policy-key-too-new",
                                    message: "\(key.name) is not understood by app \(target) (introduced in \(introduced)\(key.introducedApproximate ? ", approximate" : ""))",
                                    location: location, pointer: pointer(key.name)))
        }
        if let deprecation = key.deprecation, ValueChecker.applies(deprecation, to: target) {
            var message = "\(key.name) is deprecated" + (deprecation.since.map { " since app \($0)" } ?? "")
            if let removal = deprecation.removal { message += "; removal planned \(removal)" }
            findings.append(Finding(.warning, code: "policy-key-deprecated", message: message, location: location,
                                    pointer: pointer(key.name), hint: deprecation.replacement.map { "use \($0) instead" }))
        }
        return findings
    }

    func organizationFindings(_ policy: ManagedPolicy) -> [Finding] {
        let key = "deploymentOrganizationUuid"
        guard registry[key] != nil else { return [] }
        if let entry = policy.entry(key) {
            guard entry.value.stringValue?.lowercased() == registry.placeholderOrganizationUuid else { return [] }
            return [Finding(.warning, code: "policy-org-uuid-placeholder",
                            message: "\(key) is the shared placeholder every unconfigured deployment uses",
                            location: entry.location, pointer: pointer(key), hint: "generate your own with uuidgen")]
        }
        // Update-only policies leave the local configuration in force; no telemetry identity is at stake.
        if policy.keys.allSatisfy({ registry.updateOnlyKeys.contains($0) }) && !policy.keys.isEmpty { return [] }
        return [Finding(.warning, code: "policy-org-uuid-unset",
                        message: "\(key) is unset: telemetry is tagged with the shared placeholder \(registry.placeholderOrganizationUuid)",
                        location: nil, pointer: pointer(key), hint: "generate one with uuidgen and set it before rollout")]
    }

    func finding(_ issue: ValueIssue, _ entry: PolicyEntry, in policy: ManagedPolicy) -> Finding {
        Finding(issue.severity, code: issue.code, message: issue.message, location: policy.location(of: entry, at: issue.sub),
                pointer: JSONPointer(tokens: [entry.key] + issue.sub.tokens), hint: issue.hint)
    }

    func pointer(_ key: String) -> JSONPointer { JSONPointer(tokens: [key]) }
}
