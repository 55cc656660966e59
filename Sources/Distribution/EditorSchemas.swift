import Documents
import ManagedPolicy
import OpenCowork

/// JSON Schemas (draft 2020-12) for editors, made from the definitions the readers use:
/// `ManifestShape` for distribution.yaml, the key registry and presets for a policy file.
/// `cowork-dist schema distribution|policy` prints them; a YAML file opts in with
/// `# yaml-language-server: $schema=<file or URL>`.
public enum EditorSchemas {
    public static let dialect = "https://json-schema.org/draft/2020-12/schema"

    /// The schema of distribution.yaml.
    public static func distribution() -> JSONValue {
        var schema = node(ManifestShape.root, description: "cowork-dist distribution.yaml (docs/distribution-yaml.md)")
        schema["$schema"] = .string(dialect)
        schema["$id"] = .string("https://cowork-dist.invalid/schemas/distribution.schema.json")
        schema["title"] = .string("cowork-dist distribution")
        return .object(schema)
    }

    /// The schema of a Cowork-on-3P policy file: `profile` plus every registry key.
    public static func policy(registry: KeyRegistry, presetNames: [String]) -> JSONValue {
        var properties = JSONObject()
        properties[PolicyLoader.profileKey] = [
            "description": "The security-profile preset this policy is layered over.",
            "enum": .array(presetNames.sorted().map { .string($0) }),
        ]
        for name in registry.names {
            guard let key = registry[name] else { continue }
            var value = spec(key.spec)
            var description = key.description
            if let provider = key.provider { description += " (provider: \(provider))" }
            if let deprecation = key.deprecation {
                description += " Deprecated" + (deprecation.replacement.map { "; use \($0)" } ?? "") + "."
            }
            if !description.isEmpty { value["description"] = .string(description) }
            if key.deprecation != nil { value["deprecated"] = true }
            properties[name] = .object(perPlatform(value))
        }
        return [
            "$schema": .string(dialect),
            "$id": "https://cowork-dist.invalid/schemas/policy.schema.json",
            "title": "cowork-dist Cowork-on-3P policy",
            "description": "A map from managed-preference key names to native values (docs/policy.md).",
            "type": "object",
            "properties": .object(properties),
            "additionalProperties": false,
        ]
    }

    /// A key's value, or the same value per platform (`{$platform: {macos: ..., default: ...}}`,
    /// docs/policy.md#per-platform-values); the description stays on the outside.
    static func perPlatform(_ value: JSONObject) -> JSONObject {
        var plain = value
        let description = plain["description"]
        plain["description"] = nil
        let deprecated = plain["deprecated"]
        plain["deprecated"] = nil
        var variants = JSONObject()
        for name in PolicyPlatform.allCases.map(\.rawValue) + [PlatformValues.fallback] { variants[name] = .object(plain) }
        let platform: JSONValue = [
            "type": "object", "additionalProperties": false, "required": [.string(PlatformValues.marker)],
            "properties": .object(JSONObject([(PlatformValues.marker, [
                "type": "object", "minProperties": 1, "additionalProperties": false, "properties": .object(variants),
            ])])),
        ]
        var out = JSONObject()
        if let description { out["description"] = description }
        if let deprecated { out["deprecated"] = deprecated }
        out["anyOf"] = [.object(plain), platform]
        return out
    }

    // MARK: - distribution.yaml

    static func node(_ type: ShapeType, description: String?) -> JSONObject {
        var out = JSONObject()
        if let description { out["description"] = .string(description) }
        switch type {
        case .string(let pattern, let choices):
            out["type"] = "string"
            out["minLength"] = .number(JSONNumber(1))
            if let pattern { out["pattern"] = .string(pattern) }
            if !choices.isEmpty { out["enum"] = .array(choices.map { .string($0) }) }
        case .stringList(let choices):
            var item = JSONObject([("type", "string"), ("minLength", .number(JSONNumber(1)))])
            if !choices.isEmpty { item["enum"] = .array(choices.map { .string($0) }) }
            out["type"] = "array"
            out["items"] = .object(item)
        case .object(let fields, let required, let oneOf):
            out["type"] = "object"
            var properties = JSONObject()
            for field in fields { properties[field.name] = .object(node(field.type, description: field.description)) }
            out["properties"] = .object(properties)
            out["additionalProperties"] = false
            if !required.isEmpty { out["required"] = .array(required.map { .string($0) }) }
            if !oneOf.isEmpty {
                out["oneOf"] = .array(oneOf.map { ["required": .array([.string($0)])] })
            }
        case .list(let item):
            out["type"] = "array"
            out["items"] = .object(node(item, description: nil))
        case .boolean:
            out["type"] = "boolean"
        }
        return out
    }

    // MARK: - Policy values

    static func spec(_ spec: ValueSpec) -> JSONObject {
        var out = JSONObject()
        switch spec.type {
        case .string:
            out["type"] = "string"
            if !spec.allowed.isEmpty { out["enum"] = .array(spec.allSpellings.map { .string($0.value) }) }
            if let pattern = spec.pattern, !spec.patternIsAdvisory { out["pattern"] = .string(pattern) }
            if spec.nonEmpty { out["minLength"] = .number(JSONNumber(1)) }
            if let maxLength = spec.maxLength { out["maxLength"] = .number(JSONNumber(maxLength)) }
        case .enum:
            out["type"] = "string"
            out["enum"] = .array(spec.allSpellings.map { .string($0.value) })
        case .boolean:
            // The vendor documents 1 and 0 as booleans too.
            out["anyOf"] = [["type": "boolean"], ["enum": [0, 1]]]
        case .integer, .number:
            out["type"] = spec.type == .integer ? "integer" : "number"
            if let min = spec.min { out["minimum"] = .number(JSONNumber(min)) }
            if let max = spec.max { out["maximum"] = .number(JSONNumber(max)) }
        case .stringList:
            var item = JSONObject([("type", "string")])
            if !spec.itemAllowed.isEmpty { item["enum"] = .array(spec.itemAllowed.map { .string($0) }) }
            out["type"] = "array"
            out["items"] = .object(item)
        case .object:
            if spec.fields.isEmpty {
                var value = JSONObject([("type", "string")])
                if !spec.valueAllowed.isEmpty { value["enum"] = .array(spec.valueAllowed.map { .string($0) }) }
                out["type"] = "object"
                out["additionalProperties"] = .object(value)
            } else {
                out = objectItem(spec)
            }
        case .objectList:
            out["type"] = "array"
            let item = objectItem(spec)
            out["items"] = spec.stringItemField == nil ? .object(item) : ["anyOf": .array([["type": "string"], .object(item)])]
        }
        if !spec.alternatives.isEmpty {
            return JSONObject([("anyOf", .array([.object(out)] + spec.alternatives.map { .object(Self.spec($0)) }))])
        }
        return out
    }

    static func objectItem(_ spec: ValueSpec) -> JSONObject {
        var properties = JSONObject()
        var required: [JSONValue] = []
        for name in spec.fields.keys.sorted() {
            guard let field = spec.fields[name] else { continue }
            properties[name] = .object(Self.spec(field.spec))
            if field.required { required.append(.string(name)) }
        }
        var out = JSONObject([("type", "object"), ("properties", .object(properties))])
        if !required.isEmpty { out["required"] = .array(required) }
        return out
    }
}
