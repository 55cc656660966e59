import Foundation
import Testing
import Documents
import Diagnostics
import Packaging
import TestSupport
@testable import ManagedPolicy

/// `cowork-dist diff` of two policies: every pairing of the formats a policy is read from
/// gives the same key-level changes, secrets masked.
@Suite struct PolicyDiffTests {
    /// The formats compared: the policy file itself plus each value-carrying export.
    static let sides: [(name: String, format: PolicyExportFormat?)] = [
        ("policy.yaml", nil), ("acme.mobileconfig", .mobileconfig), ("com.anthropic.claudefordesktop.plist", .plist),
        ("acme.reg", .reg), ("claude_desktop_config.json", .json), ("managed-settings.json", .linux),
        ("acme-bootstrap-v1.json", .bootstrap),
    ]

    static let oldYAML = TestPolicies.base(extra: ["disableAutoUpdates: true", "otlpHeaders: {x-tenant: acme}"])
    /// Changes: one key added, one removed, one changed, and the API key (a secret) changed.
    static let newYAML = TestPolicies.base(without: ["inferenceGatewayApiKey"],
                                           extra: ["inferenceGatewayApiKey: sk-Zq81Lm0pXc92Rv4tWn7Y", "autoUpdaterEnforcementHours: 48",
                                                   "otlpHeaders: {x-tenant: acme-eu}"])

    /// Writes the policy as `name` (YAML as written, exports through the workflow).
    func write(_ yaml: String, as side: (name: String, format: PolicyExportFormat?), into dir: TemporaryDirectory, folder: String) throws -> String {
        guard let format = side.format else { return try dir.write("\(folder)/\(side.name)", yaml).path }
        let workflow = try TestPolicies.workflow()
        let (policy, findings) = try TestPolicies.check(yaml)
        #expect(findings.errorCount == 0, "\(findings)")
        let (bytes, exportFindings) = workflow.export(try #require(policy), format: format, options: PolicyExportOptions(name: "acme", organization: "Acme"))
        #expect(exportFindings.errorCount == 0, "\(exportFindings)")
        return try dir.write("\(folder)/\(side.name)", Data(try #require(bytes))).path
    }

    func diff(_ a: String, _ b: String) throws -> PolicyDiff {
        let workflow = try TestPolicies.workflow()
        let old = PolicyDiff.load(path: a, loader: workflow.loader), new = PolicyDiff.load(path: b, loader: workflow.loader)
        #expect(old.findings.errorCount == 0 && new.findings.errorCount == 0, "\(old.findings) \(new.findings)")
        return PolicyDiff(old: try #require(old.policy), new: try #require(new.policy), registry: workflow.registry, oldLabel: a, newLabel: b)
    }

    @Test(arguments: PolicyDiffTests.sides.indices)
    func everyPairingReportsTheSameKeys(oldIndex: Int) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let oldPath = try write(Self.oldYAML, as: Self.sides[oldIndex], into: dir, folder: "old")
        for side in Self.sides {
            let newPath = try write(Self.newYAML, as: side, into: dir, folder: "new")
            let result = try diff(oldPath, newPath)
            let label = "\(Self.sides[oldIndex].name) -> \(side.name)"
            #expect(result.changes.map(\.key) == ["autoUpdaterEnforcementHours", "disableAutoUpdates", "inferenceGatewayApiKey", "otlpHeaders"], "\(label)")
            #expect(result.changes.map(\.kind) == [.added, .removed, .changed, .changed], "\(label)")
            let shown = result.keyChanges
            #expect(shown[0].new == "48" && shown[1].old == "true", "\(label): \(shown)")
            // The secret is masked on both sides; the header map's values too.
            #expect(shown[2].old == "\"<secret>\"" && shown[2].new == "\"<secret>\"" && shown[2].masked, "\(label)")
            #expect(shown[3].old == "{\"x-tenant\":\"<secret>\"}" && shown[3].masked, "\(label)")
            let text = PolicyDiffRenderer().render(result)
            #expect(!text.contains("sk-Zq81") && !text.contains("acme-eu"), "\(label): \(text)")
            // The same policy in two formats is identical.
            let samePath = try write(Self.oldYAML, as: side, into: dir, folder: "same")
            #expect(try diff(oldPath, samePath).isIdentical, "\(Self.sides[oldIndex].name) vs \(side.name) of one policy")
        }
    }

    @Test func presetValuesCountAndTextAndJSONAgree() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let a = try dir.write("a.yaml", "profile: restricted\n" + TestPolicies.base()).path
        let b = try dir.write("b.yaml", TestPolicies.base()).path
        let result = try diff(a, b)
        // Every key the preset supplies disappears; nothing else changes.
        let preset = try #require(try PolicyPreset.bundled()["restricted"])
        let plain = try #require(try TestPolicies.check(TestPolicies.base()).0)
        let presetOnly = Set(preset.values.members.map(\.key)).subtracting(plain.keys)
        #expect(Set(result.changes.map(\.key)) == presetOnly)
        #expect(result.changes.allSatisfy { $0.kind == .removed })
        let json = try DocumentLoader().parse(bytes: Array(PolicyDiffRenderer(format: .json).render(result).utf8), format: .json, file: "d.json").value
        #expect(json["identical"] == false)
        #expect(json["changes"]?.arrayValue?.count == result.changes.count)
        #expect(json["kind"] == "policy")
        let text = PolicyDiffRenderer().render(result)
        #expect(text.hasSuffix("Summary: \(result.changes.count) keys differ (\(result.changes.count) removed).\n"))
    }

    @Test func unreadableSidesAreRefusedNotHalfRead() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let workflow = try TestPolicies.workflow()
        let broken = try dir.write("broken.reg", "Windows Registry Editor Version 5.00\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude]\r\n\"a\"=\"x\"y\"\r\n\"otlpProtocol\"=\"grpc\"\r\n").path
        let (policy, findings) = PolicyDiff.load(path: broken, loader: workflow.loader)
        #expect(policy == nil)
        #expect(findings.map(\.code).contains("policy-reg-syntax"))
        let empty = try dir.write("empty.mobileconfig", "").path
        #expect(PolicyDiff.load(path: empty, loader: workflow.loader).policy == nil)
    }

    @Test func theBuildComparerReadsPolicyExportsOnly() throws {
        let workflow = try TestPolicies.workflow()
        let comparer = PolicyArtifactComparer(registry: workflow.registry)
        for name in ["acme.mobileconfig", "acme.reg", "managed-settings.json", "com.anthropic.claudefordesktop.plist", "acme-bootstrap-v2.json"] {
            #expect(comparer.accepts(artifact: name), "\(name)")
        }
        for name in ["acme-admx.zip", "com.anthropic.claudefordesktop.manifest.plist", "config.resolved.json", "acme-claude-3p-macos.tar.gz"] {
            #expect(!comparer.accepts(artifact: name), "\(name)")
        }
        let old = try #require(try TestPolicies.check(Self.oldYAML).0), new = try #require(try TestPolicies.check(Self.newYAML).0)
        let options = PolicyExportOptions(name: "acme")
        let a = try #require(workflow.export(old, format: .reg, options: options).bytes)
        let b = try #require(workflow.export(new, format: .reg, options: options).bytes)
        let keys = try #require(comparer.keyChanges(artifact: "acme.reg", old: a, new: b))
        #expect(keys.map(\.key) == ["autoUpdaterEnforcementHours", "disableAutoUpdates", "inferenceGatewayApiKey", "otlpHeaders"])
        #expect(comparer.keyChanges(artifact: "acme.reg", old: a, new: Array("garbage".utf8)) == nil)
    }
}
