import Documents

/// The keywords the compiler reads from a schema object, as data.
///
/// `SchemaCompiler.build` asks about forty of them of every schema object, and a schema
/// object holds a handful of members; matching each member to its keyword once (one
/// `KeywordTable` lookup per member) is cheaper than forty searches of the members.
enum SchemaKeyword: Int, CaseIterable {
    case id, ref, dynamicRef, defs
    case type, `enum`, const
    case properties, patternProperties, additionalProperties, propertyNames, required
    case dependentRequired, dependentSchemas, minProperties, maxProperties, unevaluatedProperties
    case prefixItems, items, contains, minContains, maxContains, minItems, maxItems, uniqueItems, unevaluatedItems
    case minLength, maxLength, pattern
    case minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf
    case allOf, anyOf, oneOf, not, `if`, then, `else`

    /// The keyword as it is spelled in a schema.
    var name: String {
        switch self {
        case .id: "$id"
        case .ref: "$ref"
        case .dynamicRef: "$dynamicRef"
        case .defs: "$defs"
        case .type: "type"
        case .enum: "enum"
        case .const: "const"
        case .properties: "properties"
        case .patternProperties: "patternProperties"
        case .additionalProperties: "additionalProperties"
        case .propertyNames: "propertyNames"
        case .required: "required"
        case .dependentRequired: "dependentRequired"
        case .dependentSchemas: "dependentSchemas"
        case .minProperties: "minProperties"
        case .maxProperties: "maxProperties"
        case .unevaluatedProperties: "unevaluatedProperties"
        case .prefixItems: "prefixItems"
        case .items: "items"
        case .contains: "contains"
        case .minContains: "minContains"
        case .maxContains: "maxContains"
        case .minItems: "minItems"
        case .maxItems: "maxItems"
        case .uniqueItems: "uniqueItems"
        case .unevaluatedItems: "unevaluatedItems"
        case .minLength: "minLength"
        case .maxLength: "maxLength"
        case .pattern: "pattern"
        case .minimum: "minimum"
        case .maximum: "maximum"
        case .exclusiveMinimum: "exclusiveMinimum"
        case .exclusiveMaximum: "exclusiveMaximum"
        case .multipleOf: "multipleOf"
        case .allOf: "allOf"
        case .anyOf: "anyOf"
        case .oneOf: "oneOf"
        case .not: "not"
        case .if: "if"
        case .then: "then"
        case .else: "else"
        }
    }

    /// Each keyword by its spelling.
    static let byName = KeywordTable(allCases.map { ($0.name, $0) })
}

/// A schema object's members, found by keyword.
struct SchemaKeywordMembers {
    let object: JSONObject
    /// For each keyword (by raw value), the position of its member in `object`, or -1.
    private var positions: [Int]

    init(_ object: JSONObject) {
        self.object = object
        positions = Array(repeating: -1, count: SchemaKeyword.allCases.count)
        let table = SchemaKeyword.byName
        // Members are unique in a JSONObject, so each keyword matches at most one.
        for (position, key) in object.keys.enumerated() {
            if let keyword = table[key] { positions[keyword.rawValue] = position }
        }
    }

    subscript(keyword: SchemaKeyword) -> JSONValue? {
        let position = positions[keyword.rawValue]
        // Not a ternary: its `nil` would be JSONValue's nil literal, JSON null.
        if position < 0 { return nil }
        return object.values[position]
    }
}
