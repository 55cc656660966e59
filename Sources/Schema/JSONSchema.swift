import Documents

/// A compiled JSON Schema (draft 2020-12). Compile once, then validate any number of
/// documents: keywords, `$ref` targets and regular expressions are resolved at
/// compile time.
///
///     let schema = try JSONSchema(compiling: schemaDocument.value)
///     let violations = schema.validate(config.value)
public struct JSONSchema: Sendable {
    private let nodes: [SchemaNode]
    private let root: Int
    /// Whether any node has `unevaluatedProperties` or `unevaluatedItems`, the only
    /// readers of which members and items were evaluated (found once, at compile time).
    private let annotates: Bool

    /// Compiles `schema`. `baseURI` names the document for relative `$ref`s and `$id`s
    /// (its own root `$id` wins); `registry` supplies other documents `$ref` may reach.
    /// Throws on malformed keywords, invalid patterns and unresolvable references.
    public init(compiling schema: JSONValue, baseURI: String? = nil, registry: SchemaRegistry = .init()) throws(SchemaError) {
        var compiler = SchemaCompiler()
        root = try compiler.compile(schema, baseURI: baseURI, registry: registry)
        nodes = compiler.nodes
        annotates = nodes.contains { $0.unevaluatedProperties != nil || $0.unevaluatedItems != nil }
    }

    private init(nodes: [SchemaNode], root: Int, annotates: Bool) {
        self.nodes = nodes
        self.root = root
        self.annotates = annotates
    }

    /// Every violation of `instance`, in schema-evaluation order; empty when it is valid.
    public func validate(_ instance: JSONValue) -> [SchemaViolation] {
        var evaluator = SchemaEvaluator(nodes: nodes, annotates: annotates)
        return evaluator.evaluate(root, instance, at: .root).violations
    }

    /// True when `instance` has no violations.
    public func isValid(_ instance: JSONValue) -> Bool { validate(instance).isEmpty }

    /// The partial schema each overlay layer is checked against, by upstream's exact rule
    /// (`cloneSchemaWithoutRequired`): `required` is dropped from the root and from every
    /// subschema reached from it only through `properties`, `items`,
    /// `additionalProperties` and `$defs` — so `$ref`s into `$defs` land on relaxed
    /// targets — but kept inside `allOf`/`anyOf`/`oneOf`/`not`/`if`/`then`/`else` and
    /// every other keyword, where a branch's `required` decides which branch matches.
    /// (Nodes of registry documents follow the same rule within their own document.)
    public func partial() -> JSONSchema {
        JSONSchema(nodes: nodes.map { node in
            var copy = node
            if SubschemaKeywords.isRelaxedByPartial(node.pointer) { copy.required = [] }
            return copy
        }, root: root, annotates: annotates)
    }

    /// `schema` as JSON with `required` removed where `partial()` removes it.
    public static func removingRequired(from schema: JSONValue) -> JSONValue {
        SubschemaKeywords.removingRequired(schema)
    }
}
