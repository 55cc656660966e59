import Foundation
import Documents
import BundledFiles

/// A problem with the registry data itself (a broken resource), reported instead of crashing.
public struct RegistryError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { "key registry: \(message)" }
}

/// The Cowork-on-3P key registry, read from `Resources/registry.json`. Validation,
/// exporters and importers consult it; no code switches on key names.
public struct KeyRegistry: Sendable {
    public let keys: [String: PolicyKey]
    public let providers: [String: ProviderRequirements]
    public let payloadType: String
    public let placeholderOrganizationUuid: String
    /// Update keys: a managed source setting only these leaves local configuration in force.
    public let updateOnlyKeys: [String]
    /// Where org plugins install, relative to the system root, by platform (`macos`, `windows`).
    public let orgPluginRoots: [String: String]

    /// Key names, sorted.
    public var names: [String] { keys.keys.sorted() }

    public subscript(name: String) -> PolicyKey? { keys[name] }

    /// Where the registry and presets live in the source tree, and so in BundledFiles.
    static let resourcesDirectory = "Sources/ManagedPolicy/Resources"

    /// The bundled registry.
    public static func load() throws(RegistryError) -> KeyRegistry {
        // Compiled into the binary (BundledFiles), so no resource bundle is needed at run time.
        guard let data = BundledFiles.data(resourcesDirectory + "/registry.json") else {
            throw RegistryError(message: "Resources/registry.json is missing from the binary")
        }
        return try parse(bytes: Array(data), file: "registry.json")
    }

    /// A registry from JSON bytes in the bundled format.
    public static func parse(bytes: [UInt8], file: String) throws(RegistryError) -> KeyRegistry {
        let document: Document
        do { document = try JSONReader().read(bytes: bytes, file: file) } catch {
            throw RegistryError(message: error.description)
        }
        return try RegistryDecoder(root: document.value).decode()
    }

    init(keys: [String: PolicyKey], providers: [String: ProviderRequirements], payloadType: String,
         placeholderOrganizationUuid: String, updateOnlyKeys: [String], orgPluginRoots: [String: String]) {
        self.keys = keys
        self.providers = providers
        self.payloadType = payloadType
        self.placeholderOrganizationUuid = placeholderOrganizationUuid
        self.updateOnlyKeys = updateOnlyKeys
        self.orgPluginRoots = orgPluginRoots
    }
}

/// Turns the registry JSON into typed values, naming the offending entry on error.
struct RegistryDecoder {
    let root: JSONValue

    func decode() throws(RegistryError) -> KeyRegistry {
        guard let entries = root["keys"]?.arrayValue else { throw RegistryError(message: "no keys array") }
        var keys: [String: PolicyKey] = [:]
        for entry in entries {
            let key = try decodeKey(entry)
            if keys[key.name] != nil { throw RegistryError(message: "duplicate key \(key.name)") }
            keys[key.name] = key
        }
        var providers: [String: ProviderRequirements] = [:]
        for (name, value) in root["providers"]?.objectValue ?? JSONObject() {
            let groups = (value["requires"]?.arrayValue ?? []).map { ($0.arrayValue ?? []).compactMap(\.stringValue) }
            for key in groups.joined() where keys[key] == nil {
                throw RegistryError(message: "provider \(name) requires unknown key \(key)")
            }
            providers[name] = ProviderRequirements(name: name, requiredGroups: groups,
                                                   introduced: value["introduced"]?.stringValue.flatMap(AppRelease.init))
        }
        return KeyRegistry(keys: keys, providers: providers,
                           payloadType: root["payloadType"]?.stringValue ?? "com.anthropic.claudefordesktop",
                           placeholderOrganizationUuid: root["placeholderOrganizationUuid"]?.stringValue ?? "",
                           updateOnlyKeys: (root["updateOnlyKeys"]?.arrayValue ?? []).compactMap(\.stringValue),
                           orgPluginRoots: (root["orgPluginRoots"]?.objectValue ?? JSONObject()).reduce(into: [:]) {
                               $0[$1.key] = $1.value.stringValue
                           })
    }

    func decodeKey(_ entry: JSONValue) throws(RegistryError) -> PolicyKey {
        guard let name = entry["name"]?.stringValue else { throw RegistryError(message: "key without a name") }
        let spec = try decodeSpec(entry, context: name)
        return PolicyKey(name: name, section: entry["section"]?.stringValue ?? "", spec: spec,
                         defaultValue: entry["default"], description: entry["description"]?.stringValue ?? "",
                         provider: entry["provider"]?.stringValue, required: entry["required"]?.boolValue ?? false,
                         requires: (entry["requires"]?.arrayValue ?? []).compactMap(\.stringValue),
                         introduced: try release(entry["introduced"], context: name),
                         introducedApproximate: entry["introducedApproximate"]?.boolValue ?? false,
                         deprecation: try deprecation(entry["deprecated"], context: name))
    }

    func decodeSpec(_ entry: JSONValue, context: String) throws(RegistryError) -> ValueSpec {
        guard let typeName = entry["type"]?.stringValue, let type = PolicyValueType(rawValue: typeName) else {
            throw RegistryError(message: "\(context): missing or unknown type")
        }
        var spec = ValueSpec(type: type)
        for item in entry["allowed"]?.arrayValue ?? [] {
            if let s = item.stringValue {
                spec.allowed.append(AllowedValue(value: s))
            } else if let s = item["value"]?.stringValue {
                spec.allowed.append(AllowedValue(value: s, introduced: try release(item["introduced"], context: context),
                                                 deprecation: try deprecation(item["deprecated"], context: context)))
            } else {
                throw RegistryError(message: "\(context): bad allowed value")
            }
        }
        spec.min = entry["min"]?.numberValue?.int64Value
        spec.max = entry["max"]?.numberValue?.int64Value
        spec.pattern = entry["pattern"]?.stringValue
        spec.patternHint = entry["patternHint"]?.stringValue
        spec.format = try format(entry["format"], context: context)
        spec.itemFormat = try format(entry["itemFormat"], context: context)
        spec.itemAllowed = (entry["itemAllowed"]?.arrayValue ?? []).compactMap(\.stringValue)
        spec.valueAllowed = (entry["valueAllowed"]?.arrayValue ?? []).compactMap(\.stringValue)
        spec.nonEmpty = entry["nonEmpty"]?.boolValue ?? false
        for (field, value) in entry["itemFields"]?.objectValue ?? JSONObject() {
            let path = "\(context).\(field)"
            spec.itemFields[field] = FieldSpec(spec: try decodeSpec(value, context: path),
                                               required: value["required"]?.boolValue ?? false,
                                               introduced: try release(value["introduced"], context: path))
        }
        return spec
    }

    func format(_ value: JSONValue?, context: String) throws(RegistryError) -> ValueFormat? {
        guard let text = value?.stringValue else { return nil }
        guard let format = ValueFormat(rawValue: text) else { throw RegistryError(message: "\(context): unknown format \(text)") }
        return format
    }

    func release(_ value: JSONValue?, context: String) throws(RegistryError) -> AppRelease? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.stringValue, let release = AppRelease(text) else {
            throw RegistryError(message: "\(context): bad release number")
        }
        return release
    }

    func deprecation(_ value: JSONValue?, context: String) throws(RegistryError) -> Deprecation? {
        guard let value, value.objectValue != nil else { return nil }
        return Deprecation(since: try release(value["in"], context: context),
                           replacement: value["replacement"]?.stringValue,
                           removal: value["removal"]?.stringValue)
    }
}
