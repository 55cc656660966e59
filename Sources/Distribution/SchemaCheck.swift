import Diagnostics
import Documents
import Foundation
import OpenCowork
import Schema

/// Upstream's validation, all errors at once: each layer against the partial schema
/// (upstream's rule: `JSONSchema.partial()`), the merged config against the full schema. Layer
/// findings point into the layer's own file; merged findings through provenance.
public struct SchemaCheck: Sendable {
    public let full: JSONSchema
    public let partial: JSONSchema
    private let fullResults = ValidationMemo()
    private let partialResults = ValidationMemo()

    public init(schema: JSONSchema) {
        full = schema
        partial = schema.partial()
    }

    /// `full.validate(value)`, evaluated once per distinct value: check and every
    /// emulated launch (one per delivery, again on each archive read back) validate the
    /// same bundled config, layer files and merged config.
    public func validateFull(_ value: JSONValue) -> [SchemaViolation] { fullResults.violations(of: value, by: full) }

    /// `partial.validate(value)`, evaluated once per distinct value.
    public func validatePartial(_ value: JSONValue) -> [SchemaViolation] { partialResults.violations(of: value, by: partial) }

    /// Loads and compiles a schema file; failures are findings at the schema file.
    public static func load(path: String) -> (SchemaCheck?, [Finding]) {
        do {
            let document = try DocumentLoader().load(path: path, format: .jsonc, digest: false)
            do {
                return (SchemaCheck(schema: try JSONSchema(compiling: document.value)), [])
            } catch {
                return (nil, [Finding(.error, code: .schemaInvalid, message: "the schema cannot be compiled: \(error.message)",
                                      location: document.location(of: error.schemaPointer))])
            }
        } catch {
            return (nil, [Finding(error)])
        }
    }

    /// Keywords that judge a string's text. On a string that still holds a placeholder
    /// the app judges the substituted text, which is unknown at build time, so a violation
    /// of one of these there becomes a note instead (provider options excepted: the app
    /// validates them raw, placeholder text and all).
    static let textKeywords: Set<String> = ["pattern", "format", "minLength", "maxLength", "enum", "const",
                                            "anyOf", "oneOf", "not"]

    /// The note for a text check skipped on placeholder text, or nil when the violation stands.
    static func deferred(_ violation: SchemaViolation, in value: JSONValue, location: SourceLocation?) -> Finding? {
        guard textKeywords.contains(violation.keyword), !PlaceholderScanner.isRawProviderOptions(violation.instancePointer),
              let text = value[violation.instancePointer]?.stringValue, PlaceholderScanner.containsPlaceholder(text)
        else { return nil }
        return Finding(.note, code: .schemaPlaceholderUnchecked,
                       message: "\(violation.keyword) is not checked on '\(text)': the app checks the text it substitutes at launch (\(violation.message) as written)",
                       location: location, pointer: violation.instancePointer,
                       hint: "make sure the value the placeholder stands for satisfies the schema")
    }

    public func run(layers: [Layer], merged: MergedConfig) -> [Finding] {
        var findings: [Finding] = []
        var notes: [Finding] = []
        for layer in layers {
            let original = layer.document.value
            let view = LayerSchemaView.view(of: original)
            for violation in partial.validate(view) {
                if let note = Self.deferred(violation, in: view, location: layer.document.location(
                    of: LayerSchemaView.originalPointer(violation.instancePointer, in: original))) {
                    notes.append(note)
                    continue
                }
                var mapped = violation
                mapped.instancePointer = LayerSchemaView.originalPointer(violation.instancePointer, in: original)
                findings.append(mapped.finding(in: layer.document))
            }
        }
        // A mistake a layer already showed would show again in the merged config; report
        // it once, where it was written.
        let reported = Set(findings.map { "\($0.code) \($0.pointer?.description ?? "")" })
        let provenance = merged.provenance
        // A document over the merged value lets messages print `agents[0]` as upstream does.
        let mergedDocument = Document(value: merged.value, file: "")
        for violation in validateFull(merged.value) {
            if let note = Self.deferred(violation, in: merged.value, location: provenance.location(of: violation.instancePointer)) {
                // Once per place: the layer that wrote the text has said it already.
                if !notes.contains(where: { $0.location == note.location }) { notes.append(note) }
                continue
            }
            var finding = violation.finding(in: mergedDocument)
            guard !reported.contains("\(finding.code) \(violation.instancePointer)") else { continue }
            finding.location = provenance.location(of: violation.instancePointer)
            findings.append(finding)
        }
        return findings + notes
    }
}

/// Schema results by instance value. A value hashes in one pass, far cheaper than an
/// evaluation; equal values have equal results, so a hit is exact.
final class ValidationMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [JSONValue: [SchemaViolation]] = [:]

    func violations(of value: JSONValue, by schema: JSONSchema) -> [SchemaViolation] {
        if let known = lock.withLock({ results[value] }) { return known }
        let found = schema.validate(value)
        lock.withLock { results[value] = found }
        return found
    }
}
