import Documents
import Diagnostics

extension SchemaEvaluator {
    mutating func checkObject(_ node: SchemaNode, _ object: JSONObject, _ pointer: JSONPointer, _ ev: inout Evaluation) {
        for name in node.required where !object.contains(name) {
            ev.violations.append(violation(pointer, node.path("required"), "required", "must have required property '\(name)'"))
        }
        for (name, requires) in node.dependentRequired where object.contains(name) {
            for missing in requires where !object.contains(missing) {
                ev.violations.append(violation(pointer, node.path("dependentRequired") / name, "dependentRequired",
                                               "must have property '\(missing)' when property '\(name)' is present"))
            }
        }
        if let min = node.minProperties, object.count < min {
            ev.violations.append(violation(pointer, node.path("minProperties"), "minProperties", "must NOT have fewer than \(min) properties"))
        }
        if let max = node.maxProperties, object.count > max {
            ev.violations.append(violation(pointer, node.path("maxProperties"), "maxProperties", "must NOT have more than \(max) properties"))
        }
        for (name, target) in node.dependentSchemas where object.contains(name) {
            ev.absorb(evaluate(target, .object(object), at: pointer))
        }
        if let names = node.propertyNames {
            for key in object.keys {
                let result = evaluate(names, .string(key), at: pointer / key)
                if let first = result.violations.first {
                    ev.violations.append(violation(pointer / key, node.path("propertyNames"), "propertyNames",
                                                   "property name '\(key)' is invalid: \(first.message)"))
                }
            }
        }

        for (name, target) in node.properties {
            guard let value = object[name] else { continue }
            if annotates { ev.properties.insert(name) }
            ev.violations += evaluate(target, value, at: pointer / name).violations
        }
        var matchedByPattern: Set<String> = []
        for (regex, target) in node.patternProperties {
            for (key, value) in object {
                switch regex.match(key) {
                case .unmatched: continue
                case .matched: break
                case .undecided:
                    // Counted as matched, so additionalProperties does not report it twice.
                    matchedByPattern.insert(key)
                    ev.violations.append(violation(pointer / key, node.path("patternProperties") / regex.source,
                                                   "patternProperties", "property name " + Self.undecided(regex)))
                    continue
                }
                matchedByPattern.insert(key)
                if annotates { ev.properties.insert(key) }
                ev.violations += evaluate(target, value, at: pointer / key).violations
            }
        }
        if let extra = node.additionalProperties {
            for (key, value) in object where !node.declares(key) && !matchedByPattern.contains(key) {
                if annotates { ev.properties.insert(key) }
                if nodes[extra].boolean == false {
                    ev.violations.append(unexpected(key, in: object, node: node, keyword: "additionalProperties", at: pointer))
                } else {
                    ev.violations += evaluate(extra, value, at: pointer / key).violations
                }
            }
        }
        if let rest = node.unevaluatedProperties {
            for (key, value) in object where !ev.properties.contains(key) {
                if nodes[rest].boolean == false {
                    ev.violations.append(unexpected(key, in: object, node: node, keyword: "unevaluatedProperties", at: pointer))
                } else {
                    let result = evaluate(rest, value, at: pointer / key)
                    ev.violations += result.violations
                }
            }
            ev.properties.formUnion(object.keys)
        }
    }

    /// The violation for a member the schema does not allow, naming the declared property
    /// it most likely misspells.
    private func unexpected(_ key: String, in object: JSONObject, node: SchemaNode, keyword: String,
                            at pointer: JSONPointer) -> SchemaViolation {
        guard describes else { return violation(pointer / key, node.pointer, keyword, "") }
        let candidates = node.properties.map(\.name).filter { !object.contains($0) }
        let adjective = keyword == "additionalProperties" ? "additional" : "unevaluated"
        var message = "must NOT have \(adjective) property '\(key)'"
        var suggestion: String?
        if let close = Suggestions.closest(to: key, among: candidates) {
            message += " (did you mean '\(close)'?)"
            suggestion = "rename '\(key)' to '\(close)'"
        } else if !node.properties.isEmpty {
            let names = node.properties.map(\.name)
            let shown = names.prefix(12).joined(separator: ", ") + (names.count > 12 ? ", ..." : "")
            suggestion = "remove '\(key)'; allowed properties: \(shown)"
        }
        return violation(pointer / key, node.path(keyword), keyword, message, suggestion: suggestion)
    }

    mutating func checkArray(_ node: SchemaNode, _ array: [JSONValue], _ pointer: JSONPointer, _ ev: inout Evaluation) {
        if let min = node.minItems, array.count < min {
            ev.violations.append(violation(pointer, node.path("minItems"), "minItems", "must NOT have fewer than \(min) items"))
        }
        if let max = node.maxItems, array.count > max {
            ev.violations.append(violation(pointer, node.path("maxItems"), "maxItems", "must NOT have more than \(max) items"))
        }
        if node.uniqueItems, let (i, j) = Self.firstDuplicate(array) {
            ev.violations.append(violation(pointer, node.path("uniqueItems"), "uniqueItems",
                                           "must NOT have duplicate items (items ## \(j) and \(i) are identical)"))
        }
        for (index, target) in node.prefixItems.enumerated() where index < array.count {
            if annotates { ev.items.insert(index) }
            ev.violations += evaluate(target, array[index], at: pointer / index).violations
        }
        if let target = node.items, array.count > node.prefixItems.count {
            for index in node.prefixItems.count..<array.count {
                ev.violations += evaluate(target, array[index], at: pointer / index).violations
            }
            ev.allItems = true
        }
        if let target = node.contains {
            var matches = 0
            for (index, element) in array.enumerated() where verdict(target, element, at: pointer / index).isValid {
                matches += 1
                if annotates { ev.items.insert(index) }
            }
            let minimum = node.minContains ?? 1
            if matches < minimum {
                ev.violations.append(violation(pointer, node.path(node.minContains == nil ? "contains" : "minContains"),
                                               node.minContains == nil ? "contains" : "minContains",
                                               "must contain at least \(minimum) valid item(s)"))
            }
            if let maximum = node.maxContains, matches > maximum {
                ev.violations.append(violation(pointer, node.path("maxContains"), "maxContains",
                                               "must contain at most \(maximum) valid item(s)"))
            }
        }
        if let rest = node.unevaluatedItems, !ev.allItems {
            for index in array.indices where !ev.items.contains(index) {
                ev.violations += evaluate(rest, array[index], at: pointer / index).violations
            }
            ev.allItems = true
        }
    }

    /// The first pair of equal elements (JSON equality), as (earlier, later) indices.
    /// Elements are bucketed by a hash that agrees with JSON equality, so the work is
    /// linear in the array (comparing every pair was quadratic: 16k items took 42 s).
    static func firstDuplicate(_ array: [JSONValue]) -> (Int, Int)? {
        var buckets: [Int: [Int]] = [:]
        for j in array.indices {
            let key = JSONEquality.hashValue(array[j])
            if let earlier = buckets[key] {
                for i in earlier where JSONEquality.equal(array[i], array[j]) { return (i, j) }
            }
            buckets[key, default: []].append(j)
        }
        return nil
    }
}
