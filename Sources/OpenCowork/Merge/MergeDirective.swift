import Documents
import Diagnostics

/// A list directive in an overlay: an object standing where an array is merged.
/// `$delete: true` removes the member it stands for.
///
/// The one home of the `$` directive syntax: the merge (`MergeStage`), the partial-schema
/// view (`LayerSchemaView`) and the placeholder allow-list (`PlaceholderResolver`) ask here
/// rather than match the names themselves.
enum MergeDirective {
    case append([JSONValue])
    case prepend([JSONValue])
    case upsert(key: String, items: [JSONValue])
    case remove(key: String?, values: [JSONValue])
    case delete

    /// A parsed directive, or the error that stopped it.
    enum Parsed { case ok(MergeDirective), failed(Finding) }

    /// The directive keys.
    enum Name: String, CaseIterable {
        case append = "$append"
        case prepend = "$prepend"
        case upsert = "$upsert"
        case remove = "$remove"
        case delete = "$delete"

        /// Where, under the directive key, the elements it adds sit (`$upsert: {items:}`);
        /// nil for the directives that add nothing.
        var addedItemsPath: [String]? {
            switch self {
            case .append, .prepend: return []
            case .upsert: return ["items"]
            case .remove, .delete: return nil
            }
        }
    }

    static let names = Name.allCases.map(\.rawValue)

    /// The directive a candidate object holds alone, if it is a known one.
    static func soleName(_ object: JSONObject) -> Name? {
        guard isCandidate(object), object.count == 1, let key = object.keys.first else { return nil }
        return Name(rawValue: key)
    }

    /// The elements a lone directive adds and the tokens leading to them from the
    /// object (`["$upsert", "items"]`); nil for `$remove`/`$delete` and non-directives.
    static func addedItems(_ object: JSONObject) -> (tokens: [String], items: [JSONValue])? {
        guard let name = soleName(object), let path = name.addedItemsPath else { return nil }
        let tokens = [name.rawValue] + path
        guard let items = JSONPointer(tokens: tokens).resolve(in: .object(object))?.arrayValue else { return nil }
        return (tokens, items)
    }

    /// True for a lone `$remove` or `$delete`, which adds nothing to the layer's values.
    static func removesOnly(_ object: JSONObject) -> Bool {
        guard let name = soleName(object) else { return false }
        return name.addedItemsPath == nil
    }

    /// The names a value brings to a list: the list itself, or what an `$append` or
    /// `$prepend` directive adds to it.
    static func listOrAppended(_ value: JSONValue) -> [JSONValue]? {
        value.arrayValue ?? value[Name.append.rawValue]?.arrayValue ?? value[Name.prepend.rawValue]?.arrayValue
    }

    /// True when `object` should be read as a directive: a single `$`-key, or any key
    /// that is a directive name. (Other `$` keys, such as `$schema` beside ordinary
    /// members, stay ordinary data.)
    static func isCandidate(_ object: JSONObject) -> Bool {
        if object.count == 1, let key = object.keys.first, key.hasPrefix("$") { return true }
        // Look the few directive names up in the object, not every key up in the names:
        // this runs for each finding's pointer, and scanning a 12,000-key overlay each
        // time made `check` quadratic.
        return names.contains { object.contains($0) }
    }

    /// Parses a candidate; `at` locates a pointer of the layer for error positions.
    static func parse(_ object: JSONObject, pointer: JSONPointer, at: (JSONPointer, Bool) -> SourceLocation) -> Parsed {
        func fail(_ code: FindingCode, _ message: String, _ p: JSONPointer, key: Bool = false, hint: String? = nil) -> Parsed {
            .failed(Finding(.error, code: code, message: message, location: at(p, key), pointer: p, hint: hint))
        }
        guard object.count == 1, let name = object.keys.first, let payload = object[name] else {
            return fail(.directiveMixed, "a directive object holds exactly one directive; found keys \(object.keys.joined(separator: ", "))", pointer)
        }
        let here = pointer / name
        switch Name(rawValue: name) {
        case .append?, .prepend?:
            guard let items = payload.arrayValue else { return fail(.directiveValue, "\(name) takes a list, not \(payload.typeName)", here) }
            return .ok(name == Name.append.rawValue ? .append(items) : .prepend(items))
        case .delete?:
            guard payload == .bool(true) else { return fail(.directiveValue, "$delete takes true, not \(JSONWriter.compact.string(payload))", here) }
            return .ok(.delete)
        case .upsert?, .remove?:
            let listKey = name == Name.upsert.rawValue ? "items" : "values"
            guard let body = payload.objectValue else {
                return fail(.directiveValue, "\(name) takes {key: NAME, \(listKey): [...]}, not \(payload.typeName)", here)
            }
            for extra in body.keys where extra != "key" && extra != listKey {
                return fail(.directiveValue, "unknown member '\(extra)' in \(name)\(Suggestions.didYouMean(extra, among: ["key", listKey]))", here / extra, key: true)
            }
            let key = body["key"]?.stringValue
            if body["key"] != nil && key == nil { return fail(.directiveValue, "\(name).key must be a string", here / "key") }
            guard let list = body[listKey]?.arrayValue else { return fail(.directiveValue, "\(name) needs a '\(listKey)' list", here) }
            if name == Name.remove.rawValue { return .ok(.remove(key: key, values: list)) }
            guard let key else { return fail(.directiveValue, "$upsert needs 'key': the member that identifies an element", here) }
            for (index, item) in list.enumerated() where item[key] == nil {
                return fail(.directiveUpsertKey, "$upsert item \(index) has no '\(key)' member", here / listKey / index)
            }
            return .ok(.upsert(key: key, items: list))
        case nil:
            return fail(.directiveUnknown, "unknown directive '\(name)'\(Suggestions.didYouMean(name, among: names))", here, key: true,
                        hint: "directives are \(names.joined(separator: ", "))")
        }
    }

    var name: String {
        switch self {
        case .append: return Name.append.rawValue
        case .prepend: return Name.prepend.rawValue
        case .upsert: return Name.upsert.rawValue
        case .remove: return Name.remove.rawValue
        case .delete: return Name.delete.rawValue
        }
    }
}
