import Foundation
import Documents
import Diagnostics

/// A problem inside one value, relative to the value (the validator adds the key).
struct ValueIssue {
    var severity: Severity = .error
    var code: String
    var message: String
    var sub: JSONPointer = .root
    var hint: String?
}

/// Checks a native value against a registry `ValueSpec`: type, allowed values, ranges,
/// patterns, formats, list items and object fields. Generic: it knows no key names.
struct ValueChecker {
    var target: AppRelease?

    func check(_ value: JSONValue, _ spec: ValueSpec, label: String, at sub: JSONPointer = .root) -> [ValueIssue] {
        switch spec.type {
        case .string:
            guard let text = value.stringValue else { return [typeIssue(value, "a string", label, sub)] }
            return checkString(text, spec, label: label, at: sub)
        case .boolean:
            return value.boolValue == nil ? [typeIssue(value, "a boolean (true or false)", label, sub)] : []
        case .integer:
            guard let number = value.numberValue, number.isIntegerLiteral, let n = number.int64Value else {
                return [typeIssue(value, "an integer", label, sub)]
            }
            if let min = spec.min, n < min { return [rangeIssue(n, spec, label, sub)] }
            if let max = spec.max, n > max { return [rangeIssue(n, spec, label, sub)] }
            return []
        case .stringArray:
            guard let items = value.arrayValue else { return [typeIssue(value, "a list of strings", label, sub)] }
            var issues: [ValueIssue] = []
            var seen: Set<String> = []
            for (index, item) in items.enumerated() {
                let at = sub / index
                guard let text = item.stringValue else {
                    issues.append(typeIssue(item, "a string", "\(label)[\(index)]", at))
                    continue
                }
                if !seen.insert(text).inserted {
                    issues.append(ValueIssue(severity: .warning, code: "policy-duplicate-item",
                                             message: "\(label) lists '\(text)' more than once", sub: at))
                }
                if !spec.itemAllowed.isEmpty && !spec.itemAllowed.contains(text) {
                    issues.append(ValueIssue(code: "policy-allowed-value",
                                             message: "'\(text)' is not a valid entry of \(label)", sub: at,
                                             hint: Suggestions.didYouMean(text, among: spec.itemAllowed)))
                }
                if let format = spec.itemFormat, let issue = FormatRules.check(text, format, label: "\(label)[\(index)]") {
                    issues.append(ValueIssue(code: issue.code, message: issue.message, sub: at, hint: issue.hint))
                }
            }
            return issues
        case .stringMap:
            guard let object = value.objectValue else { return [typeIssue(value, "a mapping of strings", label, sub)] }
            var issues: [ValueIssue] = []
            for (name, item) in object {
                guard let text = item.stringValue else {
                    issues.append(typeIssue(item, "a string", "\(label).\(name)", sub / name))
                    continue
                }
                if !spec.valueAllowed.isEmpty && !spec.valueAllowed.contains(text) {
                    issues.append(ValueIssue(code: "policy-allowed-value",
                                             message: "\(label).\(name) is '\(text)'; allowed: \(spec.valueAllowed.joined(separator: ", "))",
                                             sub: sub / name, hint: Suggestions.didYouMean(text, among: spec.valueAllowed)))
                }
            }
            return issues
        case .objectArray, .modelArray:
            guard let items = value.arrayValue else { return [typeIssue(value, "a list", label, sub)] }
            var issues: [ValueIssue] = []
            for (index, item) in items.enumerated() {
                let itemLabel = "\(label)[\(index)]"
                if spec.type == .modelArray, let name = item.stringValue {
                    if name.trimmingCharacters(in: .whitespaces).isEmpty {
                        issues.append(ValueIssue(code: "policy-model-entry", message: "\(itemLabel) is an empty model ID", sub: sub / index))
                    }
                    continue
                }
                guard let object = item.objectValue else {
                    let expected = spec.type == .modelArray ? "a model ID or {name, supports1m}" : "an object"
                    issues.append(ValueIssue(code: spec.type == .modelArray ? "policy-model-entry" : "policy-type",
                                             message: "\(itemLabel) must be \(expected), not \(item.typeName)", sub: sub / index))
                    continue
                }
                issues += checkFields(object, spec, label: itemLabel, at: sub / index)
            }
            return issues
        }
    }

    func checkFields(_ object: JSONObject, _ spec: ValueSpec, label: String, at sub: JSONPointer) -> [ValueIssue] {
        var issues: [ValueIssue] = []
        for (name, field) in spec.itemFields.sorted(by: { $0.key < $1.key }) where field.required && object[name] == nil {
            issues.append(ValueIssue(code: "policy-missing-field", message: "\(label) has no '\(name)'", sub: sub))
        }
        for (name, value) in object {
            let fieldLabel = "\(label).\(name)"
            guard let field = spec.itemFields[name] else {
                issues.append(ValueIssue(code: "policy-unknown-field", message: "\(fieldLabel) is not a known field", sub: sub / name,
                                         hint: Suggestions.didYouMean(name, among: spec.itemFields.keys.sorted())))
                continue
            }
            if let introduced = field.introduced, let target, target < introduced {
                issues.append(ValueIssue(severity: .warning, code: "policy-field-too-new",
                                         message: "\(fieldLabel) needs app \(introduced) or later (targeting \(target))", sub: sub / name))
            }
            issues += check(value, field.spec, label: fieldLabel, at: sub / name)
        }
        return issues
    }

    func checkString(_ text: String, _ spec: ValueSpec, label: String, at sub: JSONPointer) -> [ValueIssue] {
        if spec.nonEmpty && text.trimmingCharacters(in: .whitespaces).isEmpty {
            return [ValueIssue(code: "policy-empty-value", message: "\(label) must not be empty", sub: sub)]
        }
        if !spec.allowed.isEmpty {
            guard let allowed = spec.allowed.first(where: { $0.value == text }) else {
                let names = spec.allowed.map(\.value)
                return [ValueIssue(code: "policy-allowed-value",
                                   message: "\(label) is '\(text)'; allowed: \(names.joined(separator: ", "))", sub: sub,
                                   hint: Suggestions.didYouMean(text, among: names))]
            }
            return releaseIssues(allowed, label: label, at: sub)
        }
        if let pattern = spec.pattern, text.range(of: pattern, options: .regularExpression) == nil {
            return [ValueIssue(code: "policy-pattern", message: "\(label) '\(text)' does not match \(pattern)", sub: sub,
                               hint: spec.patternHint)]
        }
        if let format = spec.format, let issue = FormatRules.check(text, format, label: label) {
            return [ValueIssue(code: issue.code, message: issue.message, sub: sub, hint: issue.hint)]
        }
        return []
    }

    func releaseIssues(_ allowed: AllowedValue, label: String, at sub: JSONPointer) -> [ValueIssue] {
        var issues: [ValueIssue] = []
        if let introduced = allowed.introduced, let target, target < introduced {
            issues.append(ValueIssue(severity: .warning, code: "policy-value-too-new",
                                     message: "\(label) '\(allowed.value)' needs app \(introduced) or later (targeting \(target))", sub: sub))
        }
        if let deprecation = allowed.deprecation, Self.applies(deprecation, to: target) {
            issues.append(ValueIssue(severity: .warning, code: "policy-value-deprecated",
                                     message: "\(label) '\(allowed.value)' is deprecated" + (deprecation.since.map { " since app \($0)" } ?? ""),
                                     sub: sub, hint: deprecation.replacement.map { "use \($0)" }))
        }
        return issues
    }

    /// A deprecation matters when no release is targeted (latest) or the target has it.
    static func applies(_ deprecation: Deprecation, to target: AppRelease?) -> Bool {
        guard let target, let since = deprecation.since else { return true }
        return since <= target
    }

    func typeIssue(_ value: JSONValue, _ expected: String, _ label: String, _ sub: JSONPointer) -> ValueIssue {
        var hint: String?
        if expected == "a string", value.numberValue != nil || value.boolValue != nil { hint = "quote the value" }
        return ValueIssue(code: "policy-type", message: "\(label) must be \(expected), not \(value.typeName)", sub: sub, hint: hint)
    }

    func rangeIssue(_ n: Int64, _ spec: ValueSpec, _ label: String, _ sub: JSONPointer) -> ValueIssue {
        let range: String
        switch (spec.min, spec.max) {
        case let (min?, max?): range = "\(min)–\(max)"
        case let (min?, nil): range = "at least \(min)"
        case let (nil, max?): range = "at most \(max)"
        default: range = "in range"
        }
        return ValueIssue(code: "policy-range", message: "\(label) is \(n); it must be \(range)", sub: sub)
    }
}
