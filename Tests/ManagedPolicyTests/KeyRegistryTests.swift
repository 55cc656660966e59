import Foundation
import Testing
import Documents
import TestSupport
@testable import ManagedPolicy

/// Key and field names of the seed's tables, read from the seed text: rows `name | ...`
/// under a `| Setting |` or `| Key |` header are keys; under `| Field |` they are
/// managedMcpServers fields; other tables (platforms, value types) are skipped.
func seedNames() throws -> (keys: Set<String>, mcpFields: Set<String>) {
    let text = try String(contentsOf: SharedData.path("seeds/000_acbb93f7cab1ceb3.txt"), encoding: .utf8)
    enum Mode { case keys, fields, other }
    var mode = Mode.other
    var keys: Set<String> = [], fields: Set<String> = []
    for line in text.split(separator: "\n") {
        if line.contains("| Setting |") || line.contains("| Key |") { mode = .keys; continue }
        if line.contains("| Field |") { mode = .fields; continue }
        if line.hasPrefix("| ") { mode = .other; continue }
        guard let match = line.firstMatch(of: #/^([A-Za-z][A-Za-z0-9]*) \| /#) else { continue }
        switch mode {
        case .keys: keys.insert(String(match.1))
        case .fields: fields.insert(String(match.1))
        case .other: break
        }
    }
    return (keys, fields)
}

@Suite struct KeyRegistryTests {
    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"))
    func everySeedKeyIsInTheRegistry() throws {
        let registry = try KeyRegistry.load()
        let (keys, fields) = try seedNames()
        // The seed documents 43 keys and 8 managedMcpServers fields; a parser that finds far fewer is broken.
        #expect(keys.count >= 40)
        #expect(fields.count >= 7)
        #expect(keys.subtracting(registry.keys.keys).sorted() == [])
        let mcpFields = Set(registry["managedMcpServers"]?.spec.fields.keys.map { $0 } ?? [])
        #expect(fields.subtracting(mcpFields).sorted() == [])
    }

    @Test func registryEntriesAreComplete() throws {
        let registry = try KeyRegistry.load()
        #expect(registry.keys.count >= 46)
        for key in registry.keys.values {
            #expect(!key.section.isEmpty, "\(key.name) has no section")
            #expect(!key.description.isEmpty, "\(key.name) has no description")
            if let provider = key.provider { #expect(registry.providers[provider] != nil, "\(key.name)") }
            for required in key.requires { #expect(registry[required] != nil, "\(key.name) requires \(required)") }
        }
        #expect(registry["inferenceGatewayHeaders"]?.deprecation?.replacement == "inferenceCustomHeaders")
        #expect(registry["autoUpdaterEnforcementHours"]?.spec.max == 72)
        #expect(registry["inferenceTokenWindowHours"]?.spec.max == 720)
        #expect(registry["inferenceCredentialHelperTimeoutSec"]?.spec.max == 600)
        #expect(registry.orgPluginRoots["macos"] == "Library/Application Support/Claude/org-plugins")
    }

    @Test func brokenRegistryDataIsAnErrorNotACrash() {
        #expect(throws: RegistryError.self) { try KeyRegistry.parse(bytes: Array(#"{"keys": [{"name": "x"}]}"#.utf8), file: "r.json") }
        #expect(throws: RegistryError.self) { try KeyRegistry.parse(bytes: Array(#"{"keys": [{"name": "x", "type": "string", "format": "nope"}]}"#.utf8), file: "r.json") }
    }

    @Test func releasesCompareNumerically() throws {
        let a = try #require(AppRelease("1.9.0")), b = try #require(AppRelease("1.19367.0"))
        #expect(a < b)
        #expect(AppRelease("1.2") == AppRelease("1.2.0"))
        #expect(AppRelease("1.x") == nil)
    }

    @Test func bundledPresetsMatchTheTemplates() throws {
        let templates = TestPolicies.repoRoot.appendingPathComponent("templates/policy-presets")
        let names = try FileManager.default.contentsOfDirectory(atPath: templates.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names == ["locked-down.yaml", "restricted.yaml", "standard.yaml"])
        let resources = TestPolicies.repoRoot.appendingPathComponent("Sources/ManagedPolicy/Resources/presets")
        for name in names {
            let a = try Data(contentsOf: templates.appendingPathComponent(name))
            let b = try Data(contentsOf: resources.appendingPathComponent(name))
            #expect(a == b, "\(name) differs between templates/ and Resources/")
        }
        #expect(try PolicyPreset.bundled().keys.sorted() == ["locked-down", "restricted", "standard"])
    }
}
