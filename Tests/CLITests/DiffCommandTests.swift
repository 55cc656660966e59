import Foundation
import Documents
import Packaging
import Testing
import TestSupport

/// Runs the built `cowork-dist diff` on two hand-made output directories.
@Suite struct DiffCommandTests {
    let binary = ProcessRunner.coworkDistBinary.path

    func manifest(skill: (String, String, Int)?, serverMode: String = "0644") -> BuildManifest {
        var files: [BuildManifest.FileRecord] = [.init(path: "config.json", sha256: "aa", size: 100, mode: "0644"),
                                                 .init(path: "mcps/old/server.json", sha256: "cc", size: 300, mode: serverMode)]
        if let skill { files.append(.init(path: skill.0, sha256: skill.1, size: skill.2, mode: "0644")) }
        return BuildManifest(
            toolVersion: "0.1.0", name: "acme", version: "1.0.0", upstreamSource: "../up", upstreamSHA256: "u",
            upstreamPinned: false, sourceDateEpoch: 0, targets: ["desktop"], placeholdersKept: [],
            placeholdersResolved: [], configSHA256: "c", inputs: [], content: files,
            outputs: [.init(name: "acme.zip", sha256: serverMode == "0644" ? "z1" : "z2", size: 900, entries: files)])
    }

    func write(_ dir: TemporaryDirectory, _ name: String, _ manifest: BuildManifest, _ config: JSONValue) throws -> String {
        try dir.write("\(name)/build-manifest.json", JSONWriter().string(manifest.json))
        try dir.write("\(name)/config.resolved.json", JSONWriter().string(config))
        return dir.file(name).path
    }

    @Test func exitStatusAndChangeLines() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let a = try write(dir, "a", manifest(skill: nil), ["branding": ["name": "Acme"]])
        let a2 = try write(dir, "a2", manifest(skill: nil), ["branding": ["name": "Acme"]])
        let b = try write(dir, "b", manifest(skill: ("skills/new-skill/SKILL.md", "dd", 1229), serverMode: "0755"),
                          ["branding": ["name": "Acme AI"]])

        let same = try ProcessRunner.run(binary, ["diff", a, a2])
        #expect(same.status == 0)
        #expect(same.stdout.hasSuffix("No differences: the builds are identical.\n"))

        let changed = try ProcessRunner.run(binary, ["diff", a, b])
        #expect(changed.status == 1)
        #expect(changed.stderr.isEmpty)
        for line in ["~ /branding/name: \"Acme\" -> \"Acme AI\"", "+ skills/new-skill/SKILL.md (1.2 KB)",
                     "~ mcps/old/server.json (mode 0644 -> 0755)", "~ acme.zip (same size, 2 entries)",
                     "    + skills/new-skill/SKILL.md (1.2 KB)"] {
            #expect(changed.stdout.contains(line + "\n"), "missing line: \(line)")
        }
        #expect(changed.stdout.hasSuffix("Summary: 1 config change, 2 content files (1 added, 1 changed), 1 artifact (1 changed).\n"))
    }

    @Test func jsonFormatParses() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let a = try write(dir, "a", manifest(skill: nil), ["x": 1])
        let b = try write(dir, "b", manifest(skill: ("skills/s/SKILL.md", "ee", 10)), ["x": 1])
        let result = try ProcessRunner.run(binary, ["diff", a, b + "/build-manifest.json", "--format", "json"])
        #expect(result.status == 1)
        let value = try JSONReader().read(result.stdout).value
        #expect(value["identical"] == false)
        #expect(value["/config/compared" as JSONPointer] == "digest")  // one side is a bare manifest
        #expect(value["/content/0" as JSONPointer] == ["path": "skills/s/SKILL.md", "kind": "added",
                                                       "new": ["sha256": "ee", "size": 10, "mode": "0644"]])
    }

    @Test func unreadableInputExitsTwoAndNamesThePath() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let a = try write(dir, "a", manifest(skill: nil), ["x": 1])
        try dir.write("empty/notes.txt", "not a build")
        let missing = try ProcessRunner.run(binary, ["diff", a, dir.file("empty").path])
        #expect(missing.status == 2)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr.contains(dir.file("empty").path + "/build-manifest.json"))
        #expect(missing.stderr.contains("missing build-manifest.json"))

        try dir.write("bad/build-manifest.json", "{\"formatVersion\": 1}")
        let foreign = try ProcessRunner.run(binary, ["diff", dir.file("bad").path, a])
        #expect(foreign.status == 2)
        #expect(foreign.stderr.contains("is not a cowork-dist build manifest"))
    }

    @Test func helpHasAnExample() throws {
        let result = try ProcessRunner.run(binary, ["diff", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Example:") && result.stdout.contains("cowork-dist diff"))
    }
}
