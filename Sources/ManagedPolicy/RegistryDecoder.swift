import Foundation
import Documents

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
            let groups = lists(value["requires"])
            let credentials = lists(value["credentials"])
            let ignores = strings(value["ignores"])
            for condition in Array(groups.joined()) + Array(credentials.joined()) + ignores {
                let key = String(condition.split(separator: "=", maxSplits: 1).first ?? "")
                if keys[key] == nil { throw RegistryError(message: "provider \(name) names unknown key \(key)") }
            }
            providers[name] = ProviderRequirements(name: name, requiredGroups: groups, credentials: credentials,
                                                   credentialFallback: value["credentialFallback"]?.stringValue,
                                                   models: value["models"]?.stringValue ?? "optional",
                                                   usesKeysOf: value["usesKeysOf"]?.stringValue, ignores: ignores,
                                                   introduced: try release(value["introduced"], context: name))
        }
        for key in keys.values {
            if let provider = key.provider, providers[provider] == nil {
                throw RegistryError(message: "\(key.name): unknown provider \(provider)")
            }
        }
        var rules: [IgnoredKeyRule] = []
        for rule in root["ignoredKeyRules"]?.arrayValue ?? [] {
            guard let key = rule["key"]?.stringValue, keys[key] != nil, let reason = rule["reason"]?.stringValue else {
                throw RegistryError(message: "an ignoredKeyRules entry needs a known key and a reason")
            }
            rules.append(IgnoredKeyRule(key: key, when: rule["when"]?.stringValue, unless: rule["unless"]?.stringValue, reason: reason))
        }
        return KeyRegistry(keys: keys, providers: providers,
                           payloadType: root["payloadType"]?.stringValue ?? "com.anthropic.claudefordesktop",
                           placeholderOrganizationUuid: root["placeholderOrganizationUuid"]?.stringValue ?? "",
                           updateOnlyKeys: strings(root["updateOnlyKeys"]),
                           orgPluginRoots: (root["orgPluginRoots"]?.objectValue ?? JSONObject()).reduce(into: [:]) {
                               $0[$1.key] = $1.value.stringValue
                           },
                           ignoredKeyRules: rules, bootstrapCannotSet: strings(root["bootstrapCannotSet"]),
                           registryPath: root["registryPath"]?.stringValue ?? "SOFTWARE\\Policies\\Claude",
                           newestKnownRelease: try release(root["newestKnownRelease"], context: "newestKnownRelease"))
    }

    func strings(_ value: JSONValue?) -> [String] { (value?.arrayValue ?? []).compactMap(\.stringValue) }
    func lists(_ value: JSONValue?) -> [[String]] { (value?.arrayValue ?? []).map { strings($0) } }

    func decodeKey(_ entry: JSONValue) throws(RegistryError) -> PolicyKey {
        guard let name = entry["name"]?.stringValue else { throw RegistryError(message: "key without a name") }
        let statusText = entry["status"]?.stringValue ?? "current"
        guard let status = KeyStatus(rawValue: statusText) else { throw RegistryError(message: "\(name): unknown status \(statusText)") }
        let spec = try decodeSpec(entry, context: name)
        return PolicyKey(name: name, status: status, section: entry["section"]?.stringValue ?? "", spec: spec,
                         defaultValue: entry["default"], description: entry["description"]?.stringValue ?? "",
                         provider: entry["provider"]?.stringValue, required: entry["required"]?.boolValue ?? false,
                         requires: strings(entry["requires"]),
                         introduced: try release(entry["introduced"], context: name),
                         deprecation: try deprecation(entry["deprecation"], context: name),
                         aliases: strings(entry["aliases"]),
                         availability: entry["availability"]?.stringValue ?? "",
                         sensitive: entry["sensitive"]?.boolValue ?? false,
                         // The reference annotates some paths ("a.b (since ...)"): the path is the first word.
                         jsonPath: entry["jsonPath"]?.stringValue.flatMap { $0.split(separator: " ").first.map(String.init) })
    }

    /// `inherited`: the enclosing key's deprecation, whose cut-off covers old spellings of its fields.
    func decodeSpec(_ entry: JSONValue, context: String, inherited: Deprecation? = nil) throws(RegistryError) -> ValueSpec {
        guard let typeName = entry["type"]?.stringValue, let type = PolicyValueType(rawValue: typeName) else {
            throw RegistryError(message: "\(context): missing or unknown type")
        }
        var spec = ValueSpec(type: type)
        spec.allowed = try allowedValues(entry["allowed"], context: context)
        let keyDeprecation = try deprecation(entry["deprecation"], context: context) ?? inherited
        spec.formDeprecation = keyDeprecation
        for item in entry["deprecatedValues"]?.arrayValue ?? [] {
            guard let value = item["value"]?.stringValue else { throw RegistryError(message: "\(context): bad deprecated value") }
            var deprecation = keyDeprecation ?? Deprecation()
            deprecation.replacement = item["replacement"]?.stringValue
            spec.deprecatedValues.append(AllowedValue(value: value, deprecation: deprecation))
        }
        spec.deprecatedForms = strings(entry["deprecatedForms"])
        spec.min = entry["min"]?.numberValue?.doubleValue
        spec.max = entry["max"]?.numberValue?.doubleValue
        spec.maxLength = entry["maxLength"]?.numberValue?.intValue
        spec.pattern = entry["pattern"]?.stringValue
        spec.patternHint = entry["patternHint"]?.stringValue
        spec.patternIsAdvisory = entry["patternSeverity"]?.stringValue == "warning"
        spec.format = try format(entry["format"], context: context)
        spec.itemFormat = try format(entry["itemFormat"], context: context)
        spec.mapValueFormat = try format(entry["mapValues"], context: context)
        spec.itemAllowed = strings(entry["itemAllowed"])
        spec.valueAllowed = strings(entry["valueAllowed"])
        spec.nonEmpty = entry["nonEmpty"]?.boolValue ?? false
        spec.stringItemField = entry["stringItemField"]?.stringValue
        spec.defaultValue = entry["default"]
        for (old, new) in entry["deprecatedFields"]?.objectValue ?? JSONObject() {
            spec.deprecatedFields[old] = new.stringValue ?? ""
        }
        for (field, value) in entry["fields"]?.objectValue ?? JSONObject() {
            let path = "\(context).\(field)"
            spec.fields[field] = FieldSpec(spec: try decodeSpec(value, context: path, inherited: keyDeprecation),
                                           required: value["required"]?.boolValue ?? false,
                                           introduced: try release(value["introduced"], context: path))
        }
        for alternative in entry["alternatives"]?.arrayValue ?? [] {
            spec.alternatives.append(try decodeSpec(alternative, context: context, inherited: keyDeprecation))
        }
        if type == .enum && spec.allowed.isEmpty { throw RegistryError(message: "\(context): an enum needs allowed values") }
        return spec
    }

    func allowedValues(_ value: JSONValue?, context: String) throws(RegistryError) -> [AllowedValue] {
        var out: [AllowedValue] = []
        for item in value?.arrayValue ?? [] {
            if let s = item.stringValue {
                out.append(AllowedValue(value: s))
            } else if let s = item["value"]?.stringValue {
                out.append(AllowedValue(value: s, introduced: try release(item["introduced"], context: context)))
            } else {
                throw RegistryError(message: "\(context): bad allowed value")
            }
        }
        return out
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
        var cutoff: Date?
        let cutoffText = value["cutoff"]?.stringValue
        if let cutoffText {
            // FoundationEssentials' parser: the legacy ISO8601DateFormatter loads ICU's
            // locale and time-zone data (megabytes of it resident) for one date.
            guard let date = try? Date(cutoffText, strategy: .iso8601) else {
                throw RegistryError(message: "\(context): cut-off '\(cutoffText)' is not an ISO 8601 date-time")
            }
            cutoff = date
        }
        return Deprecation(since: try release(value["since"], context: context),
                           cutoffAnnounced: try release(value["cutoffAnnounced"], context: context),
                           replacement: value["replacement"]?.stringValue, cutoff: cutoff, cutoffText: cutoffText,
                           scope: value["scope"]?.stringValue, afterCutoff: value["afterCutoff"]?.stringValue)
    }
}
