import Foundation
import Testing
import Documents
import Diagnostics
import TestSupport
@testable import OpenCowork

/// The bundled example distribution loads through the whole pipeline.
@Suite struct PipelineExampleTests {
    var directory: URL { SharedData.projectRoot.appendingPathComponent("distributions/acme-desktop") }

    @Test func acmeDesktopLoads() throws {
        let (loaded, findings) = Pipeline.load(directory: directory, displayPath: "acme",
                                               environment: ["ACME_SUPPORT_URL": "https://help.acme.example"])
        // The example builds on the stand-in release on purpose; that is its one warning.
        #expect(findings.map(\.code) == ["upstream-stand-in"], "\(findings)")
        let result = try #require(loaded)
        #expect(result.upstream?.isStandIn == true)
        #expect(result.manifest?.name == "acme-desktop")
        #expect(result.upstream?.skillsRoot?.lastPathComponent == "skills")
        #expect(result.layers.map(\.name) == ["upstream", "config/branding.yaml", "config/telemetry.json"])
        #expect(result.value["/branding/supportUrl" as JSONPointer] == "https://help.acme.example")
        #expect(result.value["/branding/name" as JSONPointer] == "Acme Cowork")
        #expect(result.value["x-acme-name"] == nil)
        #expect(result.value["/skills" as JSONPointer]?.arrayValue?.compactMap { $0["sourceName"]?.stringValue } == ["meeting-notes", "acme-handbook"])
        #expect(result.value["/telemetry/headers/Authorization" as JSONPointer] == "Bearer {env:ACME_TELEMETRY_TOKEN}")
        #expect(result.placeholders.kept == ["ACME_TELEMETRY_TOKEN"])
        #expect(result.placeholders.resolved == ["ACME_SUPPORT_URL"])
        let origin = try #require(result.provenance.origin(of: "/skills/1/sourceName"))
        #expect(origin.location.file == "acme/config/branding.yaml")
    }

    @Test func missingResolvedVariableIsAnError() {
        let (loaded, all) = Pipeline.load(directory: directory, displayPath: "acme", environment: [:])
        let findings = all.filter { $0.code != "upstream-stand-in" }
        #expect(loaded != nil)
        #expect(findings.map(\.code) == ["placeholder-unset"])
        #expect(findings.first?.location == SourceLocation(file: "acme/config/branding.yaml", line: 12, column: 16))
    }

    @Test func upstreamPinIsVerified() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let upstream = SharedData.projectRoot.appendingPathComponent("templates/upstream-base").path
        _ = try dir.write("distribution.yaml", "name: pinned\nversion: 0.1.0\nupstream: {path: \(upstream), sha256: \"\(String(repeating: "0", count: 64))\"}\n")
        let (loaded, findings) = Pipeline.load(directory: dir.url)
        #expect(loaded == nil)
        let finding = try #require(findings.first)
        #expect(finding.code == "upstream-digest-mismatch")
        #expect(finding.message.contains(String(repeating: "0", count: 64)))
        #expect(finding.location?.line == 3)
    }
}

/// Problems found while loading layers of a distribution.
@Suite struct PipelineLayerErrorTests {
    @Test func missingOverlayPointsAtTheManifestLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let upstream = SharedData.projectRoot.appendingPathComponent("templates/upstream-base").path
        _ = try dir.write("distribution.yaml", "name: d\nversion: 0.1.0\nupstream: {path: \(upstream)}\noverlays:\n  - here.yaml\n  - missing.yaml\n")
        _ = try dir.write("here.yaml", "branding: {name: D}\n")
        let (loaded, all) = Pipeline.load(directory: dir.url, displayPath: "d")
        let findings = all.filter { $0.code != "upstream-stand-in" }
        #expect(loaded == nil)
        #expect(findings.map(\.code) == ["overlay-not-found"])
        #expect(findings.first?.location == SourceLocation(file: "d/distribution.yaml", line: 6, column: 5))
    }

    @Test func duplicateJSONKeysAreWarnings() throws {
        let (result, findings, dir) = try LayerFixtures.load([("base.json", "{\n  \"a\": 1,\n  \"a\": 2\n}\n")])
        defer { dir.remove() }
        #expect(findings.map(\.severity) == [.warning])
        #expect(findings.first?.location?.line == 3)
        #expect(result?.value["a"] == 2)
    }

    @Test func aLayerMustBeAnObject() throws {
        let (result, findings, dir) = try LayerFixtures.load([("base.json", "{}"), ("over.yaml", "- 1\n- 2\n")])
        defer { dir.remove() }
        #expect(result == nil)
        #expect(findings.map(\.code) == ["layer-not-object"])
    }
}

/// Archive upstreams: pinned, unpacked safely, located inside a top-level directory.
@Suite struct UpstreamArchiveTests {
    func makeArchive(in dir: TemporaryDirectory) throws -> URL {
        let templates = SharedData.projectRoot.appendingPathComponent("templates")
        let archive = dir.file("release.tar.gz")
        let tar = try ProcessRunner.run("tar", ["-czf", archive.path, "-C", templates.path, "upstream-base"])
        #expect(tar.status == 0, "\(tar.stderr)")
        return archive
    }

    /// The digest as sha256sum computes it (an independent implementation).
    func sha256(_ url: URL) throws -> String {
        let run = try ProcessRunner.run("sha256sum", [url.path])
        return String(run.stdout.prefix(64))
    }

    @Test func archiveUpstreamLoadsAndIsPinned() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let archive = try makeArchive(in: dir)
        let digest = try sha256(archive)
        _ = try dir.write("distribution.yaml", "name: packed\nversion: 0.1.0\nupstream: {archive: release.tar.gz, sha256: \"\(digest)\"}\n")
        let (loaded, findings) = Pipeline.load(directory: dir.url, displayPath: "packed")
        // The stand-in is recognised inside an archive too.
        #expect(findings.map(\.code) == ["upstream-stand-in"], "\(findings)")
        let result = try #require(loaded)
        #expect(result.upstream?.isStandIn == true)
        #expect(result.upstream?.digest == digest && result.upstream?.pinned == true)
        #expect(result.upstream?.skillsRoot != nil)
        #expect(result.value["branding"]?["name"] == "Open Cowork")
        #expect(result.layers[0].document.file == "packed/release.tar.gz!/upstream-base/open-cowork.config.json")
        let unpacked = try #require(result.upstream?.temporaryDirectory)
        #expect(FileManager.default.fileExists(atPath: unpacked.path))
        result.removeTemporaryFiles()
        #expect(!FileManager.default.fileExists(atPath: unpacked.path))
    }

    @Test func archiveDigestMismatchNamesBothDigests() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let archive = try makeArchive(in: dir)
        let digest = try sha256(archive)
        let wrong = String(repeating: "a", count: 64)
        _ = try dir.write("distribution.yaml", "name: packed\nversion: 0.1.0\nupstream:\n  archive: release.tar.gz\n  sha256: \(wrong)\n")
        let (loaded, findings) = Pipeline.load(directory: dir.url, displayPath: "packed")
        #expect(loaded == nil)
        #expect(findings.map(\.code) == ["upstream-digest-mismatch"])
        #expect(findings.first?.message.contains(digest) == true && findings.first?.message.contains(wrong) == true)
    }

    @Test func hostileArchiveIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try dir.write("evil/open-cowork.config.json", "{}")
        let tar = try ProcessRunner.run("tar", ["-czf", dir.file("evil.tar.gz").path, "-C", dir.file("evil").path,
                                               "--transform", "s,^,../,", "open-cowork.config.json"])
        #expect(tar.status == 0, "\(tar.stderr)")
        _ = try dir.write("distribution.yaml", "name: evil\nversion: 0.1.0\nupstream: {archive: evil.tar.gz}\n")
        let (loaded, findings) = Pipeline.load(directory: dir.url, displayPath: "evil")
        #expect(loaded == nil)
        #expect(findings.map(\.code) == ["upstream-archive-invalid"])
    }
}
