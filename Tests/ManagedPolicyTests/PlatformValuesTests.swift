import Foundation
import Testing
import Documents
import Diagnostics
import TestSupport
@testable import ManagedPolicy

/// `$platform` values: each export carries its platform's value; a path for another
/// platform is a warning; a malformed `$platform` is an error at its line.
@Suite struct PlatformValuesTests {
    static let yaml = TestPolicies.base(without: ["inferenceGatewayApiKey"]) + """
        inferenceCredentialHelper:
          $platform:
            macos: /usr/local/bin/acme-token
            windows: 'C:\\Program Files\\Acme\\acme-token.exe'
            default: /usr/bin/acme-token
        disableAutoUpdates:
          $platform: {windows: "true", default: false}

        """

    func export(_ yaml: String, _ format: PolicyExportFormat) throws -> (ImportedPolicy?, [Finding]) {
        let workflow = try TestPolicies.workflow()
        let (policy, findings) = try TestPolicies.check(yaml)
        #expect(findings.errorCount == 0, "\(findings)")
        let (bytes, exportFindings) = workflow.export(try #require(policy), format: format, options: PolicyExportOptions(name: "acme"))
        guard let bytes else { return (nil, exportFindings) }
        let (imported, importFindings) = PolicyImporter(registry: workflow.registry).parse(bytes: bytes, file: format.fileName(for: "acme"))
        #expect(importFindings.errorCount == 0)
        return (imported, exportFindings)
    }

    @Test(arguments: [
        (PolicyExportFormat.mobileconfig, "/usr/local/bin/acme-token", false),
        (.plist, "/usr/local/bin/acme-token", false),
        (.reg, "C:\\Program Files\\Acme\\acme-token.exe", true),
        (.linux, "/usr/bin/acme-token", false),
        (.bootstrap, "/usr/bin/acme-token", false),
        (.json, "/usr/bin/acme-token", false),
    ])
    func eachExportTakesItsPlatformsValue(_ format: PolicyExportFormat, _ helper: String, _ updatesOff: Bool) throws {
        let (imported, findings) = try export(Self.yaml, format)
        let policy = try #require(imported).policy
        #expect(policy["inferenceCredentialHelper"] == .string(helper), "\(format)")
        #expect(policy["disableAutoUpdates"] == .bool(updatesOff), "\(format)")
        #expect(!findings.contains { $0.code == "policy-platform-path" }, "\(format): \(findings)")
    }

    @Test func aPlatformWithNoValueAndNoDefaultLeavesTheKeyOut() throws {
        let yaml = TestPolicies.base(extra: ["chatTabEnabled: {$platform: {macos: false}}"])
        let (mac, _) = try export(yaml, .mobileconfig)
        #expect(mac?.policy["chatTabEnabled"] == .bool(false))
        let (windows, _) = try export(yaml, .reg)
        #expect(windows?.policy["chatTabEnabled"] == nil)
        #expect(windows?.policy["inferenceGatewayBaseUrl"] != nil)
    }

    @Test func pathsForTheWrongPlatformWarn() throws {
        let yaml = TestPolicies.base(without: ["inferenceGatewayApiKey"], extra: [
            "inferenceCredentialHelper: /usr/local/bin/acme-token",
            "allowedWorkspaceFolders: ['C:\\Users\\Shared\\Claude']",
        ])
        let (_, reg) = try export(yaml, .reg)
        let regPaths = reg.filter { $0.code == "policy-platform-path" }
        #expect(regPaths.map(\.pointer?.description) == ["/inferenceCredentialHelper"])
        #expect(regPaths.first?.severity == .warning)
        #expect(regPaths.first?.location?.line == TestPolicies.line(of: "inferenceCredentialHelper:", in: yaml))
        let (_, mac) = try export(yaml, .mobileconfig)
        #expect(mac.filter { $0.code == "policy-platform-path" }.map(\.pointer?.description) == ["/allowedWorkspaceFolders/0"])
        // URLs and plain words are not paths.
        #expect(!PlatformPathCheck.looksPosix("https://gateway.example.com/usr/"))
        #expect(!PlatformPathCheck.looksWindows("https://x"))
        #expect(PlatformPathCheck.looksWindows("%LOCALAPPDATA%\\Acme\\token.exe") && PlatformPathCheck.looksWindows("\\\\server\\share"))
        // The app expands a leading ~ on every platform.
        #expect(!PlatformPathCheck.looksPosix("~/Documents/Claude") && PlatformPathCheck.looksPosix("/Volumes/AcmeShared"))
    }

    @Test func malformedPlatformValuesAreErrorsAtTheirLine() throws {
        let yaml = TestPolicies.base(extra: ["chatTabEnabled:", "  $platform: {macOS: false}"])
        let (_, findings) = try TestPolicies.check(yaml)
        let syntax = findings.filter { $0.code == "policy-platform-syntax" }
        #expect(syntax.count == 1)
        #expect(syntax.first?.location?.line == 7)
        #expect(syntax.first?.hint?.contains("macos") == true)
        let mixed = TestPolicies.base(extra: ["chatTabEnabled: {$platform: {macos: false}, windows: true}"])
        #expect(try TestPolicies.check(mixed).1.contains { $0.code == "policy-platform-syntax" })
    }

    @Test func eachPlatformsValueIsValidatedWhereItStands() throws {
        let yaml = TestPolicies.base(extra: ["autoUpdaterEnforcementHours:", "  $platform:", "    macos: 24", "    windows: 9999"])
        let (_, findings) = try TestPolicies.check(yaml)
        let range = findings.filter { $0.pointer?.description.hasPrefix("/autoUpdaterEnforcementHours") == true && $0.severity == .error }
        #expect(range.count == 1, "\(findings)")
        #expect(range.first?.location?.line == 9)
    }
}
