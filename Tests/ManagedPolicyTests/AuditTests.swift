import Foundation
import Testing
import Documents
import Diagnostics
import TestSupport
@testable import ManagedPolicy

@Suite struct AuditTests {
    /// A hand-written profile with the classic mistake: a native <array>, plus a native
    /// boolean, a misspelled key and a key of another provider.
    static let nativeArrayProfile = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0">
        <dict>
          <key>PayloadContent</key>
          <array>
            <dict>
              <key>PayloadType</key><string>com.anthropic.claudefordesktop</string>
              <key>inferenceProvider</key><string>vertex</string>
              <key>deploymentOrganizationUuid</key><string>3f2b8c1e-9a4d-4e7f-8b6a-1c2d3e4f5a6b</string>
              <key>inferenceVertexProjectId</key><string>acme</string>
              <key>inferenceVertexRegion</key><string>us-east5</string>
              <key>inferenceVertexCredentialsFile</key><string>/etc/gcp.json</string>
              <key>inferenceModels</key>
              <array>
                <string>claude-sonnet-4@20250514</string>
              </array>
              <key>disableAutoUpdates</key><true/>
              <key>isLocalDevMcpEnable</key><string>false</string>
              <key>inferenceBedrockRegion</key><string>us-west-2</string>
            </dict>
          </array>
          <key>PayloadType</key><string>Configuration</string>
        </dict>
        </plist>
        """

    func audit(_ text: String, file: String) throws -> [Finding] {
        let registry = try KeyRegistry.load()
        let (imported, findings) = PolicyImporter(registry: registry).parse(bytes: Array(text.utf8), file: file)
        let policy = try #require(imported)
        return findings + PolicyAuditor(registry: registry).audit(policy)
    }

    @Test func catchesANativeArrayAndFriends() throws {
        let findings = try audit(Self.nativeArrayProfile, file: "bad.mobileconfig")
        let byCode = Dictionary(grouping: findings, by: \.code)
        #expect(findings.map(\.code).sorted() == ["policy-native-container", "policy-native-scalar", "policy-provider-ignored", "policy-unknown-key"])
        let native = try #require(byCode["policy-native-container"]?.first)
        // Current releases read native containers; the string form stays portable.
        #expect(native.severity == .warning)
        #expect(native.location?.line == TestPolicies.line(of: "<key>inferenceModels</key>", in: Self.nativeArrayProfile))
        #expect(native.hint?.contains("<string>[\"claude-sonnet-4@20250514\"]</string>") == true)
        #expect(byCode["policy-unknown-key"]?.first?.hint?.contains("isLocalDevMcpEnabled") == true)
    }

    @Test func readsBinaryPlists() throws {
        let registry = try KeyRegistry.load()
        let plist: [String: Any] = ["disableAutoUpdates": "true", "disabledBuiltinTools": "[\"Bash\"]"]
        let data = try PropertyListSerialization.data(fromPropertyList: plist, format: .binary, options: 0)
        let (imported, findings) = PolicyImporter(registry: registry).parse(bytes: Array(data), file: "prefs.plist")
        #expect(findings == [])
        #expect(imported?.policy["disableAutoUpdates"] == .bool(true))
        #expect(imported?.policy["disabledBuiltinTools"] == ["Bash"])
    }

    @Test func regAuditReportsUnusableTypesSubkeysAndReadsDwords() throws {
        let text = [
            "Windows Registry Editor Version 5.00", "",
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude]",
            "\"disableAutoUpdates\"=dword:00000001",
            "\"autoUpdaterEnforcementHours\"=dword:00000018",
            "\"coworkEgressAllowedHosts\"=hex(7):2a,00,00,00,\\",
            "  00,00",
            "\"otlpHeaders\"=\"a=\\\"b\\\"\"",
            "",
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude\\Sub]",
            "\"isLocalDevMcpEnabled\"=\"false\"",
        ].joined(separator: "\r\n")
        let registry = try KeyRegistry.load()
        let (imported, _) = PolicyImporter(registry: registry).parse(bytes: Array(text.utf8), file: "claude.reg")
        let policy = try #require(imported)
        #expect(policy.policy["disableAutoUpdates"] == .bool(true))
        #expect(policy.policy["autoUpdaterEnforcementHours"] == .number(JSONNumber(24)))
        #expect(policy.policy["otlpHeaders"] == "a=\"b\"")
        #expect(policy.policy["isLocalDevMcpEnabled"] == nil)
        #expect(policy.findings.map(\.code).sorted() == ["policy-reg-subkey", "policy-reg-value-dropped", "policy-reg-value-type"])
        #expect(policy.findings.first { $0.code == "policy-reg-value-type" }?.location?.line == 6)
    }

    @Test func hklmWinsOverHkcu() throws {
        let text = "Windows Registry Editor Version 5.00\n[HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Claude]\n\"otlpProtocol\"=\"grpc\"\n"
            + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude]\n\"otlpProtocol\"=\"http/json\"\n"
        let (imported, _) = PolicyImporter(registry: try KeyRegistry.load()).parse(bytes: Array(text.utf8), file: "x.reg")
        #expect(imported?.policy["otlpProtocol"] == "http/json")
        #expect(imported?.findings.map(\.code) == ["policy-reg-both-hives"])
    }

    @Test func garbageIsReportedNotCrashed() throws {
        let registry = try KeyRegistry.load()
        let (plist, plistFindings) = PolicyImporter(registry: registry).parse(bytes: Array("<?xml version=\"1.0\"?><plist><dict><key>".utf8), file: "x.plist")
        #expect(plist == nil)
        #expect(plistFindings.map(\.code) == ["policy-plist-unreadable"])
        let (reg, regFindings) = PolicyImporter(registry: registry).parse(bytes: [0xFF, 0xFE, 0x41], file: "x.reg")
        #expect(reg == nil)
        #expect(regFindings.map(\.code) == ["policy-reg-encoding"])
    }
}
