import Documents

/// The value types of the key registry. Every type is stored as a string in the OS
/// preference stores; this is the type of the decoded value.
public enum PolicyValueType: String, Sendable, CaseIterable {
    case string, boolean, integer
    /// A JSON array of strings.
    case stringArray
    /// A JSON object of string to string.
    case stringMap
    /// A JSON array of objects (managedMcpServers).
    case objectArray
    /// A JSON array of strings or `{name, ...}` objects (inferenceModels).
    case modelArray

    /// Arrays and objects travel as one JSON string in preference stores.
    public var isContainer: Bool {
        switch self {
        case .string, .boolean, .integer: return false
        default: return true
        }
    }
}

/// Syntactic rules a string value must follow.
public enum ValueFormat: String, Sendable, CaseIterable {
    case uuid
    case httpsURL = "https-url"
    case url
    case absolutePath = "absolute-path"
    case workspacePath = "workspace-path"
    case hostPattern = "host-pattern"
    case headerLine = "header-line"
    case otlpHeaders = "otlp-headers"
}

/// One allowed value of an enumerated string, with the release that added it and its
/// deprecation, if any.
public struct AllowedValue: Hashable, Sendable {
    public var value: String
    public var introduced: AppRelease?
    public var deprecation: Deprecation?
}

/// The type and constraints of a key or of a field inside a key's objects.
public struct ValueSpec: Sendable {
    public var type: PolicyValueType
    public var allowed: [AllowedValue] = []
    public var min: Int64?
    public var max: Int64?
    public var pattern: String?
    public var patternHint: String?
    public var format: ValueFormat?
    public var itemFormat: ValueFormat?
    public var itemAllowed: [String] = []
    /// Allowed values of a string map's values (toolPolicy).
    public var valueAllowed: [String] = []
    public var nonEmpty = false
    /// Fields of the objects in an objectArray / modelArray, by name.
    public var itemFields: [String: FieldSpec] = [:]
}

/// A field of the objects held by a key (e.g. `managedMcpServers[].url`).
public struct FieldSpec: Sendable {
    public var spec: ValueSpec
    public var required: Bool
    public var introduced: AppRelease?
}

/// One managed-preference key as the registry describes it.
public struct PolicyKey: Sendable {
    public var name: String
    public var section: String
    public var spec: ValueSpec
    public var defaultValue: JSONValue?
    public var description: String
    /// The provider whose credentials this key configures, if any.
    public var provider: String?
    /// Required whenever its provider is selected.
    public var required: Bool
    /// Keys that must be set for this one to take effect.
    public var requires: [String]
    public var introduced: AppRelease?
    public var introducedApproximate: Bool
    public var deprecation: Deprecation?

    public var type: PolicyValueType { spec.type }
}

/// A provider's requirements: each group lists keys of which at least one must be set.
public struct ProviderRequirements: Sendable {
    public var name: String
    public var requiredGroups: [[String]]
    public var introduced: AppRelease?
}
