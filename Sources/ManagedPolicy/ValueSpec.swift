import Foundation
import Documents

/// The value types of the key registry, spelled as the vendor reference normalizes them.
/// Every type is stored as a string in the OS preference stores; this is the decoded type.
public enum PolicyValueType: String, Sendable, CaseIterable {
    case string, boolean, integer, number, object
    /// A string from a closed list (`allowed`).
    case `enum`
    /// A JSON array of strings.
    case stringList = "string[]"
    /// A JSON array of objects; some keys also take plain strings as items (`stringItemField`).
    case objectList = "object[]"

    /// Arrays and objects travel as one JSON string in preference stores.
    public var isContainer: Bool {
        switch self {
        case .string, .boolean, .integer, .number, .enum: return false
        case .object, .stringList, .objectList: return true
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
    /// An HTTP header value: no CR or LF (they would split the request).
    case headerValue = "header-value"
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
    /// Current values of an enum (the reference's `allowed_values`).
    public var allowed: [AllowedValue] = []
    /// Spellings still read until a cut-off, each with its replacement.
    public var deprecatedValues: [AllowedValue] = []
    /// Encodings other than the key's type that are deprecated (`string`, `string[]`, `object`).
    public var deprecatedForms: [String] = []
    /// The deprecation (and cut-off) that covers the deprecated forms and values.
    public var formDeprecation: Deprecation?
    public var min: Double?
    public var max: Double?
    public var maxLength: Int?
    public var pattern: String?
    public var patternHint: String?
    /// Pattern mismatches are warnings when the reference gives only examples (regions).
    public var patternIsAdvisory = false
    public var format: ValueFormat?
    public var itemFormat: ValueFormat?
    public var itemAllowed: [String] = []
    /// Allowed values of a map's values (toolPolicy, builtinToolPolicy).
    public var valueAllowed: [String] = []
    /// Format of a map's values (header values).
    public var mapValueFormat: ValueFormat?
    public var nonEmpty = false
    /// Fields of an object, or of the objects of an object list, by name. Empty for a
    /// free-form map of strings.
    public var fields: [String: FieldSpec] = [:]
    /// Old field names still read until a cut-off, with their replacement.
    public var deprecatedFields: [String: String] = [:]
    /// For object lists that also accept plain strings: the field a string item stands for.
    public var stringItemField: String?
    /// Other accepted shapes (e.g. `oauth` is a boolean or an object).
    public var alternatives: [ValueSpec] = []
    public var defaultValue: JSONValue?

    public init(type: PolicyValueType) { self.type = type }

    /// Every accepted enum spelling: current and deprecated.
    public var allSpellings: [AllowedValue] { allowed + deprecatedValues }
}

/// A field of the objects held by a key (e.g. `managedMcpServers[].url`).
public struct FieldSpec: Sendable {
    public var spec: ValueSpec
    public var required: Bool
    public var introduced: AppRelease?
}

/// Where a key stands in the vendor's documentation.
public enum KeyStatus: String, Sendable, CaseIterable {
    case current, deprecated, removed
    /// Read from the same sources but without effect on third-party inference.
    case not3P = "not-3p"
    /// Known only from the seed and third-party schema; absent from current vendor docs.
    case notInCurrentDocs = "not-in-current-docs"
}

/// One managed-preference key as the registry describes it.
public struct PolicyKey: Sendable {
    public var name: String
    public var status: KeyStatus
    public var section: String
    public var spec: ValueSpec
    public var defaultValue: JSONValue?
    public var description: String
    /// The provider whose connection this key configures, if any.
    public var provider: String?
    /// Required whenever its provider is selected.
    public var required: Bool
    /// Keys that must be set for this one to take effect.
    public var requires: [String]
    /// The first release that honours the key; nil when the sources do not say (unknown stays unknown).
    public var introduced: AppRelease?
    public var deprecation: Deprecation?
    /// Other names that mean this key (old spellings that have no record of their own).
    public var aliases: [String]
    /// Where the key may be delivered (MDM, bootstrap, local file), as the vendor words it.
    public var availability: String
    /// Values that may hold credentials.
    public var sensitive: Bool
    /// Where the nested (v2) bootstrap schema puts the key (dotted); nil when undocumented.
    public var jsonPath: String?

    public var type: PolicyValueType { spec.type }
}

/// A provider's requirements: each group lists keys of which at least one must be set,
/// and the credential alternatives (each a set of conditions that must all hold).
public struct ProviderRequirements: Sendable {
    public var name: String
    public var requiredGroups: [[String]]
    /// Each alternative is a list of `key` or `key=value` conditions.
    public var credentials: [[String]]
    /// What the app falls back to when no credential key is set (ADC, browser sign-in).
    public var credentialFallback: String?
    /// `required`, `optional`, or `required-unless:KEY`.
    public var models: String
    /// Another provider whose keys this one reads (mantle reads bedrock's).
    public var usesKeysOf: String?
    /// Keys of that other provider this one ignores.
    public var ignores: [String]
    public var introduced: AppRelease?
}

/// A key the app ignores because of another key's value.
public struct IgnoredKeyRule: Sendable {
    public var key: String
    /// Ignored when this condition holds (`KEY` set, or `KEY=value`).
    public var when: String?
    /// Ignored unless this condition holds.
    public var unless: String?
    public var reason: String
}
