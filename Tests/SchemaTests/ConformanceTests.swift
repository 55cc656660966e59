import Foundation
import Testing
import Documents
@testable import Schema
import TestSupport

/// Runs the official JSON-Schema-Test-Suite (draft2020-12, top-level files) and enforces
/// minimum pass rates: every keyword the upstream config schema uses must pass fully.
@Suite struct ConformanceTests {
    static let suiteRoot = SharedData.path("testsuites/JSON-Schema-Test-Suite")
    /// Keyword files the upstream schema relies on: these must pass 100%.
    static let required100 = ["type", "ref", "defs", "properties", "additionalProperties", "required", "items", "enum",
                              "const", "minLength", "maxLength", "minimum", "maximum", "pattern", "anyOf", "oneOf",
                              "uniqueItems"]
    /// Excluded from the overall figure: remote refs, $dynamicRef and $vocabulary.
    static let excludedFromOverall = ["refRemote", "dynamicRef", "vocabulary"]

    struct FileResult { var name: String; var passed: Int; var total: Int; var failures: [String] }

    static func registry() throws -> SchemaRegistry {
        var registry = SchemaRegistry()
        let remotes = suiteRoot.appendingPathComponent("remotes")
        let walker = FileManager.default.enumerator(at: remotes, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "json" else { continue }
            let relative = String(url.path.dropFirst(remotes.path.count + 1))
            let document = try DocumentLoader().load(path: url.path, format: .json)
            registry.add(document.value, uri: "http://localhost:1234/" + relative)
        }
        let meta = try DocumentLoader().parse(bytes: Array(MetaschemaSubset.json.utf8), format: .json, file: "metaschema")
        registry.add(meta.value, uri: MetaschemaSubset.uri)
        return registry
    }

    static func run(file: URL, registry: SchemaRegistry) throws -> FileResult {
        let document = try DocumentLoader().load(path: file.path, format: .json)
        let name = file.deletingPathExtension().lastPathComponent
        var result = FileResult(name: name, passed: 0, total: 0, failures: [])
        for group in document.value.arrayValue ?? [] {
            let tests = group["tests"]?.arrayValue ?? []
            let description = group["description"]?.stringValue ?? "?"
            let schema: JSONSchema?
            do {
                schema = try JSONSchema(compiling: group["schema"] ?? .bool(true), registry: registry)
            } catch {
                schema = nil
                result.failures.append("\(description): compile error \(error)")
            }
            for test in tests {
                result.total += 1
                guard let schema, let data = test["data"], let expected = test["valid"]?.boolValue else { continue }
                if schema.isValid(data) == expected {
                    result.passed += 1
                } else {
                    result.failures.append("\(description) / \(test["description"]?.stringValue ?? "?")")
                }
            }
        }
        return result
    }

    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"))
    func draft2020_12() throws {
        let directory = Self.suiteRoot.appendingPathComponent("tests/draft2020-12")
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        try #require(files.count > 30)
        let registry = try Self.registry()
        var results: [String: FileResult] = [:]
        for file in files {
            let result = try Self.run(file: file, registry: registry)
            results[result.name] = result
            let percent = String(format: "%.1f", 100 * Double(result.passed) / Double(max(result.total, 1)))
            print("conformance \(result.name): \(result.passed)/\(result.total) (\(percent)%)")
            for failure in result.failures.prefix(8) { print("  failed: \(failure)") }
        }
        let counted = results.values.filter { !Self.excludedFromOverall.contains($0.name) }
        let passed = counted.map(\.passed).reduce(0, +), total = counted.map(\.total).reduce(0, +)
        print("conformance overall (excluding refRemote, dynamicRef, vocabulary): \(passed)/\(total) "
              + String(format: "(%.2f%%)", 100 * Double(passed) / Double(total)))
        for name in Self.required100 {
            let result = try #require(results[name], "missing test file \(name).json")
            #expect(result.passed == result.total, "\(name).json: \(result.passed)/\(result.total)")
        }
        #expect(Double(passed) >= 0.97 * Double(total), "overall \(passed)/\(total)")
    }

    /// The suite's optional regular-expression files: ECMA-262 meaning (`$` before a final
    /// newline, ASCII `\d` `\w`, `\s` including U+FEFF, `\p{...}` names) and code points
    /// beyond the BMP. Every test must pass: they are what the PCRE2 translation is for.
    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"), arguments: ["ecmascript-regex", "non-bmp-regex"])
    func optionalRegex(name: String) throws {
        let file = Self.suiteRoot.appendingPathComponent("tests/draft2020-12/optional/\(name).json")
        let result = try Self.run(file: file, registry: try Self.registry())
        print("conformance optional/\(name): \(result.passed)/\(result.total)")
        for failure in result.failures { print("  failed: \(failure)") }
        #expect(result.total > 10)
        #expect(result.passed == result.total, "optional/\(name).json: \(result.passed)/\(result.total)")
    }
}
