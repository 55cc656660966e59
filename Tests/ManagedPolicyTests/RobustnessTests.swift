import Foundation
import Testing
import Documents
import Diagnostics
import TestSupport
@testable import ManagedPolicy

/// Plist bombs, values an XML profile cannot carry, and CR surviving a round trip.
@Suite struct PolicyRobustnessTests {
    static let fixtures = TestPolicies.repoRoot.appendingPathComponent("Tests/Fixtures/hostile/policies")

    @Test func sharedReferenceBombIsRefused() throws {
        let bytes = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent("shared-reference-bomb.plist")))
        let (imported, findings) = PolicyImporter(registry: try KeyRegistry.load()).parse(bytes: bytes, file: "bomb.plist")
        #expect(imported == nil)
        #expect(findings.map(\.code) == ["policy-plist-too-large"])
        #expect(findings.first?.location?.line == 1)
    }

    /// Exports a valid policy with `otlpHeaders` replaced in code (the readers and the
    /// validator refuse most of these characters earlier; the writer must still hold).
    func exportMobileconfig(_ value: String) throws -> ([UInt8]?, [Finding]) {
        let (checked, findings) = try TestPolicies.check(TestPolicies.base(extra: ["otlpHeaders: {a: b}"]))
        #expect(findings.errorCount == 0, "\(findings)")
        var policy = try #require(checked)
        let location = SourceLocation(file: "policy.yaml", line: 9, column: 14)
        policy.set(PolicyEntry(key: "otlpHeaders", value: .string(value), location: location, keyLocation: location))
        let workflow = try TestPolicies.workflow()
        return workflow.export(policy, format: .mobileconfig, options: PolicyExportOptions(name: "acme"))
    }

    @Test(arguments: ["a\u{01}b", "a\u{0}b", "a\u{FFFE}b", "a\u{FFFF}b", "a\u{1B}b"])
    func charactersXMLCannotCarryAreRefused(_ value: String) throws {
        let (bytes, findings) = try exportMobileconfig(value)
        #expect(bytes == nil)
        #expect(findings.map(\.code) == ["policy-export"])
        #expect(findings.first?.location?.line == 9)
    }

    @Test func carriageReturnsSurviveTheRoundTrip() throws {
        let (bytes, _) = try exportMobileconfig("a=b\r\nc=d\re")
        let data = try #require(bytes)
        let (imported, findings) = PolicyImporter(registry: try KeyRegistry.load()).parse(bytes: data, file: "acme.mobileconfig")
        // The string form of otlpHeaders is deprecated (a warning), not refused.
        #expect(findings.errorCount == 0, "\(findings)")
        #expect(imported?.policy.entries.first { $0.key == "otlpHeaders" }?.value.stringValue == "a=b\r\nc=d\re")
    }

    @Test func onlyTheFirstUnknownKeysGetASuggestion() throws {
        // A real key with three letters too many, in more variants than the limit: the
        // first ones name the real key, the rest carry no hint, and all are reported.
        let registry = try KeyRegistry.load()
        let limit = PolicyValidator.suggestionLimit
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let entries = (0..<(limit + 20)).map { n in
            PolicyEntry(key: "disableAutoUpdates" + String([letters[n / 676 % 26], letters[n / 26 % 26], letters[n % 26]]), value: .bool(true))
        }
        let findings = PolicyValidator(registry: registry).validate(ManagedPolicy(entries: entries))
            .filter { $0.code == "policy-unknown-key" }
        #expect(findings.count == limit + 20)
        let hinted = findings.filter { $0.hint?.contains("did you mean") == true }
        #expect(hinted.count == limit, "\(hinted.count)")
    }
}
