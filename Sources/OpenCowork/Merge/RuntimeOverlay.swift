import Documents

/// The smallest config file that, deep-merged by the app over its bundled config, gives
/// the checked config exactly.
///
/// Runtime delivery channels (a downstream root, a managed system file) are read by the
/// app as one more layer over the config it bundles: `deepMerge(bundled, overlay)`. A
/// shipped file that holds the *whole* merged config would freeze every upstream value
/// at build time; this one carries only what the distribution changed, so keys it never
/// touched keep following the app's own bundled config.
///
/// Some results cannot be reached by a runtime layer at all: deepMerge never removes a
/// key, and it keeps the base's key order. Those are returned as problems, each with the
/// pointer that asked for it, for the caller to report against the overlay line.
public struct RuntimeOverlay: Sendable {
    /// What a runtime layer cannot express.
    public struct Problem: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            /// The bundled config has the key; the checked config does not.
            case removedKey
            /// The keys are the same but in another order than deepMerge would produce.
            case keyOrder
        }
        public var kind: Kind
        public var pointer: JSONPointer
    }

    /// The overlay to ship; `{}` when the distribution changed nothing.
    public var value: JSONValue
    /// Results deepMerge cannot produce from the bundled config; empty when `value`
    /// reproduces the checked config exactly.
    public var problems: [Problem]

    /// Computes the overlay for `checked` over `bundled`. When the overlay carries any
    /// `{env:NAME}` placeholder, it also carries the checked `allowedEnvPlaceholders`,
    /// because the app checks placeholders against the allowlist of the *same file*.
    public static func minimal(bundled: JSONValue, checked: JSONValue) -> RuntimeOverlay {
        var problems: [Problem] = []
        var overlay = difference(bundled, checked, at: .root, problems: &problems) ?? .object(JSONObject())
        if containsEnvPlaceholder(overlay), let allowlist = checked["allowedEnvPlaceholders"],
           var object = overlay.objectValue, object["allowedEnvPlaceholders"] == nil {
            object["allowedEnvPlaceholders"] = allowlist
            overlay = .object(object)
        }
        // Key order is the one thing the member-wise difference cannot see: prove it.
        if problems.isEmpty, !deepMerge(bundled, overlay).isIdentical(to: checked) {
            problems.append(Problem(kind: .keyOrder, pointer: deepMerge(bundled, overlay).firstDifference(from: checked) ?? .root))
        }
        return RuntimeOverlay(value: overlay, problems: problems)
    }

    /// Whether any string in `value` holds an `{env:NAME}` placeholder.
    static func containsEnvPlaceholder(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): return PlaceholderScanner.scan(text).contains { $0.kind == .env }
        case .array(let items): return items.contains(where: containsEnvPlaceholder)
        case .object(let object): return object.contains { containsEnvPlaceholder($0.value) }
        default: return false
        }
    }

    /// Upstream's deepMerge (SPEC §2), the function the app applies to each layer.
    public static func deepMerge(_ base: JSONValue, _ override: JSONValue) -> JSONValue {
        MergeStage.deepMerge(base, override)
    }

    /// What `checked` needs on top of `base`, or nil when nothing.
    static func difference(_ base: JSONValue?, _ checked: JSONValue, at pointer: JSONPointer,
                           problems: inout [Problem]) -> JSONValue? {
        guard let base else { return checked }
        if base.isIdentical(to: checked) { return nil }
        guard case .object(let target) = checked else { return checked }
        // deepMerge merges an object into `{}` when the base is not an object, so the
        // whole object goes; over an object base only the changed members go.
        guard case .object(let baseObject) = base else { return checked }
        var result = JSONObject()
        for (key, value) in target {
            if let member = difference(baseObject[key], value, at: pointer / key, problems: &problems) {
                result[key] = member
            }
        }
        for (key, _) in baseObject where target[key] == nil && !MergeStage.skippedKeys.contains(key) {
            problems.append(Problem(kind: .removedKey, pointer: pointer / key))
        }
        // An object whose members all equal the base's but in another order: nothing a
        // layer can carry fixes that; the final proof reports it.
        return result.isEmpty ? nil : .object(result)
    }
}

extension JSONValue {
    /// Equality as the app sees the parsed config, including the order of object keys
    /// (`==` on objects ignores order).
    public func isIdentical(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.object(let a), .object(let b)):
            guard a.keys == b.keys else { return false }
            for (key, value) in a {
                guard let counterpart = b[key], value.isIdentical(to: counterpart) else { return false }
            }
            return true
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            return zip(a, b).allSatisfy { $0.isIdentical(to: $1) }
        default:
            return self == other
        }
    }

    /// The first pointer where `self` and `other` differ, key order included; nil when
    /// they are identical.
    public func firstDifference(from other: JSONValue, at pointer: JSONPointer = .root) -> JSONPointer? {
        switch (self, other) {
        case (.object(let x), .object(let y)):
            for key in x.keys where y[key] == nil { return pointer / key }
            for key in y.keys where x[key] == nil { return pointer / key }
            for (key, value) in x {
                if let counterpart = y[key], let found = value.firstDifference(from: counterpart, at: pointer / key) { return found }
            }
            return x.keys == y.keys ? nil : pointer
        case (.array(let x), .array(let y)):
            if x.count != y.count { return pointer }
            for (index, pair) in zip(x, y).enumerated() {
                if let found = pair.0.firstDifference(from: pair.1, at: pointer / index) { return found }
            }
            return nil
        default:
            return self == other ? nil : pointer
        }
    }
}
