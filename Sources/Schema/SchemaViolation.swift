import Documents

/// One way an instance fails its schema: where in the instance, which keyword (and where
/// that keyword sits in the schema), a readable message in Ajv's words, and a fix when
/// one can be guessed.
public struct SchemaViolation: Hashable, Sendable, CustomStringConvertible {
    /// The offending value; for `additionalProperties` the offending member, for
    /// `required` the object missing the member.
    public var instancePointer: JSONPointer
    /// The schema location of the failing keyword within its schema document, e.g.
    /// `/properties/branding/properties/mediaSize/minimum` (through `$ref` targets, the
    /// location of the target, as Ajv's schemaPath).
    public var keywordPath: JSONPointer
    /// The failing keyword (`type`, `required`, `additionalProperties`, ...).
    public var keyword: String
    /// `must be >= 16`, `must have required property 'id'`, ...
    public var message: String
    /// A likely fix, such as the property name a typo was meant to be.
    public var suggestion: String?

    public init(instancePointer: JSONPointer, keywordPath: JSONPointer, keyword: String, message: String,
                suggestion: String? = nil) {
        self.instancePointer = instancePointer
        self.keywordPath = keywordPath
        self.keyword = keyword
        self.message = message
        self.suggestion = suggestion
    }

    public var description: String {
        instancePointer.isRoot ? message : "\(instancePointer): \(message)"
    }
}
