import Documents

extension SchemaEvaluator {
    /// allOf, anyOf, oneOf, not, if/then/else. Every branch is evaluated (annotations
    /// from every passing branch count for `unevaluated*`), but a failed anyOf/oneOf is
    /// reported as one violation plus, when exactly one branch is of the right kind, that
    /// branch's own violations — the ones the author most likely needs to see. Branches,
    /// `not` and `if` are first applied for their verdict only; the one branch reported
    /// is applied again to describe its violations.
    mutating func applyCombinators(_ node: SchemaNode, _ instance: JSONValue, _ pointer: JSONPointer, _ ev: inout Evaluation) {
        for target in node.allOf {
            ev.absorb(evaluate(target, instance, at: pointer))
        }
        if !node.anyOf.isEmpty {
            let results = node.anyOf.map { verdict($0, instance, at: pointer) }
            let passing = results.filter(\.isValid)
            for result in passing { ev.absorbAnnotations(result) }
            if passing.isEmpty {
                ev.violations.append(violation(pointer, node.path("anyOf"), "anyOf", "must match a schema in anyOf"))
                ev.violations += closestBranch(node.anyOf, results, instance, at: pointer)
            }
        }
        if !node.oneOf.isEmpty {
            let results = node.oneOf.map { verdict($0, instance, at: pointer) }
            let passing = results.indices.filter { results[$0].isValid }
            if passing.count == 1 {
                ev.absorbAnnotations(results[passing[0]])
            } else if passing.isEmpty {
                ev.violations.append(violation(pointer, node.path("oneOf"), "oneOf", "must match exactly one schema in oneOf"))
                ev.violations += closestBranch(node.oneOf, results, instance, at: pointer)
            } else {
                ev.violations.append(violation(pointer, node.path("oneOf"), "oneOf",
                                               "must match exactly one schema in oneOf (branches \(passing[0]) and \(passing[1]) both match)"))
            }
        }
        if let target = node.not, verdict(target, instance, at: pointer).isValid {
            ev.violations.append(violation(pointer, node.path("not"), "not", "must NOT be valid"))
        }
        if let condition = node.ifSchema {
            let test = verdict(condition, instance, at: pointer)
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
    /// `results` are the branches' verdicts; the chosen branch is applied again, to
    /// describe its violations, unless this evaluation is itself a verdict.
    mutating func closestBranch(_ branches: [Int], _ results: [Evaluation], _ instance: JSONValue,
                                at pointer: JSONPointer) -> [SchemaViolation] {
        let relevant = results.indices.filter { index in
            !results[index].violations.contains { $0.instancePointer == pointer && Self.kindKeywords.contains($0.keyword) }
        }
        guard relevant.count == 1 else { return [] }
        return describes ? evaluate(branches[relevant[0]], instance, at: pointer).violations : results[relevant[0]].violations
    }

    static let kindKeywords: Set<String> = ["type", "const", "enum", "false"]
}
