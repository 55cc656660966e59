import Foundation
import Documents
import Testing
import TestSupport
@testable import Packaging

/// Hand-made manifests for the diff tests, and a writer for output directories.
enum DiffFixtures {
    static func record(_ path: String, _ sha: String, _ size: Int, _ mode: String? = "0644") -> BuildManifest.FileRecord {
        .init(path: path, sha256: sha, size: size, mode: mode)
    }

    static func manifest(version: String = "1.0.0", configSHA: String = "c1", kept: [String] = ["ORG_URL"],
                         content: [BuildManifest.FileRecord]? = nil,
                         zipEntries: [BuildManifest.FileRecord]? = nil, zipSHA: String = "z1") -> BuildManifest {
        let files = content ?? [record("config.json", "aa", 100), record("skills/a/SKILL.md", "bb", 2000),
                                record("mcps/old/server.json", "cc", 300)]
        return BuildManifest(
            toolVersion: "0.1.0", name: "acme", version: version, upstreamSource: "../upstream", upstreamSHA256: "up1",
            upstreamPinned: true, sourceDateEpoch: 315_532_800, targets: ["desktop"], placeholdersKept: kept,
            placeholdersResolved: ["API_HOST"], configSHA256: configSHA, inputs: [record("distribution.yaml", "d1", 10, nil)],
            content: files,
            outputs: [.init(name: "acme.zip", sha256: zipSHA, size: 5000, entries: zipEntries ?? files),
                      .init(name: "SHA256SUMS", sha256: "s1", size: 80)])
    }

    /// Writes `build-manifest.json` (and `config.resolved.json` when given) into `directory/name`.
    @discardableResult
    static func writeBuild(_ directory: TemporaryDirectory, _ name: String, _ manifest: BuildManifest,
                           config: JSONValue? = nil) throws -> String {
        try directory.write("\(name)/\(BuildManifest.fileName)", JSONWriter().string(manifest.json))
        if let config { try directory.write("\(name)/\(BuildDiffInput.configFileName)", JSONWriter().string(config)) }
        return directory.file(name).path
    }
}

@Suite struct BuildDiffTests {
    typealias F = DiffFixtures

    func diff(_ a: BuildManifest, _ b: BuildManifest, _ configA: JSONValue? = nil, _ configB: JSONValue? = nil) -> BuildDiff {
        BuildDiff(old: BuildDiffInput(label: "old", manifest: a, config: configA),
                  new: BuildDiffInput(label: "new", manifest: b, config: configB))
    }

    @Test func identicalBuildsHaveNoChanges() {
        let result = diff(F.manifest(), F.manifest(), ["a": 1], ["a": 1.0])
        #expect(result.isIdentical)
        #expect(result.fields.isEmpty && result.content.isEmpty && result.outputs.isEmpty && result.config.changes.isEmpty)
        let text = BuildDiffRenderer().render(result)
        #expect(text == "Comparing old -> new\n\nNo differences: the builds are identical.\n")
    }

    @Test func contentAddedRemovedAndChanged() {
        let old = F.manifest()
        let newFiles = [F.record("config.json", "a2", 112), F.record("skills/a/SKILL.md", "bb", 2000, "0755"),
                        F.record("skills/new-skill/SKILL.md", "dd", 1229)]
        let new = F.manifest(content: newFiles, zipEntries: old.content)
        let result = diff(old, new)
        #expect(!result.isIdentical)
        #expect(result.content.map(\.path) == ["config.json", "mcps/old/server.json", "skills/a/SKILL.md", "skills/new-skill/SKILL.md"])
        #expect(result.content.map(\.kind) == [.changed, .removed, .changed, .added])
        #expect(result.content[0].contentChanged && result.content[0].sizeDelta == 12 && result.content[0].modeChange == nil)
        #expect(!result.content[2].contentChanged && result.content[2].modeChange?.new == "0755")
        #expect(result.outputs.isEmpty)  // the zip's entries and digest were kept the same
        let text = BuildDiffRenderer().render(result)
        #expect(text.contains("\nContent\n~ config.json (+12 B)\n- mcps/old/server.json (300 B)\n"
                              + "~ skills/a/SKILL.md (mode 0644 -> 0755)\n+ skills/new-skill/SKILL.md (1.2 KB)\n"))
        #expect(text.hasSuffix("\nSummary: 4 content files (1 added, 1 removed, 2 changed).\n"))
    }

    @Test func archiveEntryModeChange() throws {
        let old = F.manifest()
        var entries = old.content
        entries[1].mode = "0755"  // mcps/old/server.json after sorting
        let new = F.manifest(zipEntries: entries, zipSHA: "z2")
        let result = diff(old, new)
        #expect(result.content.isEmpty)
        let zip = try #require(result.outputs.first)
        #expect(result.outputs.count == 1 && zip.name == "acme.zip" && zip.kind == .changed)
        #expect(zip.entries.map(\.path) == ["mcps/old/server.json"])
        #expect(zip.entries.first?.modeChange?.old == "0644" && zip.entries.first?.modeChange?.new == "0755")
        let text = BuildDiffRenderer().render(result)
        #expect(text.contains("\nArtifacts\n~ acme.zip (same size, 1 entry)\n    ~ mcps/old/server.json (mode 0644 -> 0755)\n"))
    }

    @Test func outputsAddedAndRemoved() {
        var new = F.manifest()
        new.outputs = new.outputs.filter { $0.name == "SHA256SUMS" } + [.init(name: "acme.tar.gz", sha256: "t", size: 2048, entries: [])]
        let result = diff(F.manifest(), new)
        #expect(result.outputs.map { "\($0.kind.rawValue) \($0.name)" } == ["added acme.tar.gz", "removed acme.zip"])
        #expect(BuildDiffRenderer().render(result).contains("+ acme.tar.gz (2.0 KB)\n- acme.zip (4.9 KB)\n"))
    }

    @Test func configChangesByPointerWhenBothConfigsAreKnown() {
        let oldConfig: JSONValue = ["branding": ["name": "Acme"], "mcps": [["name": "a", "url": "u"], ["name": "b", "url": "v"]]]
        let newConfig: JSONValue = ["branding": ["name": "Acme AI"], "mcps": [["name": "b", "url": "v2"], ["name": "a", "url": "u"]]]
        let result = diff(F.manifest(), F.manifest(configSHA: "c2"), oldConfig, newConfig)
        #expect(result.config.structural)
        #expect(result.config.changes.map(\.pointer.description) == ["/branding/name", "/mcps/0/url"])
        let text = BuildDiffRenderer().render(result)
        #expect(text.contains("\nConfig\n~ /branding/name: \"Acme\" -> \"Acme AI\"\n~ /mcps/0/url: \"v\" -> \"v2\"\n"))
        #expect(text.hasSuffix("Summary: 2 config changes.\n"))
    }

    @Test func configDigestOnlyWhenAConfigIsMissing() {
        let result = diff(F.manifest(), F.manifest(configSHA: "c2"), ["a": 1], nil)
        #expect(!result.config.structural && result.config.changes.isEmpty && result.config.digestChanged)
        #expect(!result.isIdentical)
        #expect(BuildDiffRenderer().render(result).contains("~ config digest: c1 -> c2"))
    }

    @Test func aDigestChangeWithEqualValuesStillCounts() {
        let result = diff(F.manifest(), F.manifest(configSHA: "c2"), ["n": 1], ["n": 1.0])
        #expect(result.config.structural && result.config.changes.isEmpty && !result.isIdentical)
        let text = BuildDiffRenderer().render(result)
        #expect(text.contains("~ config digest: c1 -> c2 (same values; order or number spelling differs)\n"))
        #expect(text.hasSuffix("Summary: config digest changed.\n"))
    }

    @Test func metadataAndPlaceholderNames() {
        let result = diff(F.manifest(kept: ["ORG_URL", "TEAM"]), F.manifest(version: "1.1.0", kept: ["ORG_URL", "SUPPORT"]))
        #expect(result.fields == [.init(field: "version", old: "1.0.0", new: "1.1.0")])
        #expect(result.placeholdersKept.added == ["SUPPORT"] && result.placeholdersKept.removed == ["TEAM"])
        #expect(result.placeholdersResolved.isEmpty)
        let text = BuildDiffRenderer().render(result)
        #expect(text.contains("\nDistribution\n~ version: 1.0.0 -> 1.1.0\n\nPlaceholders\n+ kept: SUPPORT\n- kept: TEAM\n"))
    }

    @Test func jsonShapeIsStable() throws {
        let new = F.manifest(content: [F.record("config.json", "a2", 100)], zipSHA: "z2")
        let result = diff(F.manifest(), new, ["x": 1], ["x": 2])
        let value = try JSONReader().read(BuildDiffRenderer(format: .json).render(result)).value
        #expect(value["formatVersion"] == 1 && value["identical"] == false && value["old"] == "old")
        #expect(value["/config/compared" as JSONPointer] == "structure")
        #expect(value["/config/changes/0" as JSONPointer] == ["pointer": "/x", "kind": "changed", "old": 1, "new": 2])
        #expect(value["/content/0/path" as JSONPointer] == "config.json")
        #expect(value["/content/0/new/sha256" as JSONPointer] == "a2")
        #expect(value["/content/1/kind" as JSONPointer] == "removed" && value["/content/1/new" as JSONPointer] == nil)
        #expect(value["/outputs/0/entries" as JSONPointer]?.arrayValue?.count == 3)
        #expect(value["summary"]?.stringValue?.hasPrefix("Summary: 1 config change,") == true)
    }

    @Test func sizesForPeople() {
        #expect(BuildDiffRenderer.size(300) == "300 B")
        #expect(BuildDiffRenderer.size(1229) == "1.2 KB")
        #expect(BuildDiffRenderer.size(5 * 1024 * 1024 + 400 * 1024) == "5.4 MB")
        #expect(BuildDiffRenderer.signedSize(-1126) == "-1.1 KB")
        #expect(BuildDiffRenderer.signedSize(12) == "+12 B")
    }
}
