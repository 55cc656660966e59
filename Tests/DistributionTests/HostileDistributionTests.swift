import Diagnostics
import Foundation
import Packaging
import OpenCowork
import Testing
import TestSupport
@testable import Distribution

/// Each hostile distribution fails `check` with one clear error, so `build` writes nothing.
@Suite struct HostileDistributionTests {
    func errors(_ fixture: DistributionFixture, limits: ContentLimits = .default) throws -> [Finding] {
        let (loaded, findings) = DistributionLoader.load(directory: fixture.root, displayPath: "dist", environment: [:])
        let distribution = try #require(loaded, "\(findings)")
        return (findings + CheckStage(options: CheckOptions(contentLimits: limits)).run(distribution).findings)
            .filter { $0.severity == .error }
    }

    @Test func symlinkOutOfTheRoot() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        try fixture.dir.write("secret", "key\n")
        try FileManager.default.createSymbolicLink(atPath: fixture.dir.file("dist/skills/acme-help/notes.md").path,
                                                   withDestinationPath: fixture.dir.file("secret").path)
        let found = try errors(fixture)
        #expect(found.map(\.code) == ["content-symlink-escape"])
        #expect(found.first?.location?.file == "dist/skills/acme-help/notes.md")
    }

    @Test func traversalInASkillReference() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        let overlay = try String(contentsOf: fixture.dir.file("dist/acme.yaml"), encoding: .utf8)
        try fixture.dir.write("dist/acme.yaml", overlay.replacingOccurrences(of: "sourceName: acme-help", with: "sourceName: ../acme-help"))
        let found = try errors(fixture)
        #expect(found.map(\.code) == ["content-bad-reference"])
        #expect(found.first?.location?.file == "dist/acme.yaml")
        #expect(found.first?.location?.line == 9)
    }

    @Test func missingReferencedSkill() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        try FileManager.default.removeItem(at: fixture.dir.file("dist/skills/acme-help"))
        let found = try errors(fixture)
        #expect(found.map(\.code) == ["content-skill-missing"])
        #expect(found.first?.location?.file == "dist/acme.yaml")
    }

    @Test func oversizedFile() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        try fixture.dir.write("dist/skills/acme-help/big.bin", Data(count: 4096))
        let found = try errors(fixture, limits: ContentLimits(maxFileBytes: 1024))
        #expect(found.map(\.code) == ["content-file-too-large"])
    }

    @Test func desktopTargetWithoutDataDirNameIsAFindingAtTheTarget() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        for file in ["upstream/open-cowork.config.json", "dist/acme.yaml"] {
            let text = try String(contentsOf: fixture.dir.file(file), encoding: .utf8)
            try fixture.dir.write(file, text.replacingOccurrences(of: #""dataDirName": "open-cowork","#, with: "")
                .replacingOccurrences(of: "  dataDirName: acme\n", with: ""))
        }
        let found = try errors(fixture)
        #expect(found.map(\.code) == ["target-data-dir-missing"])
        #expect(found.first?.location?.file == "dist/distribution.yaml")
        #expect(found.first?.location?.line == 6)
    }

    @Test func aFailedBuildLeavesEarlierArtifactsUntouched() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        let (loadedValue, _) = DistributionLoader.load(directory: fixture.root, displayPath: "dist", environment: [:])
        let loaded = try #require(loadedValue)
        let check = CheckStage().run(loaded)
        let options = BuildOptions(toolVersion: "test")
        let plan = try ArtifactPlanner(options: options).plan(loaded, check: check)
        let out = fixture.dir.file("out")
        try fixture.dir.write("out/acme-fixture-2.0.0-downstream-root.zip", "earlier release\n")
        // A shipped file vanishes between planning and writing: the build must fail whole.
        try FileManager.default.removeItem(at: fixture.dir.file("dist/skills/acme-help/SKILL.md"))
        #expect(throws: BuildError.self) { try ArtifactStage(options: options).run(plan, outputDirectory: out) }
        let left = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(left == ["acme-fixture-2.0.0-downstream-root.zip"])
        #expect(try String(contentsOf: out.appendingPathComponent(left[0]), encoding: .utf8) == "earlier release\n")
    }
}
