import Foundation
import Documents
import Diagnostics

/// A problem inside one value, relative to the value (the validator adds the key).
struct ValueIssue {
    var severity: Severity = .error
    var code: FindingCode
    var message: String
    var sub: JSONPointer = .root
    var hint: String?
}

/// Checks a native value against a registry `ValueSpec`: type, allowed values, ranges,
/// patterns, formats, list items and object fields. Generic: it knows no key names.
struct ValueChecker {
    var target: AppRelease?
    var now: Date

    func check(_ value: JSONValue, _ spec: ValueSpec, label: String, at sub: JSONPointer = .root) -> [ValueIssue] {
        if !spec.alternatives.isEmpty, !matchesType(value, spec.type),
           let alternative = spec.alternatives.first(where: { matchesType(value, $0.type) }) {
            return check(value, alternative, label: label, at: sub)
        }
        if let form = deprecatedForm(value, spec) { return formIssues(form, spec, label: label, at: sub) }
        switch spec.type {
        case .string, .enum:
            guard let text = value.stringValue else { return [typeIssue(value, "a string", label, sub)] }
            return checkString(text, spec, label: label, at: sub)
        case .boolean:
            if value.boolValue != nil { return [] }
            // The vendor documents 1 and 0 as booleans.
            if let n = value.numberValue?.int64Value, n == 0 || n == 1 { return [] }
            return [typeIssue(value, "a boolean (true or false)", label, sub)]
        case .integer:
            guard let number = value.numberValue, number.isIntegerLiteral, let n = number.int64Value else {
                return [typeIssue(value, "an integer", label, sub)]
            }
            return rangeIssues(Double(n), literal: number.literal, spec, label, sub)
        case .number:
            guard let number = value.numberValue, number.doubleValue.isFinite else { return [typeIssue(value, "a number", label, sub)] }
            return rangeIssues(number.doubleValue, literal: number.literal, spec, label, sub)
        case .stringList:
            guard let items = value.arrayValue else { return [typeIssue(value, "a list of strings", label, sub)] }
            return checkStringList(items, spec, label: label, at: sub)
        case .object:
            guard let object = value.objectValue else { return [typeIssue(value, "a mapping", label, sub)] }
            return spec.fields.isEmpty ? checkMap(object, spec, label: label, at: sub) : checkFields(object, spec, label: label, at: sub)
        case .objectList:
            guard let items = value.arrayValue else { return [typeIssue(value, "a list", label, sub)] }
            var issues: [ValueIssue] = []
            for (index, item) in items.enumerated() {
                let itemLabel = "\(label)[\(index)]"
                if let field = spec.stringItemField, let text = item.stringValue {
                    if let fieldSpec = spec.fields[field] {
                        issues += check(.string(text), fieldSpec.spec, label: itemLabel, at: sub / index)
                    }
                    if text.trimmingCharacters(in: .whitespaces).isEmpty {
                        issues.append(ValueIssue(code: .policyEmptyName, message: "\(itemLabel) is empty", sub: sub / index))
                    }
                    continue
                }
                guard let object = item.objectValue else {
                    let expected = spec.stringItemField.map { "a string or an object with \($0)" } ?? "an object"
                    issues.append(ValueIssue(code: .policyType, message: "\(itemLabel) must be \(expected), not \(item.typeName)",
                                             sub: sub / index))
                    continue
                }
                issues += checkFields(object, spec, label: itemLabel, at: sub / index)
            }
            return issues
        }
    }

    func matchesType(_ value: JSONValue, _ type: PolicyValueType) -> Bool {
        switch type {
        case .string, .enum: return value.stringValue != nil
        case .boolean: return value.boolValue != nil
        case .integer, .number: return value.numberValue != nil
        case .stringList, .objectList: return value.arrayValue != nil
        case .object: return value.objectValue != nil
        }
    }

    /// The deprecated encoding a value uses, if any (`string`, `string[]`, `object`).
    func deprecatedForm(_ value: JSONValue, _ spec: ValueSpec) -> String? {
        guard !spec.deprecatedForms.isEmpty, !matchesType(value, spec.type) else { return nil }
        let form: String
        switch value {
        case .string: form = "string"
        case .array(let items) where items.allSatisfy({ $0.stringValue != nil }): form = "string[]"
        case .object: form = "object"
        default: return nil
        }
        return spec.deprecatedForms.contains(form) ? form : nil
    }

    func formIssues(_ form: String, _ spec: ValueSpec, label: String, at sub: JSONPointer) -> [ValueIssue] {
        let deprecation = spec.formDeprecation ?? Deprecation()
        let state = KeyLifecycle.state(of: deprecation, removed: false, target: target, now: now)
        return lifecycleIssue(state, deprecation, what: "\(label) written as a \(form)", expected: "a \(spec.type.rawValue)",
                              sub: sub, codes: (.policyFormDeprecated, .policyFormPastCutoff))
    }

    func lifecycleIssue(_ state: KeyLifecycle, _ deprecation: Deprecation, what: String, expected: String,
                        sub: JSONPointer, codes: (deprecated: FindingCode, pastCutoff: FindingCode)) -> [ValueIssue] {
        switch state {
        case .inForce: return []
        case .deprecated:
            let until = deprecation.cutoffDay.map { "; accepted until \($0)" } ?? ""
            return [ValueIssue(severity: .warning, code: codes.deprecated, message: "\(what) is deprecated\(until)", sub: sub,
                               hint: deprecation.replacement.map { "use \($0)" } ?? "write \(expected)")]
        case .rejected:
            let after = deprecation.afterCutoff.map { " (\($0))" } ?? ""
            return [ValueIssue(code: codes.pastCutoff,
                               message: "\(what) is no longer read: its cut-off \(deprecation.cutoffDay ?? "has") passed\(after)", sub: sub,
                               hint: deprecation.replacement.map { "use \($0)" } ?? "write \(expected)")]
        }
    }

    func checkStringList(_ items: [JSONValue], _ spec: ValueSpec, label: String, at sub: JSONPointer) -> [ValueIssue] {
        var issues: [ValueIssue] = []
        var seen: Set<String> = []
        for (index, item) in items.enumerated() {
            let at = sub / index
            guard let text = item.stringValue else {
                issues.append(typeIssue(item, "a string", "\(label)[\(index)]", at))
                continue
            }
            if !seen.insert(text).inserted {
                issues.append(ValueIssue(severity: .warning, code: .policyDuplicateItem,
                                         message: "\(label) lists '\(text)' more than once", sub: at))
            }
            if !spec.itemAllowed.isEmpty && !spec.itemAllowed.contains(text) {
                issues.append(ValueIssue(code: .policyAllowedValue, message: "'\(text)' is not a valid entry of \(label)", sub: at,
                                         hint: Suggestions.didYouMean(text, among: spec.itemAllowed)))
            }
            if let format = spec.itemFormat, let issue = FormatRules.check(text, format, label: "\(label)[\(index)]") {
                issues.append(ValueIssue(severity: issue.severity, code: issue.code, message: issue.message, sub: at, hint: issue.hint))
            }
        }
        return issues
    }

    /// A free-form map: string values, optionally from a closed list or in a format.
    func checkMap(_ object: JSONObject, _ spec: ValueSpec, label: String, at sub: JSONPointer) -> [ValueIssue] {
        var issues: [ValueIssue] = []
        for (name, item) in object {
            let itemLabel = "\(label).\(name)"
            if name.trimmingCharacters(in: .whitespaces).isEmpty {
                issues.append(ValueIssue(code: .policyEmptyName, message: "\(label) has an entry with an empty name", sub: sub / name))
            }
            guard let text = item.stringValue else {
                issues.append(typeIssue(item, "a string", itemLabel, sub / name))
                continue
            }
            if !spec.valueAllowed.isEmpty && !spec.valueAllowed.contains(text) {
                if let old = spec.deprecatedValues.first(where: { $0.value == text }), let deprecation = old.deprecation {
                    let state = KeyLifecycle.state(of: deprecation, removed: false, target: target, now: now)
                    issues += lifecycleIssue(state, deprecation, what: "\(itemLabel) '\(text)'", expected: "one of \(spec.valueAllowed)",
                                             sub: sub / name, codes: (.policyValueDeprecated, .policyValuePastCutoff))
                    continue
                }
                issues.append(ValueIssue(code: .policyAllowedValue,
                                         message: "\(itemLabel) is '\(text)'; allowed: \(spec.valueAllowed.joined(separator: ", "))",
                                         sub: sub / name, hint: Suggestions.didYouMean(text, among: spec.valueAllowed)))
            }
            if let format = spec.mapValueFormat, let issue = FormatRules.check(text, format, label: itemLabel) {
                issues.append(ValueIssue(severity: issue.severity, code: issue.code, message: issue.message, sub: sub / name, hint: issue.hint))
            }
            if spec.mapValueFormat == .headerValue, !FormatRules.isToken(name) {
                issues.append(ValueIssue(code: .policyHeaderSyntax, message: "\(itemLabel): '\(name)' is not a valid header name", sub: sub / name))
            }
        }
        return issues
    }

    func checkFields(_ object: JSONObject, _ spec: ValueSpec, label: String, at sub: JSONPointer) -> [ValueIssue] {
        var issues: [ValueIssue] = []
        for (name, field) in spec.fields.sorted(by: { $0.key < $1.key }) where field.required && object[name] == nil {
            issues.append(ValueIssue(code: .policyMissingField, message: "\(label) has no '\(name)'", sub: sub))
        }
        for (name, value) in object {
            let fieldLabel = "\(label).\(name)"
            guard let field = spec.fields[name] else {
                if let replacement = spec.deprecatedFields[name] {
                    let deprecation = Deprecation(replacement: replacement)
                    issues.append(ValueIssue(severity: .warning, code: .policyFieldDeprecated,
                                             message: "\(fieldLabel) is an old field name", sub: sub / name,
                                             hint: KeyLifecycle.replacementHint(deprecation)))
                    continue
                }
                issues.append(ValueIssue(code: .policyUnknownField, message: "\(fieldLabel) is not a known field", sub: sub / name,
                                         hint: Suggestions.didYouMean(name, among: spec.fields.keys.sorted())))
                continue
            }
            if let introduced = field.introduced, let target, target < introduced {
                issues.append(ValueIssue(severity: .warning, code: .policyFieldTooNew,
                                         message: "\(fieldLabel) needs app \(introduced) or later (targeting \(target))", sub: sub / name))
            }
            if name == "name", let text = value.stringValue, text.trimmingCharacters(in: .whitespaces).isEmpty {
                issues.append(ValueIssue(code: .policyEmptyName, message: "\(fieldLabel) is empty", sub: sub / name))
                continue
            }
            issues += check(value, field.spec, label: fieldLabel, at: sub / name)
        }
        return issues
    }

    func checkString(_ text: String, _ spec: ValueSpec, label: String, at sub: JSONPointer) -> [ValueIssue] {
        if spec.nonEmpty && text.trimmingCharacters(in: .whitespaces).isEmpty {
            return [ValueIssue(code: .policyEmptyValue, message: "\(label) must not be empty", sub: sub)]
        }
        if !spec.allowed.isEmpty {
            if let allowed = spec.allowed.first(where: { $0.value == text }) { return releaseIssues(allowed, label: label, at: sub) }
            if let old = spec.deprecatedValues.first(where: { $0.value == text }), let deprecation = old.deprecation {
                let state = KeyLifecycle.state(of: deprecation, removed: false, target: target, now: now)
                return lifecycleIssue(state, deprecation, what: "\(label) '\(text)'", expected: "one of the allowed values",
                                      sub: sub, codes: (.policyValueDeprecated, .policyValuePastCutoff))
            }
            let names = spec.allowed.map(\.value)
            return [ValueIssue(code: .policyAllowedValue, message: "\(label) is '\(text)'; allowed: \(names.joined(separator: ", "))",
                               sub: sub, hint: Suggestions.didYouMean(text, among: names))]
        }
        var issues: [ValueIssue] = []
        if let limit = spec.maxLength, text.count > limit {
            issues.append(ValueIssue(code: .policyTooLong, message: "\(label) has \(text.count) characters; at most \(limit) are shown", sub: sub))
        }
        if let pattern = spec.pattern, text.range(of: pattern, options: .regularExpression) == nil {
            issues.append(ValueIssue(severity: spec.patternIsAdvisory ? .warning : .error, code: .policyPattern,
                                     message: "\(label) '\(text)' does not match \(pattern)", sub: sub, hint: spec.patternHint))
        }
        if let format = spec.format, let issue = FormatRules.check(text, format, label: label) {
            issues.append(ValueIssue(severity: issue.severity, code: issue.code, message: issue.message, sub: sub, hint: issue.hint))
        }
        return issues
    }

    func releaseIssues(_ allowed: AllowedValue, label: String, at sub: JSONPointer) -> [ValueIssue] {
        guard let introduced = allowed.introduced, let target, target < introduced else { return [] }
        return [ValueIssue(severity: .warning, code: .policyValueTooNew,
                           message: "\(label) '\(allowed.value)' needs app \(introduced) or later (targeting \(target))", sub: sub)]
    }

    func typeIssue(_ value: JSONValue, _ expected: String, _ label: String, _ sub: JSONPointer) -> ValueIssue {
        var hint: String?
        if expected == "a string", value.numberValue != nil || value.boolValue != nil { hint = "quote the value" }
        return ValueIssue(code: .policyType, message: "\(label) must be \(expected), not \(value.typeName)", sub: sub, hint: hint)
    }

    func rangeIssues(_ n: Double, literal: String, _ spec: ValueSpec, _ label: String, _ sub: JSONPointer) -> [ValueIssue] {
        let below = spec.min.map { n < $0 } ?? false
        let above = spec.max.map { n > $0 } ?? false
        guard below || above else { return [] }
        func text(_ d: Double) -> String { JSONNumber(d).literal }
        let range: String
        switch (spec.min, spec.max) {
        case let (min?, max?): range = "\(text(min))–\(text(max))"
        case let (min?, nil): range = "at least \(text(min))"
        case let (nil, max?): range = "at most \(text(max))"
        default: range = "in range"
        }
        return [ValueIssue(code: .policyRange, message: "\(label) is \(literal); it must be \(range)", sub: sub)]
    }
}
