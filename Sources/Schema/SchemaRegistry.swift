import Documents

/// Additional schema documents by absolute URI, for `$ref`s that leave the schema being
/// compiled (shared definitions, the test suite's `remotes/`). Documents are indexed
/// by their own `$id` as well as by the URI given here.
public struct SchemaRegistry: Sendable {
    /// Documents keyed by URI without fragment, in the order they were added.
    public private(set) var documents: [(uri: String, schema: JSONValue)] = []

    public init() {}

    /// Registers `schema` as the document at `uri` (e.g. `http://localhost:1234/integer.json`).
    public mutating func add(_ schema: JSONValue, uri: String) {
        let key = URIReference(uri).withoutFragment
        documents.removeAll { $0.uri == key }
        documents.append((key, schema))
    }

    public var isEmpty: Bool { documents.isEmpty }
}
