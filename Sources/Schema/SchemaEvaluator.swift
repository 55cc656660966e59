import Foundation
import Documents
import Diagnostics

/// The outcome of applying one schema to one instance: its violations (all of them, as
/// Ajv's allErrors) and the annotations `unevaluatedProperties` / `unevaluatedItems`
/// need — which members and items were evaluated by a successful subschema.
struct Evaluation {
    var violations: [SchemaViolation] = []
    var properties: Set<String> = []
    var items: Set<Int> = []
    var allItems = false

    var isValid: Bool { violations.isEmpty }

    /// Takes a subschema's result: its violations always, its annotations only when it
    /// passed (annotations of failing subschemas are dropped, per the specification).
    mutating func absorb(_ other: Evaluation) {
        violations += other.violations
        if other.isValid { absorbAnnotations(other) }
    }

    mutating func absorbAnnotations(_ other: Evaluation) {
        properties.formUnion(other.properties)
        items.formUnion(other.items)
        allItems = allItems || other.allItems
    }
}

/// Walks a compiled node table over an instance. One evaluator per `validate` call.
struct SchemaEvaluator {
    let nodes: [SchemaNode]
    /// Deepest chain of nested evaluations before giving up (deeply recursive schemas
    /// applied to deeply nested instances).
    static let maxDepth = 300

    private struct Frame: Equatable { var node: Int; var instance: JSONPointer }
    /// `$ref` targets currently being applied at an instance location: meeting one again
    /// means the schema loops without consuming the instance. A stack (they are applied
    /// and left in nested order) searched linearly: it is as deep as the `$ref` chain,
    /// and a `Set` of a type of its own cost a scan of the binary's protocol
    /// conformances at its first use, which outweighed every lookup.
    private var activeRefs: [Frame] = []
    private var depth = 0

    /// Whether evaluated members and items are recorded: only `unevaluatedProperties`
    /// and `unevaluatedItems` read them, and most schemas have neither.
    let annotates: Bool

    /// False while a subschema is applied only to learn whether it passes (see `verdict`):
    /// its violations then record where and which keyword, all that the decisions read,
    /// without building the messages, schema paths and suggestions nobody will see.
    private(set) var describes = true

    init(nodes: [SchemaNode], annotates: Bool) {
        self.nodes = nodes
        self.annotates = annotates
    }

    mutating func evaluate(_ index: Int, _ instance: JSONValue, at pointer: JSONPointer) -> Evaluation {
        let node = nodes[index]
        var ev = Evaluation()
        if let flag = node.boolean {
            if !flag { ev.violations.append(violation(pointer, node.pointer, "false", "boolean schema is false")) }
            return ev
        }
        guard depth < Self.maxDepth else {
            ev.violations.append(violation(pointer, node.pointer, "$ref", "schema nesting is too deep (more than \(Self.maxDepth) levels)"))
            return ev
        }
        depth += 1
        defer { depth -= 1 }

        for (keyword, target) in [("$ref", node.ref), ("$dynamicRef", node.dynamicRef)] {
            guard let target else { continue }
            let frame = Frame(node: target, instance: pointer)
            if activeRefs.contains(frame) {
                ev.violations.append(violation(pointer, node.path(keyword), keyword, "$ref loops without consuming the instance"))
                continue
            }
            activeRefs.append(frame)
            ev.absorb(evaluate(target, instance, at: pointer))
            activeRefs.removeLast()
        }
        checkGeneric(node, instance, pointer, &ev)
        applyCombinators(node, instance, pointer, &ev)
        switch instance {
        case .object(let object): checkObject(node, object, pointer, &ev)
        case .array(let array): checkArray(node, array, pointer, &ev)
        case .string(let string): checkString(node, string, pointer, &ev)
        case .number(let number): checkNumber(node, number, pointer, &ev)
        default: break
        }
        return ev
    }

    /// `index` applied to `instance` for its verdict and annotations only: the violations
    /// carry their instance pointer and keyword but no message (`describes` is off). A
    /// valid config takes most anyOf/oneOf branches it meets through here and fails them
    /// all but one; describing those failures was most of the evaluation's work.
    mutating func verdict(_ index: Int, _ instance: JSONValue, at pointer: JSONPointer) -> Evaluation {
        let saved = describes
        describes = false
        defer { describes = saved }
        return evaluate(index, instance, at: pointer)
    }

    func violation(_ instance: JSONPointer, _ keywordPath: @autoclosure () -> JSONPointer, _ keyword: String,
                   _ message: @autoclosure () -> String, suggestion: @autoclosure () -> String? = nil) -> SchemaViolation {
        guard describes else { return SchemaViolation(instancePointer: instance, keywordPath: .root, keyword: keyword, message: "") }
        return SchemaViolation(instancePointer: instance, keywordPath: keywordPath(), keyword: keyword, message: message(),
                               suggestion: suggestion())
    }

    // MARK: Any type

    private func checkGeneric(_ node: SchemaNode, _ instance: JSONValue, _ pointer: JSONPointer, _ ev: inout Evaluation) {
        if let types = node.types, !types.contains(where: { Self.instance(instance, hasType: $0) }) {
            ev.violations.append(violation(pointer, node.path("type"), "type", "must be \(types.joined(separator: ","))",
                                           suggestion: Self.overflow(instance)))
        }
        if let constant = node.constValue, !JSONEquality.equal(constant, instance) {
            ev.violations.append(violation(pointer, node.path("const"), "const",
                                           "must be equal to constant \(Self.render(constant))"))
        }
        if let allowed = node.enumValues, !allowed.contains(where: { JSONEquality.equal($0, instance) }) {
            ev.violations.append(violation(pointer, node.path("enum"), "enum",
                                           "must be equal to one of the allowed values: \(allowed.map(Self.render).joined(separator: ", "))",
                                           suggestion: Self.closestAllowed(instance, allowed)))
        }
    }

    /// The hint for a number `type` refused because it is beyond a double's range.
    static func overflow(_ instance: JSONValue) -> String? {
        guard case .number(let n) = instance, !n.doubleValue.isFinite else { return nil }
        return "\(n.literal) is beyond the range of a double; the app reads it as Infinity"
    }

    /// The hint for a string `enum` refused: the allowed value it most likely meant.
    static func closestAllowed(_ instance: JSONValue, _ allowed: [JSONValue]) -> String? {
        guard let text = instance.stringValue,
              let close = Suggestions.closest(to: text, among: allowed.compactMap(\.stringValue)) else { return nil }
        return "did you mean '\(close)'?"
    }

    static func instance(_ value: JSONValue, hasType type: String) -> Bool {
        switch (type, value) {
        // Ajv in strict mode (strictNumbers) refuses non-finite numbers for both types, and
        // JavaScript reads a literal beyond Double's range, such as 1e400, as Infinity.
        case ("integer", .number(let n)): return n.doubleValue.isFinite && n.isWhole
        case ("number", .number(let n)): return n.doubleValue.isFinite
        case ("string", .string), ("boolean", .bool), ("null", .null),
             ("array", .array), ("object", .object): return true
        default: return false
        }
    }

    /// The message for a value the pattern engine gave up on: a violation, so a value
    /// nobody could check never passes as valid.
    static func undecided(_ regex: ECMARegex) -> String {
        "cannot be checked against pattern \"\(regex.source)\": matching stopped after \(ECMARegex.matchLimit) backtracking steps "
            + "(simplify the pattern: nested quantifiers such as (a+)+ backtrack exponentially)"
    }

    /// A value as messages show it: strings bare, everything else as compact JSON.
    static func render(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        return JSONWriter.compact.string(value)
    }

    // MARK: Strings and numbers

    private func checkString(_ node: SchemaNode, _ string: String, _ pointer: JSONPointer, _ ev: inout Evaluation) {
        if node.minLength != nil || node.maxLength != nil { checkLength(node, string, pointer, &ev) }
        guard let regex = node.pattern else { return }
        switch regex.match(string) {
        case .matched: break
        case .unmatched:
            ev.violations.append(violation(pointer, node.path("pattern"), "pattern", "must match pattern \"\(regex.source)\""))
        case .undecided:
            ev.violations.append(violation(pointer, node.path("pattern"), "pattern", Self.undecided(regex)))
        }
    }

    /// Lengths count code points (2020-12), which in UTF-8 are the bytes that do not
    /// continue a sequence: counted so, without decoding each scalar.
    private func checkLength(_ node: SchemaNode, _ string: String, _ pointer: JSONPointer, _ ev: inout Evaluation) {
        var length = 0
        for byte in string.utf8 where byte & 0xC0 != 0x80 { length += 1 }
        if let min = node.minLength, length < min {
            ev.violations.append(violation(pointer, node.path("minLength"), "minLength", "must NOT have fewer than \(min) characters"))
        }
        if let max = node.maxLength, length > max {
            ev.violations.append(violation(pointer, node.path("maxLength"), "maxLength", "must NOT have more than \(max) characters"))
        }
    }

    private func checkNumber(_ node: SchemaNode, _ number: JSONNumber, _ pointer: JSONPointer, _ ev: inout Evaluation) {
        let bounds: [(String, JSONNumber?, String, (JSONNumber, JSONNumber) -> Bool)] = [
            ("minimum", node.minimum, ">=", { $0 >= $1 }),
            ("maximum", node.maximum, "<=", { $0 <= $1 }),
            ("exclusiveMinimum", node.exclusiveMinimum, ">", { $0 > $1 }),
            ("exclusiveMaximum", node.exclusiveMaximum, "<", { $0 < $1 }),
        ]
        for (keyword, limit, symbol, holds) in bounds {
            guard let limit, !holds(number, limit) else { continue }
            ev.violations.append(violation(pointer, node.path(keyword), keyword, "must be \(symbol) \(limit.literal)"))
        }
        if let divisor = node.multipleOf, !MultipleOf.isMultiple(number, of: divisor) {
            ev.violations.append(violation(pointer, node.path("multipleOf"), "multipleOf", "must be multiple of \(divisor.literal)"))
        }
    }
}
