import Documents

/// A schema that cannot be compiled: a keyword with a value of the wrong shape, a
/// pattern that is not a valid regular expression, a `$ref` that leads nowhere.
public struct SchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code: `schema-invalid-keyword`, `schema-invalid-pattern`, `schema-unresolved-ref`.
    public var code: FindingCode
    public var message: String
    /// Where in the schema document the problem lies.
    public var schemaPointer: JSONPointer

    public init(code: FindingCode, message: String, schemaPointer: JSONPointer) {
        self.code = code
        self.message = message
        self.schemaPointer = schemaPointer
    }

    public var description: String {
        schemaPointer.isRoot ? message : "\(message) (at \(schemaPointer))"
    }
}
