import Foundation
import Testing
import Documents
import Diagnostics
import TestSupport
@testable import ManagedPolicy

/// Files IT admins actually hold: Jamf's ManagedClient wrapper, CMS-signed profiles,
/// `<real>` numbers, and `.reg` files that lose values — each read or reported, never
/// silently accepted as an empty policy.
@Suite struct ImportGapTests {
    static let fixtures = TestPolicies.repoRoot.appendingPathComponent("Tests/Fixtures/policies")

    func importing(_ bytes: [UInt8], file: String) throws -> (ImportedPolicy?, [Finding]) {
        let (imported, findings) = PolicyImporter(registry: try KeyRegistry.load()).parse(bytes: bytes, file: file)
        return (imported, findings + (imported?.findings ?? []))
    }

    func importing(_ text: String, file: String) throws -> (ImportedPolicy?, [Finding]) {
        try importing(Array(text.utf8), file: file)
    }

    static func plist(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0">
        \(body)
        </plist>
        """
    }

    /// A Jamf-style profile: the app's values under Forced, one more under Set-Once.
    static let jamfProfile = plist("""
        <dict>
          <key>PayloadContent</key>
          <array>
            <dict>
              <key>PayloadType</key><string>com.apple.ManagedClient.preferences</string>
              <key>PayloadIdentifier</key><string>com.acme.claude.mcx</string>
              <key>PayloadContent</key>
              <dict>
                <key>com.anthropic.claudefordesktop</key>
                <dict>
                  <key>Forced</key>
                  <array>
                    <dict>
                      <key>mcx_preference_settings</key>
                      <dict>
                        <key>disableAutoUpdates</key><string>true</string>
                        <key>autoUpdaterEnforcementHours</key><string>24</string>
                        <key>disabledBuiltinTools</key><string>["Bash"]</string>
                      </dict>
                    </dict>
                  </array>
                  <key>Set-Once</key>
                  <array>
                    <dict>
                      <key>mcx_preference_settings</key>
                      <dict><key>otlpProtocol</key><string>grpc</string></dict>
                    </dict>
                  </array>
                </dict>
              </dict>
            </dict>
          </array>
          <key>PayloadType</key><string>Configuration</string>
        </dict>
        """)

    @Test func jamfManagedClientProfilesAreUnwrapped() throws {
        let (imported, findings) = try importing(Self.jamfProfile, file: "jamf.mobileconfig")
        let policy = try #require(imported).policy
        #expect(policy.keys == ["autoUpdaterEnforcementHours", "disableAutoUpdates", "disabledBuiltinTools"])
        #expect(policy["disableAutoUpdates"] == .bool(true))
        #expect(policy["autoUpdaterEnforcementHours"] == .number(JSONNumber(24)))
        #expect(policy["disabledBuiltinTools"] == ["Bash"])
        #expect(findings.map(\.code) == ["policy-mcx-not-forced"])
        #expect(findings.first?.message.contains("otlpProtocol") == true)
        // Line numbers still point into the file.
        #expect(policy.entry("disableAutoUpdates")?.location?.line == TestPolicies.line(of: "<key>disableAutoUpdates</key>", in: Self.jamfProfile))
    }

    @Test func aBareMcxDictionaryAndAMissingForcedList() throws {
        let bare = Self.plist("""
            <dict><key>com.anthropic.claudefordesktop</key><dict><key>Forced</key><array><dict>
            <key>mcx_preference_settings</key><dict><key>otlpProtocol</key><string>grpc</string></dict>
            </dict></array></dict></dict>
            """)
        let (imported, findings) = try importing(bare, file: "custom.plist")
        #expect(imported?.policy["otlpProtocol"] == "grpc")
        #expect(findings.isEmpty)
        let noForced = Self.plist("<dict><key>com.anthropic.claudefordesktop</key><dict><key>Often</key><array/></dict></dict>")
        let (_, problems) = try importing(noForced, file: "custom.plist")
        #expect(problems.map(\.code) == ["policy-mcx-unreadable"])
        #expect(problems.first?.severity == .error)
    }

    @Test func realsStayReal() throws {
        let text = Self.plist("""
            <dict>
              <key>inferenceModelPricingMultiplier</key><real>0.5</real>
              <key>autoUpdaterEnforcementHours</key><real>24</real>
            </dict>
            """)
        let (imported, findings) = try importing(text, file: "prefs.plist")
        let policy = try #require(imported).policy
        #expect(policy["inferenceModelPricingMultiplier"]?.numberValue?.doubleValue == 0.5)
        #expect(policy["autoUpdaterEnforcementHours"] == .number(JSONNumber(24)))
        #expect(findings.map(\.code) == ["policy-native-scalar", "policy-native-scalar"])
        #expect(findings.contains { $0.message.contains("native real") })
    }

    @Test(arguments: ["signed-der.mobileconfig", "signed-ber.mobileconfig"])
    func signedProfilesAreReadWithTheirSigner(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent(name)))
        let (imported, findings) = try importing(bytes, file: name)
        let policy = try #require(imported).policy
        #expect(policy.keys == ["disableAutoUpdates", "otlpProtocol"])
        #expect(policy["disableAutoUpdates"] == .bool(true))
        #expect(findings.map(\.code) == ["policy-signed-profile"])
        #expect(findings.first?.severity == .note)
        #expect(findings.first?.message.contains("CN=Acme Profile Signing, O=Acme Corp, C=US") == true)
        #expect(findings.first?.message.contains("not verified") == true)
    }

    /// Every prefix of a signed profile, and every single-byte corruption of its header
    /// area, gives a finding or a policy — never a crash or a hang.
    @Test func cutAndCorruptedSignaturesAreReported() throws {
        let bytes = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent("signed-ber.mobileconfig")))
        for length in stride(from: 17, to: bytes.count, by: 13) {
            let (imported, findings) = try importing(Array(bytes.prefix(length)), file: "cut.mobileconfig")
            #expect(imported == nil || !findings.isEmpty, "prefix \(length)")
            if imported == nil { #expect(findings.errorCount > 0, "prefix \(length)") }
        }
        var random = SplitMix(seed: 13)
        for _ in 0..<150 {
            var damaged = bytes
            let index = Int(random.next() % UInt64(min(bytes.count, 96)))
            damaged[index] = UInt8(truncatingIfNeeded: random.next())
            let (imported, findings) = try importing(damaged, file: "damaged.mobileconfig")
            #expect(imported != nil || findings.errorCount > 0)
        }
    }

    @Test func aDetachedSignatureSaysSo() throws {
        // SEQUENCE { signedData OID, [0] { SEQUENCE { version, digestAlgorithms, encapContentInfo without content, signerInfos } } }
        let encap: [UInt8] = [0x30, 0x0B, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01]
        let signedData: [UInt8] = [0x30, UInt8(3 + 2 + encap.count + 2)] + [0x02, 0x01, 0x01, 0x31, 0x00] + encap + [0x31, 0x00]
        let wrapper: [UInt8] = [0xA0, UInt8(signedData.count)] + signedData
        let oid: [UInt8] = [0x06, 0x09] + SignedProfileReader.signedDataOID
        let der: [UInt8] = [0x30, UInt8(oid.count + wrapper.count)] + oid + wrapper
        let (imported, findings) = try importing(der, file: "detached.mobileconfig")
        #expect(imported == nil)
        #expect(findings.map(\.code) == ["policy-signed-unreadable"])
        #expect(findings.first?.message.contains("detached") == true)
    }

    // MARK: - .reg files that lose values

    static let regHeader = "Windows Registry Editor Version 5.00\r\n\r\n"
    static let policyKey = "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude]\r\n"

    @Test(arguments: [
        // An unescaped quote inside a value.
        (ImportGapTests.regHeader + ImportGapTests.policyKey + "\"otlpEndpoint\"=\"https://x\"y\"\r\n", "policy-reg-syntax"),
        // An empty file, and one with only a BOM.
        ("", "policy-reg-empty"),
        ("\u{FEFF}", "policy-reg-empty"),
        // Values under the wrong key: nothing lands under the policy key.
        (ImportGapTests.regHeader + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Anthropic\\Claude]\r\n\"otlpProtocol\"=\"grpc\"\r\n", "policy-reg-empty"),
        // A value before any key.
        (ImportGapTests.regHeader + "\"otlpProtocol\"=\"grpc\"\r\n", "policy-reg-empty"),
    ])
    func regFilesThatImportNothingAreErrors(_ text: String, _ code: String) throws {
        let (imported, findings) = try importing(text, file: "claude.reg")
        #expect(findings.map(\.code).contains(code), "\(findings)")
        #expect(findings.errorCount > 0, "\(findings)")
        if let imported { #expect(imported.policy.entries.isEmpty || code == "policy-reg-syntax") }
    }

    @Test func regValuesDroppedBesideKeptOnesAreWarnings() throws {
        let text = Self.regHeader + Self.policyKey + "\"otlpProtocol\"=\"grpc\"\r\n"
            + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Claude\\Extra]\r\n\"disableAutoUpdates\"=\"true\"\r\n"
            + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Anthropic]\r\n\"chatTabEnabled\"=\"false\"\r\n"
            + Self.policyKey + "\"otlpProtocol\"=\"http/json\"\r\n"
        let (imported, findings) = try importing(text, file: "claude.reg")
        #expect(imported?.policy.keys == ["otlpProtocol"])
        #expect(imported?.policy["otlpProtocol"] == "http/json")
        let codes = findings.map(\.code)
        #expect(codes.filter { $0 == "policy-reg-value-dropped" }.count == 3, "\(codes)")  // two misplaced values, one written twice
        #expect(codes.contains("policy-reg-subkey") && codes.contains("policy-reg-other-key"))
        #expect(findings.allSatisfy { $0.location?.line != nil })
    }
}
