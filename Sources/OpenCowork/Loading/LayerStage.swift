import Foundation
import Documents
import Diagnostics

/// Stage 3: parses the upstream config and each overlay in order (`.json`/`.jsonc` as
/// JSONC like upstream, `.yaml`/`.yml` as YAML) and resolves placeholders per layer.
public struct LayerStage: Sendable {
    public init() {}

    /// Returns every layer, or nil when a file cannot be read or is not an object.
    public func run(_ plan: LayerPlan) -> ([Layer]?, [Finding]) {
        var layers: [Layer] = []
        var findings: [Finding] = []
        var failed = false
        for (index, source) in plan.sources.enumerated() {
            let (layer, layerFindings) = load(source, index: index, plan: plan)
            findings += layerFindings
            if let layer { layers.append(layer) } else { failed = true }
        }
        let used = Set(layers.flatMap { $0.placeholders.filter { !$0.rawOption }.map(\.name) })
        for name in plan.resolve where !used.contains(name) {
            findings.append(Finding(.warning, code: .envResolveUnused,
                                    message: "env.resolve names \(name), but no layer uses {env:\(name)}"))
        }
        return (failed ? nil : layers, findings)
    }

    func load(_ source: LayerSource, index: Int, plan: LayerPlan) -> (Layer?, [Finding]) {
        let ext = source.path.pathExtension.lowercased()
        let format: DocumentFormat
        switch DocumentFormat(pathExtension: ext) {
        case .yaml?: format = .yaml
        case .json?, .jsonc?: format = .jsonc
        case nil:
            return (nil, [Finding(.error, code: .unknownFormat, message: "a layer must end in .json, .jsonc, .yaml or .yml",
                                  location: SourceLocation(file: source.displayName, line: 1, column: 1))])
        }
        var document: Document
        let bytes: [UInt8]
        do {
            bytes = try DocumentLoader.readFile(path: source.path.path, displayName: source.displayName,
                                                maxBytes: DocumentLimits.default.maxBytes)
            if LayerStage.isBlank(bytes) {
                // The app trims a config file and reads an empty one as {}.
                document = Document(value: .object(JSONObject()), file: source.displayName)
            } else {
                document = try DocumentLoader().parse(bytes: bytes, format: format, file: source.displayName)
            }
            document.source = SourceDigest(of: bytes)
        } catch {
            return (nil, [Finding(error)])
        }
        var findings = document.warnings.map { Finding(warning: $0) }
        if LayerStage.isBlank(bytes) {
            findings.append(Finding(.warning, code: .layerEmpty,
                                    message: "\(source.displayName) is empty; the app reads it as {} and it changes nothing",
                                    location: SourceLocation(file: source.displayName, line: 1, column: 1),
                                    hint: "add settings to it, or drop it from the overlays"))
        }
        guard case .object(var root) = document.value else {
            findings.append(Finding(.error, code: .layerNotObject,
                                    message: "a config layer must be an object (mapping), not \(document.value.typeName)",
                                    location: document.location(of: .root)))
            return (nil, findings)
        }
        if format == .yaml {
            // Top-level x-* keys only hold YAML anchors for reuse; they are not config.
            for key in root.keys where key.hasPrefix("x-") { root[key] = nil }
            document.value = .object(root)
        }
        var resolver = PlaceholderResolver(document: document, text: String(decoding: bytes, as: UTF8.self),
                                           source: source, layerIndex: index,
                                           resolve: Set(plan.resolve), environment: plan.environment)
        let value = resolver.run()
        document.value = value
        findings += resolver.findings
        let layer = Layer(index: index, name: source.name, path: source.path, document: document,
                          placeholders: resolver.uses, files: resolver.files, resolvedValues: resolver.resolvedValues.sorted())
        return (layer, findings)
    }

    /// True when the file holds only what JavaScript's `trim()` removes.
    static func isBlank(_ bytes: [UInt8]) -> Bool {
        return PlaceholderScanner.javaScriptTrimmed(String(decoding: bytes, as: UTF8.self)).isEmpty
    }
}
