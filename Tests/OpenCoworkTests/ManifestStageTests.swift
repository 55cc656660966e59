import Foundation
import Testing
import Documents
import Diagnostics
import TestSupport
@testable import OpenCowork

/// Strict reading of distribution.yaml.
@Suite struct ManifestStageTests {
    func read(_ text: String) throws -> (Manifest?, [Finding]) {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try dir.write("distribution.yaml", text)
        return ManifestStage(displayDirectory: "dist").run(directory: dir.url)
    }

    @Test func readsEveryField() throws {
        let (manifest, findings) = try read("""
            name: acme-cowork
            version: 1.4.0-rc.1+build.5
            upstream: {path: ../vendor/oc, sha256: \(String(repeating: "ab", count: 32))}
            overlays: [config/a.yaml, config/b.json]
            env: {resolve: [ACME_URL]}
            content: {skills: my-skills}
            targets:
              desktop: {platforms: [linux], formats: [zip]}
              claude-3p: {policy: policy/managed.yaml, profile: restricted, plugins: plugins, formats: [reg, json]}
            waivers: [{code: secret-literal, pointer: /branding/helpUrl, reason: fixture}]
            """)
        #expect(findings.isEmpty)
        let m = try #require(manifest)
        #expect(m.name == "acme-cowork" && m.version == "1.4.0-rc.1+build.5")
        #expect(m.upstream?.source == .path("../vendor/oc"))
        #expect(m.overlays == ["config/a.yaml", "config/b.json"])
        #expect(m.resolveEnv == ["ACME_URL"])
        #expect(m.content.skills == "my-skills" && m.content.mcps == "mcps" && m.content.branding == "branding")
        #expect(m.targets.desktop?.platforms == [.linux] && m.targets.desktop?.formats == [.zip])
        #expect(m.targets.claude3p?.profile == "restricted" && m.targets.claude3p?.formats == [.reg, .json])
        #expect(m.waivers.first?.pointer == "/branding/helpUrl")
    }

    @Test func unknownKeyIsAnErrorWithDidYouMeanAtItsLine() throws {
        let (manifest, findings) = try read("name: acme\nversion: 1.0.0\nupstream: {path: up}\noverlay: [a.yaml]\ntargets:\n  desktop:\n    platfroms: [linux]\n")
        #expect(manifest == nil)
        let top = try #require(findings.first { $0.message.contains("'overlay'") })
        #expect(top.code == "manifest-unknown-key")
        #expect(top.message.contains("did you mean 'overlays'"))
        #expect(top.location == SourceLocation(file: "dist/distribution.yaml", line: 4, column: 1))
        let nested = try #require(findings.first { $0.message.contains("platfroms") })
        #expect(nested.message.contains("did you mean 'platforms'"))
        #expect(nested.location?.line == 7 && nested.location?.column == 5)
    }

    @Test(arguments: ["Acme", "acme_cowork", "-acme", "acme--cowork", "1acme", "acme-"])
    func badNamesAreRejected(name: String) throws {
        let (manifest, findings) = try read("name: \"\(name)\"\nversion: 1.0.0\nupstream: {path: up}\n")
        #expect(manifest == nil)
        #expect(findings.map(\.code) == ["manifest-name"])
        #expect(findings.first?.location?.line == 1)
    }

    @Test(arguments: ["1.0", "01.2.3", "1.2.3-", "1.2.3-01", "1.2.3+", "v1.2.3", "1.2.3.4", "1.2.x"])
    func badVersionsAreRejected(version: String) throws {
        let (manifest, findings) = try read("name: acme\nversion: \"\(version)\"\nupstream: {path: up}\n")
        #expect(manifest == nil)
        #expect(findings.map(\.code) == ["manifest-version"])
        #expect(findings.first?.location?.line == 2)
    }

    @Test(arguments: ["0.0.0", "1.2.3", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7", "1.0.0-x.7.z.92", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85"])
    func goodVersionsAreAccepted(version: String) {
        #expect(ManifestStage.isSemVer(version))
    }

    @Test func unquotedFloatVersionIsATypeError() throws {
        let (_, findings) = try read("name: acme\nversion: 1.4\nupstream: {path: up}\n")
        #expect(findings.map(\.code) == ["manifest-type"])
    }

    @Test func pathsMustStayInsideTheDistribution() throws {
        let (manifest, findings) = try read("name: acme\nversion: 1.0.0\nupstream: {path: ../outside-is-fine}\noverlays: [../x.yaml, /etc/y.json]\ncontent: {skills: a/../../b}\n")
        #expect(manifest == nil)
        #expect(findings.map(\.code) == ["manifest-path-escapes", "manifest-path-escapes", "manifest-path-escapes"])
    }

    @Test func bothPathAndArchiveIsAnError() throws {
        let (_, findings) = try read("name: acme\nversion: 1.0.0\nupstream: {path: a, archive: b.zip}\n")
        #expect(findings.map(\.code) == ["manifest-upstream"])
    }

    @Test func badChoicesSuggestTheNearest() throws {
        let (_, findings) = try read("name: acme\nversion: 1.0.0\nupstream: {path: a}\ntargets: {desktop: {platforms: [macoss]}}\n")
        #expect(findings.first?.message.contains("did you mean 'macos'") == true)
    }
}
