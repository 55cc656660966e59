import Foundation
import Documents
import Testing
import TestSupport
@testable import Packaging

/// Loading a side of `diff` from an output directory or a manifest file.
@Suite struct BuildDiffInputTests {
    typealias F = DiffFixtures

    @Test func readsAnOutputDirectoryWithItsConfig() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try F.writeBuild(dir, "out", F.manifest(), config: ["branding": ["name": "Acme"]])
        let input = try BuildDiffInput.load(path: path)
        #expect(input.manifest == F.manifest())
        #expect(input.config == ["branding": ["name": "Acme"]])
        // The manifest file alone carries no config.
        let bare = try BuildDiffInput.load(path: path + "/" + BuildManifest.fileName)
        #expect(bare.manifest == input.manifest && bare.config == nil)
    }

    @Test func missingManifestNamesThePath() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("empty/readme.txt", "x")
        let error = #expect(throws: PackagingError.self) { try BuildDiffInput.load(path: dir.file("empty").path) }
        #expect(error?.path == dir.file("empty").path + "/" + BuildManifest.fileName)
        #expect(error?.message.contains("missing build-manifest.json") == true)
        let absent = #expect(throws: PackagingError.self) { try BuildDiffInput.load(path: dir.file("nope").path) }
        #expect(absent?.path == dir.file("nope").path)
    }

    @Test func unparsableConfigIsAnError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try F.writeBuild(dir, "out", F.manifest())
        try dir.write("out/\(BuildDiffInput.configFileName)", "{\"a\": }")
        let error = #expect(throws: PackagingError.self) { try BuildDiffInput.load(path: path) }
        #expect(error?.path.hasPrefix(path + "/" + BuildDiffInput.configFileName + ":1:") == true)
    }
}
