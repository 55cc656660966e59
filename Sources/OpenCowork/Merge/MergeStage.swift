import Documents
import Diagnostics

/// Stage 4: upstream's `deepMerge` applied layer after layer, plus this tool's list
/// directives, recording the provenance of every value.
///
/// Without directives the result is exactly upstream's: arrays replace whole; an object
/// merges into the base value if that is an object, else into `{}`; any other value,
/// `null` included, replaces; `__proto__`, `constructor` and `prototype` are skipped;
/// base keys keep their position and new keys are appended in override order.
public struct MergeStage: Sendable {
    public init() {}

    static let skippedKeys: Set<String> = ["__proto__", "constructor", "prototype"]

    public func run(_ layers: [Layer]) -> (MergedConfig, [Finding]) {
        var state = MergeState()
        var result = JSONObject()
        for layer in layers {
            guard case .object(let root) = layer.document.value else { continue }
            result = state.mergeObject(result, root, target: .root, source: .root, layer: layer)
        }
        state.provenance.merged = .object(result)
        let config = MergedConfig(value: .object(result), provenance: state.provenance, layerNames: layers.map(\.name))
        return (config, state.findings)
    }

    /// Upstream's merge of two plain values, without directives or provenance.
    public static func deepMerge(_ base: JSONValue, _ override: JSONValue) -> JSONValue {
        guard case .object(let over) = override else { return override }
        var result = base.objectValue ?? JSONObject()
        for (key, value) in over where !skippedKeys.contains(key) {
            if case .object = value {
                result[key] = deepMerge(result[key] ?? .object(JSONObject()), value)
            } else {
                result[key] = value
            }
        }
        return .object(result)
    }
}

/// The mutable bookkeeping of one merge run.
struct MergeState {
    var provenance = Provenance()
    var findings: [Finding] = []

    mutating func mergeObject(_ base: JSONObject, _ override: JSONObject, target: JSONPointer, source: JSONPointer, layer: Layer) -> JSONObject {
        var result = base
        for (key, value) in override where !MergeStage.skippedKeys.contains(key) {
            let t = target / key, s = source / key
            guard case .object(let object) = value else {
                if let old = result[key], old.arrayValue != nil || old.objectValue != nil { provenance.dropDescendants(of: t) }
                result[key] = value
                provenance.record(value, at: t, from: s, layer: layer)
                continue
            }
            if MergeDirective.isCandidate(object) {
                let parsed = MergeDirective.parse(object, pointer: s) { layer.document.location(of: $0, preferKey: $1) }
                switch parsed {
                case .failed(let finding): findings.append(finding)
                case .ok(let directive): apply(directive, to: &result, key: key, target: t, source: s, layer: layer)
                }
                continue
            }
            let baseObject = result[key]?.objectValue
            if baseObject == nil, result[key] != nil { provenance.dropDescendants(of: t) }
            let merged = JSONValue.object(mergeObject(baseObject ?? JSONObject(), object, target: t, source: s, layer: layer))
            result[key] = merged
            if baseObject == nil {
                provenance.append(Provenance.Origin(layerIndex: layer.index, layerName: layer.name,
                                                    location: layer.document.location(of: s), value: merged, directive: nil), at: t)
            }
        }
        return result
    }

    private mutating func apply(_ directive: MergeDirective, to result: inout JSONObject, key: String,
                                target t: JSONPointer, source s: JSONPointer, layer: Layer) {
        let here = s / directive.name
        let location = layer.document.location(of: here, preferKey: true)
        if case .delete = directive {
            guard result[key] != nil else { return }
            result[key] = nil
            provenance.dropDescendants(of: t)
            provenance.append(Provenance.Origin(layerIndex: layer.index, layerName: layer.name, location: location,
                                                value: nil, directive: directive.name), at: t)
            return
        }
        guard let base = result[key]?.arrayValue else {
            let found = result[key].map { "is \($0.typeName)" } ?? "is absent"
            findings.append(Finding(.error, code: .directiveTarget, message: "\(directive.name) needs a list to work on, but '\(t.dotted())' \(found)",
                                    location: location, pointer: t, hint: "to set a new list, give the list itself instead of a directive"))
            return
        }
        // `entries` pairs each element with where it came from: an old index or a new item's pointer.
        var entries: [(value: JSONValue, old: Int?, item: JSONPointer?)] = base.enumerated().map { ($0.element, $0.offset, nil) }
        switch directive {
        case .append(let items):
            entries += items.enumerated().map { ($0.element, nil, here / $0.offset) }
        case .prepend(let items):
            entries = items.enumerated().map { ($0.element, nil, here / $0.offset) } + entries
        case .upsert(let name, let items):
            for (index, item) in items.enumerated() {
                let itemPointer = here / "items" / index
                if let at = entries.firstIndex(where: { $0.value[name] != nil && $0.value[name] == item[name] }) {
                    entries[at] = (item, nil, itemPointer)
                } else {
                    entries.append((item, nil, itemPointer))
                }
            }
        case .remove(let name, let values):
            entries.removeAll { entry in
                if let name { return entry.value[name].map(values.contains) ?? false }
                return values.contains(entry.value)
            }
        case .delete:
            return
        }
        let array = JSONValue.array(entries.map(\.value))
        result[key] = array
        provenance.remapElements(at: t, mapping: entries.map(\.old))
        provenance.append(Provenance.Origin(layerIndex: layer.index, layerName: layer.name, location: location,
                                            value: array, directive: directive.name), at: t)
        for (index, entry) in entries.enumerated() {
            if let item = entry.item { provenance.record(entry.value, at: t / index, from: item, layer: layer) }
        }
    }
}
