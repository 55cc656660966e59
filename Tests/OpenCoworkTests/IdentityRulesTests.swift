import Diagnostics
import Testing
@testable import OpenCowork

@Suite struct IdentityRulesTests {
    @Test func renamedProductKeepingUpstreamIdsSharesState() throws {
        let json = #"{"branding":{"name":"Acme Cowork","appId":"com.opencowork.desktop","projectNamespace":"opencowork","dataDirName":"acme-cowork"}}"#
        let findings = IdentityRules.check(try RulesFixture.context(json))
        #expect(findings.map(\.code) == ["identity-shared-app-id", "identity-shared-namespace"])
        #expect(findings.allSatisfy { $0.severity == .warning })
    }

    @Test func upstreamNameKeepsItsIds() throws {
        let json = #"{"branding":{"name":"Open Cowork","appId":"com.opencowork.desktop","projectNamespace":"opencowork"}}"#
        #expect(IdentityRules.check(try RulesFixture.context(json)).isEmpty)
    }

    @Test(arguments: ["", ".", "..", "a/b", "a\\b", ".hidden", "con", "LPT1.txt", "name ", "a:b", "tab\tname"])
    func unsafeDataDirNames(_ name: String) {
        #expect(IdentityRules.unsafeReason(name) != nil)
    }

    @Test(arguments: ["open-cowork", "Acme Cowork", "acme_cowork.v2"])
    func safeDataDirNames(_ name: String) {
        #expect(IdentityRules.unsafeReason(name) == nil)
    }

    @Test func dataDirFindingIsAnError() throws {
        let findings = IdentityRules.check(try RulesFixture.context(#"{"branding":{"dataDirName":"../etc"}}"#))
        #expect(findings.map(\.code) == ["identity-data-dir"] && findings.first?.severity == .error)
    }
}
