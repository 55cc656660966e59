import Foundation
import Documents
import Diagnostics

/// Reads a policy file (YAML or JSON: a flat map of registry keys, plus an optional
/// `profile:` naming a preset) and layers it over the preset.
public struct PolicyLoader: Sendable {
    public var registry: KeyRegistry
    public var presets: [String: PolicyPreset]

    /// The reserved top-level key naming a preset.
    public static let profileKey = "profile"

    public init(registry: KeyRegistry, presets: [String: PolicyPreset]) {
        self.registry = registry
        self.presets = presets
    }

    /// A loader over the bundled registry and presets.
    public static func bundled() throws -> PolicyLoader {
        PolicyLoader(registry: try KeyRegistry.load(), presets: try PolicyPreset.bundled())
    }

    /// Loads a policy file. Unreadable files give a nil policy and the read error.
    /// `profile` names the preset when the file names none; a different one is an error
    /// (`profileSource` says where it was given, for the message).
    public func load(path: String, profile: String? = nil, profileSource: String = "--profile") -> (policy: ManagedPolicy?, findings: [Finding]) {
        load(.file(path), profile: profile, profileSource: profileSource)
    }

    /// Loads a policy from a file or from standard input.
    public func load(_ source: PolicySource, profile: String? = nil, profileSource: String = "--profile") -> (policy: ManagedPolicy?, findings: [Finding]) {
        do {
            let document = try source.document()
            return policy(from: document, profile: profile, profileSource: profileSource)
        } catch {
            return (nil, [Finding(error)])
        }
    }

    /// Builds the layered policy from a parsed document.
    public func policy(from document: Document, profile override: String? = nil,
                       profileSource: String = "--profile") -> (policy: ManagedPolicy?, findings: [Finding]) {
        var findings = document.warnings.map { Finding(warning: $0) }
        guard let object = document.value.objectValue else {
            findings.append(Finding(.error, code: .policyNotMapping,
                                    message: "a policy is a mapping of key names to values, not \(document.value.typeName)",
                                    location: document.location(of: .root), pointer: .root))
            return (nil, findings)
        }
        var policy = ManagedPolicy(documents: [document.file: document])
        var profileName = override
        var profileLocation: SourceLocation?
        if let value = object[Self.profileKey] {
            profileLocation = document.location(of: JSONPointer(tokens: [Self.profileKey]))
            if let name = value.stringValue {
                if let override, override != name {
                    // One source of truth: silently shipping another preset than the file asks for hides a weaker profile.
                    findings.append(Finding(.error, code: .policyProfileConflict,
                                            message: "the policy asks for profile '\(name)' but \(profileSource) says '\(override)'",
                                            location: profileLocation, pointer: JSONPointer(tokens: [Self.profileKey]),
                                            hint: "name the preset in one place only"))
                }
                if profileName == nil { profileName = name }
            } else {
                findings.append(Finding(.error, code: .policyType, message: "profile must be a preset name",
                                        location: profileLocation, pointer: JSONPointer(tokens: [Self.profileKey])))
            }
        }
        if let name = profileName {
            if let preset = presets[name] {
                policy.profile = name
                policy.documents[preset.document.file] = preset.document
                for (key, value) in preset.values {
                    let pointer = JSONPointer(tokens: [key])
                    policy.set(PolicyEntry(key: key, value: value, location: preset.document.location(of: pointer),
                                           keyLocation: preset.document.location(of: pointer, preferKey: true),
                                           preset: name))
                }
            } else {
                findings.append(Finding(.error, code: .policyProfileUnknown, message: "unknown profile '\(name)'",
                                        location: profileLocation, pointer: JSONPointer(tokens: [Self.profileKey]),
                                        hint: Suggestions.didYouMean(name, among: presets.keys.sorted())))
            }
        }
        for (key, value) in object where key != Self.profileKey {
            let pointer = JSONPointer(tokens: [key])
            findings += PlatformValues.shapeFindings(value, key: key, document: document)
            policy.set(PolicyEntry(key: key, value: normalized(value, key: key),
                                   location: document.location(of: pointer),
                                   keyLocation: document.location(of: pointer, preferKey: true)))
        }
        return (policy, findings)
    }

    /// Preference-store spellings ("true", "3600", "[...]") written for a non-string key
    /// become native values, so the policy compares equal to its exported form.
    func normalized(_ value: JSONValue, key: String) -> JSONValue {
        if let variants = PlatformValues.variants(value) {
            // Each platform's value is normalized as the key's value would be.
            let inner = JSONObject(variants.members.map { ($0.key, normalized($0.value, key: key)) })
            return .object(JSONObject([(PlatformValues.marker, .object(inner))]))
        }
        guard let spec = registry[key]?.spec else { return value }
        // The vendor documents 1 and 0 for booleans; store them as the booleans they mean.
        if spec.type == .boolean, let n = value.numberValue?.int64Value, n == 0 || n == 1 { return .bool(n == 1) }
        guard spec.type != .string, spec.type != .enum, case .string(let text) = value else { return value }
        return PolicyValueCoder.decode(text, as: spec.type) ?? value
    }

    /// Notes for keys the chosen preset expects the policy to set.
    public func presetExpectations(_ policy: ManagedPolicy) -> [Finding] {
        guard let name = policy.profile, let preset = presets[name] else { return [] }
        return preset.expects.filter { policy[$0] == nil }.map { key in
            Finding(.note, code: .policyPresetExpects,
                    message: "profile '\(name)' expects \(key) to be set for your organization",
                    location: nil, pointer: JSONPointer(tokens: [key]))
        }
    }
}
