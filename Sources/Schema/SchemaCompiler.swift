import Foundation
import Documents

/// Turns a schema document (plus registry documents) into a table of `SchemaNode`s:
/// first indexes every resource (`$id`) and anchor, then compiles the root and, lazily,
/// every subschema and `$ref` target reachable from it. Each node compiles once, so
/// `$ref` cycles compile to cycles of indices.
struct SchemaCompiler {
    /// A schema position: which document, where in it.
    ///
    /// Its hash is kept, built a token at a time: a subschema's key is its parent's plus
    /// one token, so it costs that token's hash instead of its whole path's at every
    /// table lookup. The steps use the process's seeded `Hasher`, so which paths collide
    /// cannot be chosen by a schema's author.
    struct Key: Hashable {
        let document: Int
        let pointer: JSONPointer
        private let pathHash: Int

        init(document: Int, pointer: JSONPointer) {
            var pathHash = document.hashValue
            for token in pointer.tokens { pathHash = Self.step(pathHash, token) }
            self.init(document: document, pointer: pointer, pathHash: pathHash)
        }

        private init(document: Int, pointer: JSONPointer, pathHash: Int) {
            self.document = document
            self.pointer = pointer
            self.pathHash = pathHash
        }

        /// The key one token deeper.
        func appending(_ token: String) -> Key {
            Key(document: document, pointer: pointer / token, pathHash: Self.step(pathHash, token))
        }
        func appending(_ index: Int) -> Key { appending(String(index)) }

        /// Every key from the document root down to this one, root first.
        var ancestry: [Key] {
            var keys = [Key(document: document, pointer: .root)]
            for token in pointer.tokens { keys.append(keys[keys.count - 1].appending(token)) }
            return keys
        }

        private static func step(_ pathHash: Int, _ token: String) -> Int {
            var hasher = Hasher()
            hasher.combine(pathHash)
            hasher.combine(token)
            return hasher.finalize()
        }

        func hash(into hasher: inout Hasher) { hasher.combine(pathHash) }

        static func == (a: Key, b: Key) -> Bool {
            a.pathHash == b.pathHash && a.document == b.document && a.pointer == b.pointer
        }
    }

    /// Base URI used when neither the caller nor the root `$id` gives one.
    static let defaultBase = "https://schema.invalid/root.json"

    private var documents: [JSONValue] = []
    private var resources: [String: Key] = [:]
    private var anchors: [String: Key] = [:]
    private var bases: [Key: String] = [:]
    private var compiled: [Key: Int] = [:]
    private var regexes: [String: ECMARegex] = [:]
    /// `$ref` targets by base and reference text: a schema repeats the same few refs.
    /// Those of the base met last are kept apart (`recentRefs`), so the usual run of
    /// references under one base costs no hash of the base URI.
    private var resolvedRefs: [String: [String: Key]] = [:]
    private var recentBase = ""
    private var recentRefs: [String: Key] = [:]
    /// Each base URI without its fragment: the resource a `#...` reference stays in.
    private var baseResources: [String: String] = [:]
    /// Per document: the base URI recorded at its root, and whether a subschema below the
    /// root has an `$id` (only then is a `$ref` target's base found by walking its ancestry).
    private var documentBases: [(root: String?, nestedIDs: Bool)] = []
    private(set) var nodes: [SchemaNode] = []

    /// Compiles `schema` and returns the index of its root node.
    mutating func compile(_ schema: JSONValue, baseURI: String?, registry: SchemaRegistry) throws(SchemaError) -> Int {
        documents = [schema]
        documentBases = [(root: nil, nestedIDs: false)]
        var count = 0, path: [String] = []
        index(schema, document: 0, path: &path, base: baseURI ?? Self.defaultBase, count: &count)
        for (uri, document) in registry.documents {
            documents.append(document)
            documentBases.append((root: nil, nestedIDs: false))
            let key = Key(document: documents.count - 1, pointer: .root)
            if resources[uri] == nil { resources[uri] = key }
            index(document, document: key.document, path: &path, base: uri, count: &count)
        }
        // Every indexed subschema is usually compiled: room for all of them at once
        // spares the tables their rehashing as they grow.
        compiled.reserveCapacity(count)
        nodes.reserveCapacity(count)
        return try node(at: Key(document: 0, pointer: .root))
    }

    // MARK: Indexing

    /// Records resources, anchors and the base URI of every document root and every
    /// subschema with an `$id` (where the base changes); counts schemas.
    ///
    /// `path` is the subschema's position as a stack of tokens: a pointer is built only
    /// for the few subschemas recorded, not for every one walked.
    private mutating func index(_ value: JSONValue, document: Int, path: inout [String], base: String, count: inout Int) {
        // Boolean schemas (`additionalProperties: false`) are nodes too: counted, so the
        // tables reserved from `count` never grow.
        if case .bool = value { count += 1 }
        guard case .object(let object) = value else { return }
        count += 1
        var key: Key { Key(document: document, pointer: JSONPointer(tokens: path)) }
        // `$id`, `$anchor` and `$dynamicAnchor`, found in one pass that looks no further
        // than the first byte of any other member.
        var id: String?, anchor: String?, dynamicAnchor: String?
        for (name, member) in zip(object.keys, object.values) where name.utf8.first == UInt8(ascii: "$") {
            switch name {
            case "$id": id = member.stringValue
            case "$anchor": anchor = member.stringValue
            case "$dynamicAnchor": dynamicAnchor = member.stringValue
            default: continue
            }
        }
        var base = base
        if let id {
            base = URIReference(base).resolving(id).withoutFragment
            resources[base] = key
            bases[key] = base
        } else if path.isEmpty {
            resources[URIReference(base).withoutFragment] = key
            bases[key] = base
        }
        if path.isEmpty { documentBases[document].root = base } else if id != nil { documentBases[document].nestedIDs = true }
        if let anchor { anchors[base + "#" + anchor] = key }
        if let dynamicAnchor { anchors[base + "#" + dynamicAnchor] = key }
        // The walk of `SubschemaKeywords.forEachSubschema`, on the token stack.
        for (keyword, sub) in zip(object.keys, object.values) {
            switch SubschemaKeywords.kinds[keyword] {
            case .single?:
                path.append(keyword)
                index(sub, document: document, path: &path, base: base, count: &count)
                path.removeLast()
            case .map?:
                guard case .object(let members) = sub else { continue }
                path.append(keyword)
                for (name, member) in zip(members.keys, members.values) {
                    path.append(name)
                    index(member, document: document, path: &path, base: base, count: &count)
                    path.removeLast()
                }
                path.removeLast()
            case .list?:
                guard case .array(let elements) = sub else { continue }
                path.append(keyword)
                for (i, element) in elements.enumerated() {
                    path.append(String(i))
                    index(element, document: document, path: &path, base: base, count: &count)
                    path.removeLast()
                }
                path.removeLast()
            case nil:
                continue
            }
        }
    }

    /// The base URI in force at `key`: that of the nearest ancestor-or-self the indexer
    /// recorded (a document root or an `$id`). Subschemas compiled from their parent get
    /// it passed down instead; this walk serves `$ref` targets.
    private func base(of key: Key) -> String {
        // Most schemas set a base at the root only: then it is every subschema's.
        let document = documentBases[key.document]
        if !document.nestedIDs, let root = document.root { return root }
        for ancestor in key.ancestry.reversed() {
            if let base = bases[ancestor] { return base }
        }
        return Self.defaultBase
    }

    // MARK: Compiling

    /// The node at `key`; `known` is the schema value there when the caller holds it
    /// (a subschema of the object being built), which spares a walk from the root, and
    /// `inherited` the base URI in force at its parent (nil: looked up).
    private mutating func node(at key: Key, known: JSONValue? = nil, inherited: String? = nil) throws(SchemaError) -> Int {
        let index = nodes.count
        // One hash of the key: the slot is claimed for this node while it is looked up.
        if let existing = Self.claim(&compiled[key, default: -1], index) { return existing }
        guard let value = known ?? key.pointer.resolve(in: documents[key.document]) else {
            compiled[key] = nil
            throw SchemaError(code: .schemaUnresolvedRef, message: "no schema at \(key.pointer)",
                              schemaPointer: key.pointer)
        }
        nodes.append(SchemaNode(pointer: key.pointer))
        switch value {
        case .bool(let flag):
            nodes[index].boolean = flag
        case .object(let object):
            nodes[index] = try build(object, key: key, inherited: inherited)
        default:
            throw SchemaError(code: .schemaInvalidKeyword, message: "a schema must be an object or a boolean",
                              schemaPointer: key.pointer)
        }
        return index
    }

    /// The node already in `slot`, or nil after writing `next` into it (a new node).
    private static func claim(_ slot: inout Int, _ next: Int) -> Int? {
        if slot >= 0 { return slot }
        slot = next
        return nil
    }

    private mutating func build(_ object: JSONObject, key: Key, inherited: String?) throws(SchemaError) -> SchemaNode {
        var n = SchemaNode(pointer: key.pointer)
        let p = key.pointer
        let members = SchemaKeywordMembers(object)
        // The indexer recorded the base of every subschema with an `$id`; any other
        // subschema reached from its parent keeps the parent's.
        let base = members[.id] != nil || inherited == nil ? base(of: key) : inherited.unsafelyUnwrapped
        func value(_ keyword: SchemaKeyword) -> JSONValue? { members[keyword] }
        func sub(_ keyword: SchemaKeyword) throws(SchemaError) -> Int? {
            guard let value = value(keyword) else { return nil }
            return try node(at: key.appending(keyword.name), known: value, inherited: base)
        }
        func subList(_ keyword: SchemaKeyword) throws(SchemaError) -> [Int] {
            guard let value = value(keyword) else { return [] }
            guard case .array(let elements) = value else { throw invalid(keyword, "must be an array of schemas") }
            var result: [Int] = []
            let listKey = key.appending(keyword.name)
            for (i, element) in elements.enumerated() {
                result.append(try node(at: listKey.appending(i), known: element, inherited: base))
            }
            return result
        }
        func subMap(_ keyword: SchemaKeyword) throws(SchemaError) -> [(String, Int)] {
            guard let value = value(keyword) else { return [] }
            guard case .object(let members) = value else { throw invalid(keyword, "must be an object of schemas") }
            var result: [(String, Int)] = []
            result.reserveCapacity(members.count)
            let mapKey = key.appending(keyword.name)
            for (name, member) in zip(members.keys, members.values) {
                result.append((name, try node(at: mapKey.appending(name), known: member, inherited: base)))
            }
            return result
        }
        func count(_ keyword: SchemaKeyword) throws(SchemaError) -> Int? {
            guard let value = value(keyword) else { return nil }
            guard let number = value.numberValue, number.isWhole, let int = number.intValue, int >= 0 else {
                throw invalid(keyword, "must be a non-negative integer")
            }
            return int
        }
        func number(_ keyword: SchemaKeyword) throws(SchemaError) -> JSONNumber? {
            guard let value = value(keyword) else { return nil }
            guard let number = value.numberValue else { throw invalid(keyword, "must be a number") }
            return number
        }
        func invalid(_ keyword: SchemaKeyword, _ reason: String) -> SchemaError {
            SchemaError(code: .schemaInvalidKeyword, message: "'\(keyword.name)' \(reason)", schemaPointer: p / keyword.name)
        }

        if let ref = value(.ref) {
            guard let text = ref.stringValue else { throw invalid(.ref, "must be a string") }
            let target = try resolve(text, base: base, at: p / SchemaKeyword.ref.name)
            n.ref = try node(at: target)
        }
        if let ref = value(.dynamicRef)?.stringValue {
            // Resolved statically, like $ref (see docs/schema-validator.md).
            let target = try resolve(ref, base: base, at: p / SchemaKeyword.dynamicRef.name)
            n.dynamicRef = try node(at: target)
        }
        if let type = value(.type) {
            switch type {
            case .string(let name): n.types = [name]
            case .array(let names) where names.allSatisfy({ $0.stringValue != nil }): n.types = names.compactMap(\.stringValue)
            default: throw invalid(.type, "must be a type name or an array of type names")
            }
        }
        if let values = value(.`enum`) {
            guard case .array(let list) = values else { throw invalid(.`enum`, "must be an array") }
            n.enumValues = list
        }
        n.constValue = value(.const)

        n.properties = try subMap(.properties).map { (name: $0.0, node: $0.1) }
        for (source, index) in try subMap(.patternProperties) {
            n.patternProperties.append((try regex(source, at: p / "patternProperties" / source), index))
        }
        n.additionalProperties = try sub(.additionalProperties)
        if n.additionalProperties != nil && n.properties.count > SchemaNode.declaredNamesScanned {
            n.declaredNames = Set(n.properties.lazy.map(\.name))
        }
        n.propertyNames = try sub(.propertyNames)
        if let required = value(.required) {
            guard case .array(let names) = required, names.allSatisfy({ $0.stringValue != nil }) else {
                throw invalid(.required, "must be an array of strings")
            }
            n.required = names.compactMap(\.stringValue)
        }
        if case .object(let members)? = value(.dependentRequired) {
            n.dependentRequired = members.map { (name: $0.key, requires: $0.value.arrayValue?.compactMap(\.stringValue) ?? []) }
        }
        n.dependentSchemas = try subMap(.dependentSchemas).map { (name: $0.0, node: $0.1) }
        n.minProperties = try count(.minProperties)
        n.maxProperties = try count(.maxProperties)
        n.unevaluatedProperties = try sub(.unevaluatedProperties)

        n.prefixItems = try subList(.prefixItems)
        n.items = try sub(.items)
        n.contains = try sub(.contains)
        n.minContains = try count(.minContains)
        n.maxContains = try count(.maxContains)
        n.minItems = try count(.minItems)
        n.maxItems = try count(.maxItems)
        n.uniqueItems = value(.uniqueItems)?.boolValue ?? false
        n.unevaluatedItems = try sub(.unevaluatedItems)

        n.minLength = try count(.minLength)
        n.maxLength = try count(.maxLength)
        if let pattern = value(.pattern) {
            guard let source = pattern.stringValue else { throw invalid(.pattern, "must be a string") }
            n.pattern = try regex(source, at: p / "pattern")
        }
        n.minimum = try number(.minimum)
        n.maximum = try number(.maximum)
        n.exclusiveMinimum = try number(.exclusiveMinimum)
        n.exclusiveMaximum = try number(.exclusiveMaximum)
        n.multipleOf = try number(.multipleOf)
        // 2020-12: "strictly greater than 0"; 0 or a negative divisor has no meaning.
        if let divisor = n.multipleOf, divisor.literal.hasPrefix("-") || !divisor.hasNonZeroDigit {
            throw invalid(.multipleOf, "must be a number strictly greater than 0")
        }

        n.allOf = try subList(.allOf)
        n.anyOf = try subList(.anyOf)
        n.oneOf = try subList(.oneOf)
        n.not = try sub(.not)
        n.ifSchema = try sub(.`if`)
        n.thenSchema = try sub(.then)
        n.elseSchema = try sub(.`else`)
        // $defs are compiled only when referenced; an unreferenced broken definition is
        // still reported, as Ajv does, by compiling them here.
        _ = try subMap(.defs)
        return n
    }

    /// The pattern `source`, compiled the first time it is met (a schema repeats a few).
    private mutating func regex(_ source: String, at pointer: JSONPointer) throws(SchemaError) -> ECMARegex {
        if let cached = regexes[source] { return cached }
        guard let regex = ECMARegex(source) else { throw ECMARegex.invalid(source, at: pointer) }
        regexes[source] = regex
        return regex
    }

    /// The schema position a `$ref` value names, resolved against `base`.
    private mutating func resolve(_ reference: String, base: String, at pointer: JSONPointer) throws(SchemaError) -> Key {
        if base != recentBase {
            if !recentRefs.isEmpty { resolvedRefs[recentBase] = recentRefs }
            recentBase = base
            recentRefs = resolvedRefs[base] ?? [:]
        }
        if let known = recentRefs[reference] { return known }
        let key = try resolveUncached(reference, base: base, at: pointer)
        recentRefs[reference] = key
        return key
    }

    private mutating func resolveUncached(_ reference: String, base: String, at pointer: JSONPointer) throws(SchemaError) -> Key {
        let resourceURI: String, fragment: String
        if reference.utf8.first == UInt8(ascii: "#") {
            // The usual `#/$defs/...`: same resource as the base, whose text without its
            // fragment is what RFC 3986 resolution would rebuild for every reference.
            if let known = baseResources[base] {
                resourceURI = known
            } else {
                resourceURI = URIReference(base).withoutFragment
                baseResources[base] = resourceURI
            }
            fragment = String(reference.dropFirst())
        } else {
            let target = URIReference(base).resolving(reference)
            resourceURI = target.withoutFragment
            fragment = target.fragment ?? ""
        }
        var unresolved: SchemaError {
            SchemaError(code: .schemaUnresolvedRef, message: "cannot resolve $ref '\(reference)'", schemaPointer: pointer)
        }
        guard let resource = resources[resourceURI] else { throw unresolved }
        if fragment.isEmpty { return resource }
        if fragment.hasPrefix("/") {
            let decoded = fragment.utf8.contains(UInt8(ascii: "%")) ? (fragment.removingPercentEncoding ?? fragment) : fragment
            guard let tail = try? JSONPointer(parsing: decoded) else { throw unresolved }
            return Key(document: resource.document, pointer: JSONPointer(tokens: resource.pointer.tokens + tail.tokens))
        }
        guard let anchored = anchors[resourceURI + "#" + fragment] else { throw unresolved }
        return anchored
    }
}
