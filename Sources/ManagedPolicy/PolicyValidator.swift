import Foundation
import Documents
import Diagnostics

/// Validates a policy against the key registry, optionally for one app release, and
/// returns every problem at once, each located at file:line:column when known.
public struct PolicyValidator: Sendable {
    public var registry: KeyRegistry
    /// The app release to validate for; nil means the newest release the registry knows.
    public var target: AppRelease?
    /// The day the policy is checked for: deprecated spellings past their cut-off are errors.
    public var now: Date

    public init(registry: KeyRegistry, target: AppRelease? = nil, now: Date = Date()) {
        self.registry = registry
        self.target = target
        self.now = now
    }

    /// Validates the policy; a policy whose values differ by platform is validated as each
    /// platform's exports see it (`PlatformValues.views`), each finding reported once.
    public func validate(_ policy: ManagedPolicy) -> [Finding] {
        var seen = Set<Finding>()
        var findings: [Finding] = []
        for view in PlatformValues.views(policy) {
            for finding in validateView(view) where seen.insert(finding).inserted { findings.append(finding) }
        }
        return findings.sorted()
    }

    func validateView(_ policy: ManagedPolicy) -> [Finding] {
        var findings: [Finding] = []
        let checker = ValueChecker(target: target, now: now)
        // Built once: a profile with thousands of unknown keys must not sort and
        // lower-case the registry, and compare against all of it, once per key.
        let names = SuggestionIndex(registry.names)
        var unknownCount = 0
        for entry in policy.entries {
            guard let key = registry[entry.key] else {
                unknownCount += 1
                findings.append(unknownKey(entry, suggest: unknownCount <= Self.suggestionLimit ? names : nil))
                continue
            }
            findings += releaseFindings(key, entry)
            for issue in checker.check(entry.value, key.spec, label: entry.key) {
                findings.append(finding(issue, entry, in: policy))
            }
            for required in key.requires where policy[required] == nil {
                findings.append(Finding(.error, code: .policyRequiresKey,
                                        message: "\(entry.key) takes effect only with \(required) set",
                                        location: entry.keyLocation ?? entry.location, pointer: pointer(entry.key),
                                        hint: "set \(required) as well"))
            }
        }
        findings += ProviderRules(registry: registry).check(policy)
        findings += IgnoredKeyRules(registry: registry).check(policy)
        findings += McpServerRules(now: now, target: target, shapeDeprecation: registry[McpServerRules.key]?.deprecation).check(policy)
        findings += PluginPolicyRules().check(policy)
        findings += organizationFindings(policy)
        findings += PolicySecretScan.scan(policy, registry: registry)
        return findings.sorted()
    }

    /// Unknown keys past this many get no "did you mean": the look-up is cheap but a
    /// hostile profile can hold tens of thousands of them, and nobody reads that far.
    static let suggestionLimit = 500

    func unknownKey(_ entry: PolicyEntry, suggest names: SuggestionIndex?) -> Finding {
        let location = entry.keyLocation ?? entry.location
        if let current = registry.aliases[entry.key] {
            return Finding(.warning, code: .policyKeyAlias, message: "'\(entry.key)' is an old name of \(current)",
                           location: location, pointer: pointer(entry.key), hint: "rename it to \(current)")
        }
        if entry.key.contains(".") {
            return Finding(.error, code: .policyDottedKey,
                           message: "'\(entry.key)' is a dotted sub-key; the app never reads those",
                           location: location, pointer: pointer(entry.key),
                           hint: "write the parent key with an object value")
        }
        return Finding(.error, code: .policyUnknownKey, message: "unknown key '\(entry.key)'",
                       location: location, pointer: pointer(entry.key),
                       hint: names?.didYouMean(entry.key) ?? "")
    }

    /// Release and status: too new for the target, deprecated, removed or past cut-off,
    /// not for 3P, or no longer documented.
    func releaseFindings(_ key: PolicyKey, _ entry: PolicyEntry) -> [Finding] {
        var findings: [Finding] = []
        let location = entry.keyLocation ?? entry.location
        func add(_ severity: Severity, _ code: FindingCode, _ message: String, hint: String? = nil) {
            findings.append(Finding(severity, code: code, message: message, location: location, pointer: pointer(key.name), hint: hint))
        }
        if let introduced = key.introduced, let target, target < introduced {
            add(.warning, .policyKeyTooNew, "\(key.name) is not understood by app \(target) (introduced in \(introduced))",
                hint: "remove it, or target app \(introduced) or later")
        }
        switch key.status {
        case .current:
            break
        case .not3P:
            add(.warning, .policyKeyNot3p, "\(key.name) applies to standard (Claude.ai) deployments and has no effect on third-party inference")
        case .notInCurrentDocs:
            add(.warning, .policyKeyUndocumented, "\(key.name) is absent from current vendor documentation; whether the app still reads it is uncertain")
        case .deprecated, .removed:
            guard let deprecation = key.deprecation else {
                add(.warning, .policyKeyDeprecated, "\(key.name) is deprecated")
                break
            }
            let state = KeyLifecycle.state(of: deprecation, removed: key.status == .removed, target: target, now: now)
            let replacement = deprecation.replacement.map { "use \($0) instead" }
            switch state {
            case .inForce:
                break
            case .deprecated:
                var message = "\(key.name) is deprecated" + (deprecation.since.map { " since app \($0)" } ?? "")
                if let day = deprecation.cutoffDay { message += "; accepted until \(day)" }
                add(.warning, .policyKeyDeprecated, message, hint: replacement)
            case .rejected where key.status == .removed:
                add(.error, .policyKeyRemoved,
                    "\(key.name) was removed" + (deprecation.since.map { " in app \($0)" } ?? "") + " and is no longer read",
                    hint: replacement)
            case .rejected:
                let after = deprecation.afterCutoff.map { ": \($0)" } ?? ""
                add(.error, .policyKeyPastCutoff, "\(key.name) is no longer read since its cut-off on \(deprecation.cutoffDay ?? "?")\(after)",
                    hint: replacement)
            }
        }
        return findings
    }

    func organizationFindings(_ policy: ManagedPolicy) -> [Finding] {
        let key = "deploymentOrganizationUuid"
        guard registry[key] != nil else { return [] }
        if let entry = policy.entry(key) {
            guard entry.value.stringValue?.lowercased() == registry.placeholderOrganizationUuid else { return [] }
            return [Finding(.warning, code: .policyOrgUuidPlaceholder,
                            message: "\(key) is the shared placeholder every unconfigured deployment uses",
                            location: entry.location, pointer: pointer(key), hint: "generate your own with uuidgen")]
        }
        // Update-only policies leave the local configuration in force; no telemetry identity is at stake.
        if policy.keys.allSatisfy({ registry.updateOnlyKeys.contains($0) }) && !policy.keys.isEmpty { return [] }
        return [Finding(.warning, code: .policyOrgUuidUnset,
                        message: "\(key) is unset: telemetry is tagged with the shared placeholder \(registry.placeholderOrganizationUuid)",
                        location: nil, pointer: pointer(key), hint: "generate one with uuidgen and set it before rollout")]
    }

    func finding(_ issue: ValueIssue, _ entry: PolicyEntry, in policy: ManagedPolicy) -> Finding {
        Finding(issue.severity, code: issue.code, message: issue.message, location: policy.location(of: entry, at: issue.sub),
                pointer: JSONPointer(tokens: [entry.key] + issue.sub.tokens), hint: issue.hint)
    }

    func pointer(_ key: String) -> JSONPointer { JSONPointer(tokens: [key]) }
}
