import Diagnostics
import Documents
import Foundation
import OpenCowork
import Schema

/// Upstream's validation, all errors at once: each layer against the partial schema
/// (every `required` removed), the merged config against the full schema. Layer
/// findings point into the layer's own file; merged findings through provenance.
public struct SchemaCheck: Sendable {
    public let full: JSONSchema
    public let partial: JSONSchema

    public init(schema: JSONSchema) {
        full = schema
        partial = schema.partial()
    }

    /// Loads and compiles a schema file; failures are findings at the schema file.
    public static func load(path: String) -> (SchemaCheck?, [Finding]) {
        do {
            let document = try DocumentLoader().load(path: path, format: .jsonc)
            do {
                return (SchemaCheck(schema: try JSONSchema(compiling: document.value)), [])
            } catch {
                return (nil, [Finding(.error, code: "schema-invalid", message: "the schema cannot be compiled: \(error.message)",
                                      location: document.location(of: error.schemaPointer))])
            }
        } catch {
            return (nil, [Finding(error)])
        }
    }

    public func run(layers: [Layer], merged: MergedConfig) -> [Finding] {
        var findings: [Finding] = []
        for layer in layers {
            let original = layer.document.value
            for violation in partial.validate(LayerSchemaView.view(of: original)) {
                var mapped = violation
                mapped.instancePointer = LayerSchemaView.originalPointer(violation.instancePointer, in: original)
                findings.append(mapped.finding(in: layer.document))
            }
        }
        // A mistake a layer already showed would show again in the merged config; report
        // it once, where it was written.
        let reported = Set(findings.map { "\($0.code) \($0.pointer?.description ?? "")" })
        let provenance = merged.provenance
        for violation in full.validate(merged.value) {
            var finding = violation.finding(in: nil)
            guard !reported.contains("\(finding.code) \(violation.instancePointer)") else { continue }
            finding.location = provenance.location(of: violation.instancePointer)
            findings.append(finding)
        }
        return findings
    }
}
