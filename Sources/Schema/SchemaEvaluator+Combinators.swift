import Documents

extension SchemaEvaluator {
    /// allOf, anyOf, oneOf, not, if/then/else. Every branch is evaluated (annotations
    /// from every passing branch count for `unevaluated*`), but a failed anyOf/oneOf is
    /// reported as one violation plus, when exactly one branch is of the right kind, that
    /// branch's own violations — the ones the author most likely needs to see.
    mutating func applyCombinators(_ node: SchemaNode, _ instance: JSONValue, _ pointer: JSONPointer, _ ev: inout Evaluation) {
        for target in node.allOf {
            ev.absorb(evaluate(target, instance, at: pointer))
        }
        if !node.anyOf.isEmpty {
            let results = node.anyOf.map { evaluate($0, instance, at: pointer) }
            let passing = results.filter(\.isValid)
            for result in passing { ev.absorbAnnotations(result) }
            if passing.isEmpty {
                ev.violations.append(violation(pointer, node.path("anyOf"), "anyOf", "must match a schema in anyOf"))
                ev.violations += Self.closestBranch(results, at: pointer)
            }
        }
        if !node.oneOf.isEmpty {
            let results = node.oneOf.map { evaluate($0, instance, at: pointer) }
            let passing = results.indices.filter { results[$0].isValid }
            if passing.count == 1 {
                ev.absorbAnnotations(results[passing[0]])
            } else if passing.isEmpty {
                ev.violations.append(violation(pointer, node.path("oneOf"), "oneOf", "must match exactly one schema in oneOf"))
                ev.violations += Self.closestBranch(results, at: pointer)
            } else {
                ev.violations.append(violation(pointer, node.path("oneOf"), "oneOf",
                                               "must match exactly one schema in oneOf (branches \(passing[0]) and \(passing[1]) both match)"))
            }
        }
        if let target = node.not, evaluate(target, instance, at: pointer).isValid {
            ev.violations.append(violation(pointer, node.path("not"), "not", "must NOT be valid"))
        }
        if let condition = node.ifSchema {
            let test = evaluate(condition, instance, at: pointer)
            if test.isValid {
                ev.absorbAnnotations(test)
                if let then = node.thenSchema { ev.absorb(evaluate(then, instance, at: pointer)) }
            } else if let otherwise = node.elseSchema {
                ev.absorb(evaluate(otherwise, instance, at: pointer))
            }
        }
    }

    /// The violations of the one failing branch whose failure is not about the value's
    /// kind at this location (wrong type, const or enum); none when that is ambiguous.
    static func closestBranch(_ results: [Evaluation], at pointer: JSONPointer) -> [SchemaViolation] {
        let kindKeywords: Set<String> = ["type", "const", "enum", "false"]
        let relevant = results.filter { result in
            !result.violations.contains { $0.instancePointer == pointer && kindKeywords.contains($0.keyword) }
        }
        return relevant.count == 1 ? relevant[0].violations : []
    }
}
