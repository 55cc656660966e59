import Foundation
import Testing
import Documents
import Diagnostics
import TestSupport
@testable import ManagedPolicy

/// The vendor-key reference (`../shared/reference/cowork-3p/cowork-3p-keys.json`), read
/// in the test: every record is checked against the bundled registry and against what the
/// validator does with it. Figures are computed from the file and enforced as minimums.
enum Reference {
    static var url: URL { SharedData.path("reference/cowork-3p/cowork-3p-keys.json") }

    static func records() throws -> [JSONValue] {
        let document = try DocumentLoader().load(path: url.path)
        return try #require(document.value["keys"]?.arrayValue)
    }

    static func string(_ record: JSONValue, _ field: String) -> String? { record[field]?.stringValue }

    /// A value of the key's type that passes its own rules, for policies built by the tests.
    static func sample(_ key: PolicyKey) -> JSONValue {
        let spec = key.spec
        switch spec.type {
        case .boolean: return .bool(true)
        case .integer: return .number(JSONNumber(Int64(spec.min ?? 1)))
        case .number: return .number(JSONNumber(spec.min ?? 0.5))
        case .enum: return .string(spec.allowed.first?.value ?? "")
        case .stringList: return .array([])
        case .objectList: return .array([])
        case .object: return .object(JSONObject())
        case .string:
            switch spec.format {
            case .httpsURL?, .url?: return "https://example.com"
            case .absolutePath?: return "/usr/local/bin/helper"
            case .uuid?: return "3f2b8c1e-9a4d-4e7f-8b6a-1c2d3e4f5a6b"
            default: return "sample"
            }
        }
    }

    static let beforeCutoff = ISO8601DateFormatter().date(from: "2026-09-01T00:00:00Z")!
    static let afterCutoff = ISO8601DateFormatter().date(from: "2026-12-01T00:00:00Z")!
}

@Suite(.enabled(if: SharedData.isUsable, "needs ../shared/reference/cowork-3p"))
struct ReferenceConformanceTests {
    let registry: KeyRegistry

    init() throws { registry = try KeyRegistry.load() }

    func findings(_ values: [(String, JSONValue)], target: String? = nil, now: Date) -> [Finding] {
        var policy = ManagedPolicy()
        for (key, value) in values { policy.set(PolicyEntry(key: key, value: value)) }
        return PolicyValidator(registry: registry, target: target.flatMap(AppRelease.init), now: now).validate(policy)
    }

    func codes(_ findings: [Finding], key: String) -> Set<String> {
        Set(findings.filter { $0.pointer?.tokens.first == key }.map(\.code))
    }

    @Test func everyCurrentKeyMatchesTypeAllowedValuesAndDefault() throws {
        let records = try Reference.records()
        let current = records.filter { Reference.string($0, "status") == "current" }
        // The reference holds 129 records, 116 of them current; far fewer means a broken read.
        #expect(records.count >= 129)
        #expect(current.count >= 116)
        var checked = 0
        for record in current {
            let name = try #require(Reference.string(record, "name"))
            guard let key = registry[name] else {
                Issue.record("\(name) is in the reference but not in the registry")
                continue
            }
            #expect(key.status == .current, "\(name)")
            #expect(key.type.rawValue == Reference.string(record, "type"), "\(name): type")
            let allowed = record["allowed_values"]?.arrayValue?.compactMap(\.stringValue)
            #expect((allowed ?? []) == key.spec.allowed.map(\.value), "\(name): allowed values")
            let itemAllowed = record["item_allowed_values"]?.arrayValue?.compactMap(\.stringValue)
            #expect((itemAllowed ?? []) == key.spec.itemAllowed, "\(name): item allowed values")
            let expectedDefault: JSONValue? = record["default"].flatMap { $0.isNull ? Optional<JSONValue>.none : $0 }
            #expect(key.defaultValue == expectedDefault, "\(name): default")
            #expect(key.spec.min == record["min"]?.numberValue?.doubleValue, "\(name): min")
            #expect(key.spec.max == record["max"]?.numberValue?.doubleValue, "\(name): max")
            let introduced = Reference.string(record, "introduced").flatMap(AppRelease.init)
            #expect(key.introduced == introduced, "\(name): introduced")
            let provider = Reference.string(record, "provider").flatMap { $0 == "none" ? nil : $0 }
            #expect(key.provider == provider, "\(name): provider")
            let fields = Set((record["fields"]?.objectValue?.keys ?? []).filter { !$0.contains(".") && !$0.contains("/") })
            #expect(fields.isSubset(of: Set(key.spec.fields.keys)), "\(name): fields \(fields.subtracting(key.spec.fields.keys))")
            checked += 1
        }
        #expect(checked >= 116)
    }

    @Test func everyRecordHasItsStatusAndDeprecation() throws {
        for record in try Reference.records() {
            let name = try #require(Reference.string(record, "name"))
            let key = try #require(registry[name], "\(name) missing")
            #expect(key.status.rawValue == Reference.string(record, "status"), "\(name): status")
            guard let deprecation = record["deprecation"], deprecation.objectValue != nil else {
                #expect(key.deprecation == nil, "\(name): deprecation")
                continue
            }
            let recorded = try #require(key.deprecation, "\(name): deprecation missing")
            #expect(recorded.replacement == deprecation["replacement"]?.stringValue, "\(name): replacement")
            if let cutoff = deprecation["cutoff"]?.stringValue {
                #expect(recorded.cutoffDay == String(cutoff.prefix(10)), "\(name): cut-off")
            } else {
                #expect(recorded.cutoff == nil, "\(name): cut-off")
            }
        }
    }

    /// Deprecated names warn before their cut-off and are errors after it (naming the
    /// replacement); removed names are errors; releases before the deprecation read them.
    @Test func deprecatedAndRemovedNamesBehaveAsDocumented() throws {
        var deprecatedChecked = 0, removedChecked = 0
        for record in try Reference.records() {
            let status = Reference.string(record, "status")
            guard status == "deprecated" || status == "removed" else { continue }
            let name = try #require(Reference.string(record, "name"))
            let key = try #require(registry[name])
            let value = Reference.sample(key)
            let replacement = record["deprecation"]?["replacement"]?.stringValue
            let hasCutoff = record["deprecation"]?["cutoff"]?.stringValue != nil
            let late = findings([(name, value)], now: Reference.afterCutoff)
            let lateCodes = codes(late, key: name)
            if status == "removed" {
                #expect(lateCodes.contains("policy-key-removed"), "\(name): \(lateCodes)")
                removedChecked += 1
            } else if hasCutoff {
                #expect(lateCodes.contains("policy-key-past-cutoff"), "\(name): \(lateCodes)")
                let early = codes(findings([(name, value)], now: Reference.beforeCutoff), key: name)
                #expect(early.contains("policy-key-deprecated") && !early.contains("policy-key-past-cutoff"), "\(name): \(early)")
                deprecatedChecked += 1
            } else {
                #expect(lateCodes.contains("policy-key-deprecated"), "\(name): \(lateCodes)")
                deprecatedChecked += 1
            }
            if let replacement {
                let hints = late.filter { $0.pointer?.tokens.first == name }.compactMap(\.hint).joined()
                #expect(hints.contains(replacement), "\(name): hint names \(replacement)")
            }
            if let since = key.deprecation?.since, let older = AppRelease(since.components.enumerated().map { $0.offset == 1 ? String($0.element - 1) : String($0.element) }.joined(separator: ".")) {
                let old = codes(findings([(name, value)], target: older.description, now: Reference.afterCutoff), key: name)
                #expect(old.isDisjoint(with: ["policy-key-deprecated", "policy-key-removed", "policy-key-past-cutoff"]), "\(name) @\(older): \(old)")
            }
        }
        // 8 deprecated and 2 removed records in the reference.
        #expect(deprecatedChecked >= 8)
        #expect(removedChecked >= 2)
    }

    @Test func tooNewKeysWarnForOlderReleases() throws {
        var checked = 0
        let dated = try Reference.records().filter { Reference.string($0, "status") == "current" && Reference.string($0, "introduced") != nil }
        for key in registry.currentKeys {
            guard let introduced = key.introduced, introduced.components.count >= 2, introduced.components[1] > 0 else { continue }
            var parts = introduced.components
            parts[1] -= 1
            let older = parts.map(String.init).joined(separator: ".")
            let at = codes(findings([(key.name, Reference.sample(key))], target: older, now: Reference.beforeCutoff), key: key.name)
            #expect(at.contains("policy-key-too-new"), "\(key.name) @\(older): \(at)")
            let now = codes(findings([(key.name, Reference.sample(key))], target: introduced.description, now: Reference.beforeCutoff), key: key.name)
            #expect(!now.contains("policy-key-too-new"), "\(key.name) @\(introduced)")
            checked += 1
        }
        // Every current key the reference dates is checked (76 of 116 at the time of writing).
        #expect(dated.count >= 70)
        #expect(checked == dated.count)
    }

    @Test func enumsRangesAndAliasesAreEnforced() throws {
        var enums = 0, ranges = 0
        for key in registry.currentKeys {
            if key.type == .enum {
                for allowed in key.spec.allowed {
                    let ok = codes(findings([(key.name, .string(allowed.value))], now: Reference.beforeCutoff), key: key.name)
                    #expect(!ok.contains("policy-allowed-value"), "\(key.name)=\(allowed.value)")
                }
                let bad = codes(findings([(key.name, "no-such-value")], now: Reference.beforeCutoff), key: key.name)
                #expect(bad.contains("policy-allowed-value"), "\(key.name)")
                enums += 1
            }
            if let min = key.spec.min {
                let below: JSONValue = key.type == .integer ? .number(JSONNumber(Int64(min) - 1)) : .number(JSONNumber(min - 0.5))
                #expect(codes(findings([(key.name, below)], now: Reference.beforeCutoff), key: key.name).contains("policy-range"), "\(key.name) min")
                ranges += 1
            }
            if let max = key.spec.max {
                let above: JSONValue = key.type == .integer ? .number(JSONNumber(Int64(max) + 1)) : .number(JSONNumber(max + 0.5))
                #expect(codes(findings([(key.name, above)], now: Reference.beforeCutoff), key: key.name).contains("policy-range"), "\(key.name) max")
            }
        }
        #expect(enums >= 11)
        #expect(ranges >= 6)
        #expect(registry.aliases["isDxtDirectoryEnabled"] == "isDesktopExtensionDirectoryEnabled")
        for (alias, _) in registry.aliases {
            #expect(codes(findings([(alias, true)], now: Reference.beforeCutoff), key: alias).contains("policy-key-alias"), "\(alias)")
        }
    }

    @Test func providersMatchTheReference() throws {
        let document = try DocumentLoader().load(path: Reference.url.path)
        let providers = try #require(document.value["providers"]?.objectValue)
        #expect(Set(providers.keys) == Set(registry.providers.keys))
        for (name, value) in providers {
            let requirements = try #require(registry.providers[name])
            let required = (value["required"]?.arrayValue ?? []).compactMap(\.stringValue).filter { $0 != "inferenceModels" }
            #expect(required.sorted() == requirements.requiredGroups.joined().sorted(), "\(name): required")
            let models = (value["required"]?.arrayValue ?? []).contains("inferenceModels")
            #expect(models == (requirements.models == "required"), "\(name): models")
            // Each credential alternative of the reference names keys the registry lists (the
            // reference writes combinations with "+" and glosses in parentheses).
            let alternatives = (value["credential_one_of"]?.arrayValue ?? []).compactMap(\.stringValue)
            let keyed = alternatives.filter { $0.hasPrefix("inference") }
            let registryKeys = Set(requirements.credentials.joined().map { String($0.split(separator: "=").first ?? "") })
            for alternative in keyed {
                let names = alternative.split(separator: " ").first.map(String.init) ?? ""
                for part in names.split(separator: "+") where !part.hasSuffix("*") {
                    #expect(registryKeys.contains(String(part)), "\(name): \(part)")
                }
            }
            #expect(requirements.credentials.count + (requirements.credentialFallback == nil ? 0 : 1) >= keyed.count, "\(name)")
        }
    }
}
