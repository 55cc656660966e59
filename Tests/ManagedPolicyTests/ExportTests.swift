import Foundation
import Testing
import Documents
import Diagnostics
import TestSupport
@testable import ManagedPolicy

/// A policy exercising every value shape: strings, booleans, integers, lists, objects.
let richPolicyYAML = TestPolicies.base(extra: [
    "disableAutoUpdates: true",
    "autoUpdaterEnforcementHours: 24",
    "disabledBuiltinTools: [WebSearch, Bash]",
    "coworkEgressAllowedHosts: [\"*.acme.example\"]",
]) + """
managedMcpServers:
  - name: "Wiki \\"internal\\""
    transport: http
    url: https://mcp.example.com/wiki
    headers: {X-Path: 'C:\\tools'}
    toolPolicy: {"*": ask}
otlpHeaders: {a: b, c: d}

"""

@Suite struct ExportTests {
    func richPolicy() throws -> ManagedPolicy {
        let (policy, findings) = try TestPolicies.check(richPolicyYAML)
        #expect(findings.errorCount == 0, "\(findings)")
        return try #require(policy)
    }

    func export(_ policy: ManagedPolicy, _ format: PolicyExportFormat, scope: RegistryScope = .machine) throws -> [UInt8] {
        let workflow = try TestPolicies.workflow()
        let (bytes, findings) = workflow.export(policy, format: format, options: PolicyExportOptions(name: "acme", organization: "Acme", scope: scope))
        #expect(findings.errorCount == 0, "\(findings)")
        #expect(findings.errorCount == 0)
        return try #require(bytes)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "needs python3"))
    func mobileconfigLoadsWithPlistlibAndHoldsOnlyStrings() throws {
        let policy = try richPolicy()
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("acme.mobileconfig", Data(try export(policy, .mobileconfig)))
        let script = """
            import json, plistlib, sys
            with open(sys.argv[1], 'rb') as f:
                profile = plistlib.load(f)
            assert profile['PayloadType'] == 'Configuration', profile['PayloadType']
            payloads = [p for p in profile['PayloadContent'] if p['PayloadType'] == 'com.anthropic.claudefordesktop']
            assert len(payloads) == 1
            values = {k: v for k, v in payloads[0].items() if not k.startswith('Payload')}
            for k, v in values.items():
                if not isinstance(v, str):
                    print('not a string:', k); sys.exit(3)
            print(json.dumps({'uuid': profile['PayloadUUID'], 'values': values}, sort_keys=True))
            """
        let result = try ProcessRunner.run("/usr/bin/python3", ["-c", script, file.path])
        #expect(result.status == 0, "\(result.stderr)\(result.stdout)")
        let decoded = try JSONReader().read(result.stdout).value
        let values = try #require(decoded["values"]?.objectValue)
        #expect(values.keys == policy.keys)
        #expect(values["disableAutoUpdates"] == "true")
        #expect(values["autoUpdaterEnforcementHours"] == "24")
        let registry = try KeyRegistry.load()
        for (key, value) in values where registry[key]?.type.isContainer == true {
            let text = try #require(value.stringValue)
            let json = try JSONReader().read(text).value
            #expect(json == policy[key], "\(key) does not decode back")
        }
        #expect(decoded["uuid"]?.stringValue == NameUUID.make("Acme\u{0}com.anthropic.claudefordesktop.acme/profile"))
    }

    @Test func regFileIsUTF16WithHeaderCRLFAndEscaping() throws {
        let policy = try richPolicy()
        let bytes = try export(policy, .reg)
        #expect(Array(bytes.prefix(2)) == [0xFF, 0xFE])
        let units = stride(from: 2, to: bytes.count, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 }
        let text = String(decoding: units, as: UTF16.self)
        // Replace by default: the key is deleted, then written.
        #expect(text.hasPrefix("Windows Registry Editor Version 5.00\r\n\r\n[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude]\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude]\r\n"))
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(text.contains("\"disableAutoUpdates\"=\"true\"\r\n"))
        // The server name "Wiki \"internal\"" is JSON-escaped, then .reg-escaped.
        #expect(text.contains(#"\"name\":\"Wiki \\\"internal\\\"\""#))
        #expect(text.contains(#"C:\\\\tools"#))
        let user = try export(policy, .reg, scope: .user)
        let userText = String(decoding: stride(from: 2, to: user.count, by: 2).map { UInt16(user[$0]) | UInt16(user[$0 + 1]) << 8 }, as: UTF16.self)
        #expect(userText.contains("[HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Claude]"))
    }

    @Test func jsonExportsUseNativeValues() throws {
        let policy = try richPolicy()
        let local = try JSONReader().read(bytes: try export(policy, .json)).value
        #expect(local["enterpriseConfig"]?["disableAutoUpdates"] == .bool(true))
        #expect(local["enterpriseConfig"]?["disabledBuiltinTools"] == ["WebSearch", "Bash"])
        let linux = try JSONReader().read(bytes: try export(policy, .linux)).value
        #expect(linux.objectValue?.keys == policy.keys)
    }

    /// Formats with an importer: import(export(p)) == p.
    static let importable: [PolicyExportFormat] = [.mobileconfig, .plist, .reg, .json, .linux, .bootstrap]

    @Test(arguments: importable)
    func roundTrip(_ format: PolicyExportFormat) throws {
        let policy = try richPolicy()
        let bytes = try export(policy, format)
        let registry = try KeyRegistry.load()
        let (imported, findings) = PolicyImporter(registry: registry).parse(bytes: bytes, file: format.fileName(for: "acme"))
        #expect(findings == [])
        let back = try #require(imported)
        #expect(back.findings == [])
        #expect(back.policy.hasSameValues(as: policy), "\(back.policy.values) vs \(policy.values)")
    }

    @Test(arguments: PolicyExportFormat.allCases.filter { $0 != .bootstrapV2 })
    func exportsAreByteIdenticalAcrossRuns(_ format: PolicyExportFormat) throws {
        let first = try export(try richPolicy(), format)
        let second = try export(try richPolicy(), format)
        #expect(first == second)
        #expect(!first.isEmpty)
    }

    @Test(arguments: ["standard", "restricted", "locked-down"])
    func presetsExportCleanly(_ preset: String) throws {
        let (policy, findings) = try TestPolicies.check("profile: \(preset)\n")
        #expect(findings.errorCount == 0, "\(findings)")
        let loaded = try #require(policy)
        #expect(loaded.entries.count >= 2)
        for format in Self.importable {
            let bytes = try export(loaded, format)
            let (imported, _) = PolicyImporter(registry: try KeyRegistry.load()).parse(bytes: bytes, file: format.fileName(for: preset))
            #expect(imported?.policy.hasSameValues(as: loaded) == true)
        }
    }

    @Test func invalidPolicyExportsNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("bad.yaml", TestPolicies.base(extra: ["autoUpdaterEnforcementHours: 0"]))
        let (bytes, findings) = try TestPolicies.workflow().export(path: file.path, format: .mobileconfig, options: PolicyExportOptions(name: "x"))
        #expect(bytes == nil)
        #expect(findings.map(\.code) == ["policy-range"])
    }

    @Test func regRefusesLineBreaks() throws {
        let policy = ManagedPolicy(entries: [PolicyEntry(key: "organizationInstructions", value: "a\r\nb")])
        let (bytes, findings) = try TestPolicies.workflow().export(policy, format: .reg, options: PolicyExportOptions(name: "x"))
        #expect(bytes == nil)
        #expect(findings.map(\.code) == ["policy-export"])
    }

    @Test func nameUUIDsAreStableAndWellFormed() {
        let a = NameUUID.make("acme/profile")
        #expect(a == NameUUID.make("acme/profile"))
        #expect(a != NameUUID.make("acme/payload"))
        #expect(a.range(of: "^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$", options: .regularExpression) != nil)
    }

    @Test func yamlOutputReadsBackToTheSamePolicy() throws {
        let policy = try richPolicy()
        let yaml = PolicyYAMLEmitter.emit(policy, header: "test")
        let (back, findings) = try TestPolicies.check(yaml)
        #expect(findings.errorCount == 0)
        #expect(back?.hasSameValues(as: policy) == true, "\(yaml)")
        #expect(PolicyYAMLEmitter.emit(try #require(back)) == PolicyYAMLEmitter.emit(policy))
    }
}
