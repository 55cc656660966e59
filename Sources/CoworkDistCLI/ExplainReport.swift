import Documents
import Diagnostics
import OpenCowork

/// Text and JSON renderings of provenance for `explain`.
struct ExplainReport {
    let result: PipelineResult

    private func label(_ index: Int, _ name: String) -> String { "layer \(index) (\(name))" }

    private func originJSON(_ origin: Provenance.Origin, withValue: Bool) -> JSONValue {
        var object = JSONObject()
        object["layer"] = .number(JSONNumber(origin.layerIndex))
        object["name"] = .string(origin.layerName)
        object["file"] = .string(origin.location.file)
        object["line"] = .number(JSONNumber(origin.location.line))
        object["column"] = .number(JSONNumber(origin.location.column))
        if let directive = origin.directive { object["directive"] = .string(directive) }
        if withValue { object["value"] = origin.value ?? .null; object["deleted"] = .bool(origin.value == nil) }
        return .object(object)
    }

    /// The value at `pointer`, who set it and what it overrode; nil when absent.
    /// The version of `explain --format json` output (docs/cli.md); bumped on incompatible changes.
    static let formatVersion = 1

    func explain(_ pointer: JSONPointer, json: Bool) -> String? {
        guard let value = result.value[pointer] else { return nil }
        let provenance = result.provenance
        let origin = provenance.origin(of: pointer)
        let history = provenance.history(of: pointer)
        let overridden = history.isEmpty ? [] : Array(history.dropLast())
        if json {
            var object = JSONObject()
            object["formatVersion"] = .number(JSONNumber(Self.formatVersion))
            object["pointer"] = .string(pointer.description)
            object["value"] = value
            object["origin"] = origin.map { originJSON($0, withValue: false) } ?? .null
            object["location"] = provenance.location(of: pointer).map { .string($0.description) } ?? .null
            object["overrode"] = .array(overridden.reversed().map { originJSON($0, withValue: true) })
            return JSONWriter().string(.object(object))
        }
        var out = "\(pointer.isRoot ? "/" : pointer.description) = \(JSONWriter.compact.string(value))\n"
        if let origin {
            let via = origin.directive.map { " via \($0)" } ?? ""
            out += "  set by \(label(origin.layerIndex, origin.layerName))\(via) at \(origin.location)\n"
        } else if let location = provenance.location(of: pointer) {
            out += "  merged from several layers; nearest setting at \(location)\n"
        }
        if !overridden.isEmpty {
            out += "  overrode, newest first:\n"
            for old in overridden.reversed() {
                let shown = old.value.map { JSONWriter.compact.string($0) } ?? "(deleted)"
                let via = old.directive.map { " via \($0)" } ?? ""
                out += "    \(label(old.layerIndex, old.layerName))\(via) at \(old.location): \(shown)\n"
            }
        }
        return out
    }

    /// For each top-level key, the layers that touched it.
    func summary(json: Bool) -> String {
        let names = result.merged.layerNames
        let keys = result.value.objectValue?.keys ?? []
        if json {
            var object = JSONObject()
            object["formatVersion"] = .number(JSONNumber(Self.formatVersion))
            object["layers"] = .array(result.layers.map { layer in
                ["index": .number(JSONNumber(layer.index)), "name": .string(layer.name), "file": .string(layer.document.file)]
            })
            object["keys"] = .array(keys.map { key in
                let touching = result.provenance.layersTouching(JSONPointer.root / key)
                return ["key": .string(key), "layers": .array(touching.map { .number(JSONNumber($0)) })]
            })
            return JSONWriter().string(.object(object))
        }
        var out = "layers:\n"
        for layer in result.layers { out += "  \(layer.index) \(layer.name): \(layer.document.file)\n" }
        out += "top-level keys (layers that set something in them):\n"
        let width = keys.map(\.count).max() ?? 0
        for key in keys {
            let touching = result.provenance.layersTouching(JSONPointer.root / key)
            let text = touching.map { index in index < names.count ? "\(index) \(names[index])" : "\(index)" }
            out += "  \(key.padding(toLength: width, withPad: " ", startingAt: 0))  \(text.joined(separator: ", "))\n"
        }
        return out
    }

    /// " (did you mean ...)" for the first token that leads nowhere.
    func suggestion(for pointer: JSONPointer) -> String {
        var prefix = JSONPointer.root
        for token in pointer.tokens {
            let next = prefix / token
            guard result.value[next] != nil else {
                guard let keys = result.value[prefix]?.objectValue?.keys,
                      let near = Suggestions.closest(to: token, among: keys) else { return "" }
                return " (did you mean \(prefix / near)?)"
            }
            prefix = next
        }
        return ""
    }
}
