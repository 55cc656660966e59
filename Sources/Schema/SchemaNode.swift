import Documents

/// One compiled (sub)schema: its keywords parsed into typed fields, subschemas as indices
/// into the compiled schema's node table (which lets `$ref` cycles exist without
/// reference cycles, and keeps the whole thing a Sendable value).
struct SchemaNode: Sendable {
    /// Where this schema object sits in its document; keyword paths extend it.
    var pointer: JSONPointer
    /// `true` / `false` for boolean schemas; nil for schema objects.
    var boolean: Bool?

    var ref: Int?
    var types: [String]?
    var enumValues: [JSONValue]?

    var properties: [(name: String, node: Int)] = []
    var patternProperties: [(regex: ECMARegex, node: Int)] = []
    var additionalProperties: Int?
    /// The names in `properties` as a set, kept when `additionalProperties` needs to tell
    /// declared members from the rest and there are more than `declaredNamesScanned`
    /// of them (empty otherwise: `declares` searches `properties`).
    var declaredNames: Set<String> = []
    /// Up to this many properties a search of `properties` is cheaper than building a set.
    static let declaredNamesScanned = 8
    var required: [String] = []

    var items: Int?
    var uniqueItems = false

    var pattern: ECMARegex?

    var allOf: [Int] = []
    var anyOf: [Int] = []
    var oneOf: [Int] = []

    /// The keywords few schema objects use (the list is `RareKeywords`), out of line:
    /// a node is copied at every evaluation step and the table holds one per subschema,
    /// so the common node stays small. Read and written through the properties of the
    /// same names (SchemaNode+RareKeywords.swift).
    var rare: RareKeywords?

    init(pointer: JSONPointer, boolean: Bool? = nil) {
        self.pointer = pointer
        self.boolean = boolean
    }

    /// The schema location of one of this node's keywords.
    func path(_ keyword: String) -> JSONPointer { pointer / keyword }

    /// Whether `properties` names `name`.
    func declares(_ name: String) -> Bool {
        if properties.count <= Self.declaredNamesScanned { return properties.contains { $0.name == name } }
        return declaredNames.contains(name)
    }
}

/// Which keywords hold subschemas, and how: the table both the resource indexer and the
/// `required` stripper walk, so that values of `enum`, `const` or unknown keywords are
/// never mistaken for schemas.
enum SubschemaKeywords {
    /// Keywords whose value is one schema.
    static let single: Set<String> = [
        "additionalProperties", "propertyNames", "items", "contains", "not", "if", "then", "else",
        "unevaluatedProperties", "unevaluatedItems", "contentSchema",
    ]
    /// Keywords whose value is an object of schemas.
    static let map: Set<String> = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]
    /// Keywords whose value is an array of schemas.
    static let list: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems"]

    enum Kind { case single, map, list }
    /// The three sets as one table: one lookup per member instead of up to three.
    static let kinds = KeywordTable(single.map { ($0, Kind.single) } + map.map { ($0, Kind.map) } + list.map { ($0, Kind.list) })

    /// Calls `visit` with every direct subschema of `schema` and its pointer.
    static func forEachSubschema(of schema: JSONObject, at pointer: JSONPointer,
                                 _ visit: (JSONValue, JSONPointer) throws -> Void) rethrows {
        for (keyword, value) in zip(schema.keys, schema.values) {
            switch kinds[keyword] {
            case .single?:
                try visit(value, pointer / keyword)
            case .map?:
                guard case .object(let members) = value else { continue }
                let mapPointer = pointer / keyword
                for (name, sub) in zip(members.keys, members.values) { try visit(sub, mapPointer / name) }
            case .list?:
                guard case .array(let elements) = value else { continue }
                let listPointer = pointer / keyword
                for (index, sub) in elements.enumerated() { try visit(sub, listPointer / index) }
            case nil:
                continue
            }
        }
    }

    /// Keywords through which upstream's partial schema removes `required`; a name
    /// follows the map-valued ones.
    static let partialSingle: Set<String> = ["items", "additionalProperties"]
    static let partialMap: Set<String> = ["properties", "$defs"]

    /// True when the schema at `pointer` is reached from its document's root only through
    /// `partialSingle` / `partialMap` steps (the root itself included).
    static func isRelaxedByPartial(_ pointer: JSONPointer) -> Bool {
        let tokens = pointer.tokens
        var i = 0
        while i < tokens.count {
            if partialSingle.contains(tokens[i]) {
                i += 1
            } else if partialMap.contains(tokens[i]), i + 1 < tokens.count {
                i += 2
            } else {
                return false
            }
        }
        return true
    }

    /// `schema` with `required` removed as upstream's partial schema removes it.
    static func removingRequired(_ schema: JSONValue) -> JSONValue {
        guard case .object(var object) = schema else { return schema }
        object["required"] = nil
        for (keyword, value) in object {
            if partialSingle.contains(keyword) {
                object[keyword] = removingRequired(value)
            } else if partialMap.contains(keyword), case .object(var members) = value {
                for (name, sub) in members { members[name] = removingRequired(sub) }
                object[keyword] = .object(members)
            }
        }
        return .object(object)
    }
}
