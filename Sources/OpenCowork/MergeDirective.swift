import Documents
import Diagnostics

/// A list directive in an overlay: an object standing where an array is merged.
/// `$delete: true` removes the member it stands for.
enum MergeDirective {
    case append([JSONValue])
    case prepend([JSONValue])
    case upsert(key: String, items: [JSONValue])
    case remove(key: String?, values: [JSONValue])
    case delete

    /// A parsed directive, or the error that stopped it.
    enum Parsed { case ok(MergeDirective), failed(Finding) }

    static let names = ["$append", "$prepend", "$upsert", "$remove", "$delete"]

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
        switch name {
        case "$append", "$prepend":
            guard let items = payload.arrayValue else { return fail(.directiveValue, "\(name) takes a list, not \(payload.typeName)", here) }
            return .ok(name == "$append" ? .append(items) : .prepend(items))
        case "$delete":
            guard payload == .bool(true) else { return fail(.directiveValue, "$delete takes true, not \(JSONWriter.compact.string(payload))", here) }
            return .ok(.delete)
        case "$upsert", "$remove":
            let listKey = name == "$upsert" ? "items" : "values"
            guard let body = payload.objectValue else {
                return fail(.directiveValue, "\(name) takes {key: NAME, \(listKey): [...]}, not \(payload.typeName)", here)
            }
            for extra in body.keys where extra != "key" && extra != listKey {
                return fail(.directiveValue, "unknown member '\(extra)' in \(name)\(Suggestions.didYouMean(extra, among: ["key", listKey]))", here / extra, key: true)
            }
            let key = body["key"]?.stringValue
            if body["key"] != nil && key == nil { return fail(.directiveValue, "\(name).key must be a string", here / "key") }
            guard let list = body[listKey]?.arrayValue else { return fail(.directiveValue, "\(name) needs a '\(listKey)' list", here) }
            if name == "$remove" { return .ok(.remove(key: key, values: list)) }
            guard let key else { return fail(.directiveValue, "$upsert needs 'key': the member that identifies an element", here) }
            for (index, item) in list.enumerated() where item[key] == nil {
                return fail(.directiveUpsertKey, "$upsert item \(index) has no '\(key)' member", here / listKey / index)
            }
            return .ok(.upsert(key: key, items: list))
        default:
            return fail(.directiveUnknown, "unknown directive '\(name)'\(Suggestions.didYouMean(name, among: names))", here, key: true,
                        hint: "directives are \(names.joined(separator: ", "))")
        }
    }

    var name: String {
        switch self {
        case .append: return "$append"
        case .prepend: return "$prepend"
        case .upsert: return "$upsert"
        case .remove: return "$remove"
        case .delete: return "$delete"
        }
    }
}
