import Documents

/// How an overlay looks to the partial schema. A list directive stands where upstream
/// expects an array, so validating the raw layer would report the directive object
/// itself; instead each directive is shown as the elements it adds (`$append`,
/// `$prepend`, `$upsert` items), and `$remove`/`$delete` members, which add nothing,
/// are left out. `originalPointer` maps a pointer of the view back into the layer so
/// findings land on the line the user wrote.
public enum LayerSchemaView {
    public static func view(of value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items):
            return .array(items.map(view(of:)))
        case .object(let object):
            if let items = addedItems(object) { return .array(items.map(view(of:))) }
            var out = JSONObject()
            for (key, member) in object {
                if case .object(let inner) = member, removesOnly(inner) { continue }
                out[key] = view(of: member)
            }
            return .object(out)
        default:
            return value
        }
    }

    /// The pointer in the original layer value that `pointer` (into the view) stands for.
    public static func originalPointer(_ pointer: JSONPointer, in original: JSONValue) -> JSONPointer {
        var node: JSONValue? = original
        var tokens: [String] = []
        for token in pointer.tokens {
            if case .object(let object)? = node, MergeDirective.isCandidate(object), let key = object.keys.first,
               let path = MergeDirective.Name(rawValue: key)?.addedItemsPath {
                tokens += [key] + path
                node = JSONPointer(tokens: [key] + path).resolve(in: .object(object))
            }
            tokens.append(token)
            node = node.flatMap { JSONPointer(tokens: [token]).resolve(in: $0) }
        }
        return JSONPointer(tokens: tokens)
    }

    static func addedItems(_ object: JSONObject) -> [JSONValue]? { MergeDirective.addedItems(object)?.items }

    static func removesOnly(_ object: JSONObject) -> Bool { MergeDirective.removesOnly(object) }
}
