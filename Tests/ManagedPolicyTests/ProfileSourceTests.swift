import Foundation
import Testing
import Documents
import Diagnostics
import TestSupport
@testable import ManagedPolicy

/// One source of truth for the preset, and `policy show`'s origins.
@Suite struct ProfileSourceTests {
    func load(_ yaml: String, profile: String?) throws -> (ManagedPolicy?, [Finding]) {
        let workflow = try TestPolicies.workflow()
        let document = try DocumentLoader().parse(bytes: Array(yaml.utf8), format: .yaml, file: "policy.yaml")
        return workflow.loader.policy(from: document, profile: profile, profileSource: "distribution.yaml")
    }

    @Test func aDifferentProfileIsAnErrorAtThePolicyLine() throws {
        let (_, findings) = try load("inferenceProvider: gateway\nprofile: locked-down\n", profile: "standard")
        let conflict = try #require(findings.first { $0.code == "policy-profile-conflict" })
        #expect(conflict.severity == .error)
        #expect(conflict.location?.line == 2)
        #expect(conflict.message.contains("locked-down") && conflict.message.contains("standard") && conflict.message.contains("distribution.yaml"))
    }

    @Test func theSameProfileTwiceOrInOnePlaceIsFine() throws {
        for (text, override) in [("profile: restricted\n", "restricted"), ("profile: restricted\n", nil), ("otlpProtocol: grpc\n", "restricted")] {
            let (policy, findings) = try load(text, profile: override)
            #expect(findings.filter { $0.code == "policy-profile-conflict" } == [])
            #expect(policy?.profile == "restricted")
        }
    }

    @Test func showNamesThePresetOrThePolicyLineOfEachValue() throws {
        let (policy, _) = try load("profile: restricted\notlpProtocol: grpc\nisLocalDevMcpEnabled: true\n", profile: nil)
        let table = PolicyOrigins.table(try #require(policy))
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.first == "# profile: restricted")
        #expect(lines.contains { $0.hasPrefix("otlpProtocol = grpc") && $0.hasSuffix("# policy.yaml:2") })
        // The policy overrides the preset's value, and says so by its origin.
        #expect(lines.contains { $0.hasPrefix("isLocalDevMcpEnabled = true") && $0.hasSuffix("# policy.yaml:3") })
        #expect(lines.contains { $0.hasPrefix("disableNonessentialServices = true") && $0.contains("# preset restricted") })
    }
}
