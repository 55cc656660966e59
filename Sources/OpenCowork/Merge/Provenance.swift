import Documents

/// Where a value of the merged config came from: which layer set it, at which
/// file:line:column, and the values it overrode, layer by layer.
public struct Provenance: Sendable {
    /// One setting of a pointer by a layer.
    public struct Origin: Sendable, Hashable {
        public var layerIndex: Int
        public var layerName: String
        /// file:line:column of the value (or directive) in its layer.
        public var location: SourceLocation
        /// The value the pointer held after this layer; nil when the layer deleted it.
        public var value: JSONValue?
        /// The list directive that produced the value (`$append`, ...), if any.
        public var directive: String?
    }

    /// Histories by pointer, oldest first.
    var histories: [JSONPointer: [Origin]] = [:]
    /// The merged value the histories describe.
    public internal(set) var merged: JSONValue = .object(JSONObject())

    public init() {}

    /// The layer and position that set the value now at `pointer`; nil when the merged
    /// config has no such value.
    public func origin(of pointer: JSONPointer) -> Origin? {
        guard merged[pointer] != nil else { return nil }
        return histories[pointer]?.last(where: { $0.value != nil })
    }

    /// Every setting of `pointer`, oldest first; the last is the current one (or a deletion).
    public func history(of pointer: JSONPointer) -> [Origin] { histories[pointer] ?? [] }

    /// The file:line:column that explains `pointer`: its own origin, else the nearest
    /// ancestor's. Validation rules use it to map merged-config pointers to source.
    public func location(of pointer: JSONPointer) -> SourceLocation? {
        var p: JSONPointer? = pointer
        while let current = p {
            if let origin = origin(of: current) { return origin.location }
            p = current.parent
        }
        return nil
    }

    /// The indices of the layers that set `pointer` or anything beneath it, ascending.
    public func layersTouching(_ pointer: JSONPointer) -> [Int] {
        var seen = Set<Int>()
        for (key, origins) in histories where key.hasPrefix(pointer) {
            for origin in origins { seen.insert(origin.layerIndex) }
        }
        return seen.sorted()
    }

    // MARK: - Recording (used by MergeStage)

    mutating func append(_ origin: Origin, at pointer: JSONPointer) {
        histories[pointer, default: []].append(origin)
    }

    /// Forgets everything beneath `pointer` (its old value was replaced whole).
    mutating func dropDescendants(of pointer: JSONPointer) {
        histories = histories.filter { !($0.key.hasPrefix(pointer) && $0.key != pointer) }
    }

    /// Records `value` and all its nodes as set by `layer`; `source` is the value's
    /// pointer in the layer's own document (it differs from `target` for directive items).
    mutating func record(_ value: JSONValue, at target: JSONPointer, from source: JSONPointer, layer: Layer, directive: String? = nil) {
        append(Origin(layerIndex: layer.index, layerName: layer.name, location: layer.document.location(of: source),
                      value: value, directive: directive), at: target)
        switch value {
        case .array(let items):
            for (index, item) in items.enumerated() { record(item, at: target / index, from: source / index, layer: layer) }
        case .object(let object):
            for (key, member) in object { record(member, at: target / key, from: source / key, layer: layer) }
        default:
            break
        }
    }

    /// Moves the histories of array elements under `pointer` to new indices:
    /// `mapping[new] = old` (nil for an element without a past).
    mutating func remapElements(at pointer: JSONPointer, mapping: [Int?]) {
        let depth = pointer.tokens.count
        var moved: [Int: [(rest: [String], origins: [Origin])]] = [:]
        for (key, origins) in histories where key.tokens.count > depth && key.hasPrefix(pointer) {
            guard let old = Int(key.tokens[depth]) else { continue }
            moved[old, default: []].append((Array(key.tokens[(depth + 1)...]), origins))
        }
        dropDescendants(of: pointer)
        for (new, old) in mapping.enumerated() {
            guard let old, let entries = moved[old] else { continue }
            for entry in entries {
                histories[JSONPointer(tokens: pointer.tokens + [String(new)] + entry.rest)] = entry.origins
            }
        }
    }
}
