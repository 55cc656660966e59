import Documents
import Diagnostics

/// The platforms a policy value may differ by.
public enum PolicyPlatform: String, Sendable, CaseIterable {
    case macos, windows, linux
}

/// Per-platform values in a policy file: a key whose value is `{$platform: {macos: ...,
/// windows: ..., linux: ..., default: ...}}` takes, in each export, the value of the
/// platform that export is for (`default` for platforms not listed). A platform with no
/// value and no default leaves the key out of that platform's exports. Exports that
/// serve every platform (bootstrap bodies, the local JSON files) use `default`.
public enum PlatformValues {
    /// The reserved member that marks a per-platform value.
    public static let marker = "$platform"
    /// The member for platforms not listed.
    public static let fallback = "default"

    /// The variants of a per-platform value, or nil when the value is an ordinary one.
    public static func variants(_ value: JSONValue) -> JSONObject? {
        guard let object = value.objectValue, object.count == 1, let inner = object[marker]?.objectValue else { return nil }
        return inner
    }

    /// True when any entry of the policy differs by platform.
    public static func isPerPlatform(_ policy: ManagedPolicy) -> Bool {
        policy.entries.contains { variants($0.value) != nil }
    }

    /// Checks the shape of a `$platform` value where the policy file states it: an object
    /// of known platform names (and `default`), not mixed with other members.
    static func shapeFindings(_ value: JSONValue, key: String, document: Document) -> [Finding] {
        guard let object = value.objectValue, object[marker] != nil else { return [] }
        let pointer = JSONPointer(tokens: [key, marker])
        guard object.count == 1, let inner = object[marker]?.objectValue, !inner.isEmpty else {
            return [Finding(.error, code: .policyPlatformSyntax,
                            message: "\(key): \(marker) must be the only member and hold a mapping of platforms to values",
                            location: document.location(of: pointer), pointer: pointer,
                            hint: "\(key): {\(marker): {macos: ..., windows: ..., linux: ..., default: ...}}")]
        }
        let known = PolicyPlatform.allCases.map(\.rawValue) + [fallback]
        return inner.keys.filter { !known.contains($0) }.map { name in
            Finding(.error, code: .policyPlatformSyntax, message: "\(key): '\(name)' is not a platform",
                    location: document.location(of: pointer / name, preferKey: true), pointer: pointer / name,
                    hint: Suggestions.didYouMean(name, among: known) ?? "use \(known.joined(separator: ", "))")
        }
    }

    /// The policy as one platform's exports see it (nil: the platform-neutral view, which
    /// takes `default`). Each resolved entry points at the variant it came from.
    public static func resolve(_ policy: ManagedPolicy, for platform: PolicyPlatform?) -> ManagedPolicy {
        var resolved = policy
        for entry in policy.entries {
            guard let variants = variants(entry.value) else { continue }
            let name = platform.flatMap { variants[$0.rawValue] != nil ? $0.rawValue : nil } ?? fallback
            guard let value = variants[name] else {
                resolved.remove(entry.key)
                continue
            }
            var chosen = entry
            chosen.value = value
            chosen.valuePointer = JSONPointer(tokens: [entry.key, marker, name])
            if let file = entry.location?.file, let document = policy.documents[file] {
                chosen.location = document.location(of: chosen.valuePointer ?? .root)
            }
            resolved.set(chosen)
        }
        return resolved
    }

    /// The views validation checks: the policy itself when no value differs by platform;
    /// else each platform some value names, and — when some value has a `default` — every
    /// platform and the platform-neutral view. (An export for a platform outside these is
    /// validated again when it is made.)
    public static func views(_ policy: ManagedPolicy) -> [ManagedPolicy] {
        let all = policy.entries.compactMap { variants($0.value) }
        guard !all.isEmpty else { return [policy] }
        if all.contains(where: { $0[fallback] != nil }) {
            return PolicyPlatform.allCases.map { resolve(policy, for: $0) } + [resolve(policy, for: nil)]
        }
        return PolicyPlatform.allCases.filter { platform in all.contains { $0[platform.rawValue] != nil } }.map { resolve(policy, for: $0) }
    }
}

extension PolicyExportFormat {
    /// The platform whose values this export carries; nil for exports every platform reads.
    public var platform: PolicyPlatform? {
        switch self {
        case .mobileconfig, .plist, .manifest: return .macos
        case .reg, .admx: return .windows
        case .linux: return .linux
        case .json, .configLibrary, .bootstrap, .bootstrapV2: return nil
        }
    }
}
