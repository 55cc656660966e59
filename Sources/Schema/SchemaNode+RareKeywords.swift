import Documents

/// The keywords of `SchemaNode` that few schema objects use, boxed so that a node
/// without any of them carries one nil reference instead of their ~400 bytes.
///
/// The box is shared between copies of a node and copied before a write when shared,
/// so nodes keep value semantics. It is written only while a node is compiled (or
/// relaxed by `partial()`), before the table is shared across threads; that is what the
/// unchecked Sendable rests on.
final class RareKeywords: @unchecked Sendable {
    struct Values {
        var dynamicRef: Int?
        var constValue: JSONValue?
        var propertyNames: Int?
        var dependentRequired: [(name: String, requires: [String])] = []
        var dependentSchemas: [(name: String, node: Int)] = []
        var minProperties: Int?
        var maxProperties: Int?
        var unevaluatedProperties: Int?
        var prefixItems: [Int] = []
        var contains: Int?
        var minContains: Int?
        var maxContains: Int?
        var minItems: Int?
        var maxItems: Int?
        var unevaluatedItems: Int?
        var minLength: Int?
        var maxLength: Int?
        var minimum: JSONNumber?
        var maximum: JSONNumber?
        var exclusiveMinimum: JSONNumber?
        var exclusiveMaximum: JSONNumber?
        var multipleOf: JSONNumber?
        var not: Int?
        var ifSchema: Int?
        var thenSchema: Int?
        var elseSchema: Int?
    }

    var values: Values

    init(_ values: Values = Values()) { self.values = values }
}

extension SchemaNode {
    var dynamicRef: Int? {
        get { rare?.values.dynamicRef ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.dynamicRef = newValue } }
    }
    var constValue: JSONValue? {
        get { rare?.values.constValue ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.constValue = newValue } }
    }
    var propertyNames: Int? {
        get { rare?.values.propertyNames ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.propertyNames = newValue } }
    }
    var dependentRequired: [(name: String, requires: [String])] {
        get { rare?.values.dependentRequired ?? [] }
        set { changeRare(unlessDefault: newValue.isEmpty) { $0.dependentRequired = newValue } }
    }
    var dependentSchemas: [(name: String, node: Int)] {
        get { rare?.values.dependentSchemas ?? [] }
        set { changeRare(unlessDefault: newValue.isEmpty) { $0.dependentSchemas = newValue } }
    }
    var minProperties: Int? {
        get { rare?.values.minProperties ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.minProperties = newValue } }
    }
    var maxProperties: Int? {
        get { rare?.values.maxProperties ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.maxProperties = newValue } }
    }
    var unevaluatedProperties: Int? {
        get { rare?.values.unevaluatedProperties ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.unevaluatedProperties = newValue } }
    }
    var prefixItems: [Int] {
        get { rare?.values.prefixItems ?? [] }
        set { changeRare(unlessDefault: newValue.isEmpty) { $0.prefixItems = newValue } }
    }
    var contains: Int? {
        get { rare?.values.contains ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.contains = newValue } }
    }
    var minContains: Int? {
        get { rare?.values.minContains ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.minContains = newValue } }
    }
    var maxContains: Int? {
        get { rare?.values.maxContains ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.maxContains = newValue } }
    }
    var minItems: Int? {
        get { rare?.values.minItems ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.minItems = newValue } }
    }
    var maxItems: Int? {
        get { rare?.values.maxItems ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.maxItems = newValue } }
    }
    var unevaluatedItems: Int? {
        get { rare?.values.unevaluatedItems ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.unevaluatedItems = newValue } }
    }
    var minLength: Int? {
        get { rare?.values.minLength ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.minLength = newValue } }
    }
    var maxLength: Int? {
        get { rare?.values.maxLength ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.maxLength = newValue } }
    }
    var minimum: JSONNumber? {
        get { rare?.values.minimum ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.minimum = newValue } }
    }
    var maximum: JSONNumber? {
        get { rare?.values.maximum ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.maximum = newValue } }
    }
    var exclusiveMinimum: JSONNumber? {
        get { rare?.values.exclusiveMinimum ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.exclusiveMinimum = newValue } }
    }
    var exclusiveMaximum: JSONNumber? {
        get { rare?.values.exclusiveMaximum ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.exclusiveMaximum = newValue } }
    }
    var multipleOf: JSONNumber? {
        get { rare?.values.multipleOf ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.multipleOf = newValue } }
    }
    var not: Int? {
        get { rare?.values.not ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.not = newValue } }
    }
    var ifSchema: Int? {
        get { rare?.values.ifSchema ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.ifSchema = newValue } }
    }
    var thenSchema: Int? {
        get { rare?.values.thenSchema ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.thenSchema = newValue } }
    }
    var elseSchema: Int? {
        get { rare?.values.elseSchema ?? nil }
        set { changeRare(unlessDefault: newValue == nil) { $0.elseSchema = newValue } }
    }

    /// Applies `change` to the boxed keywords, creating the box only for a value other
    /// than the default and copying it first when another node shares it.
    private mutating func changeRare(unlessDefault isDefault: Bool, _ change: (inout RareKeywords.Values) -> Void) {
        if rare == nil {
            if isDefault { return }
            rare = RareKeywords()
        } else if !isKnownUniquelyReferenced(&rare) {
            rare = RareKeywords(rare!.values)
        }
        change(&rare!.values)
    }
}
