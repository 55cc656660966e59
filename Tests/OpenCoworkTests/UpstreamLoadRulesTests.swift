import Diagnostics
import Documents
import Foundation
import Testing
import TestSupport
@testable import OpenCowork

/// Upstream's load rules the build matches exactly (issue 11): empty layers, the tree pin
/// of a `path:` upstream, and the stand-in release's marking.
@Suite struct UpstreamLoadRulesTests {
    // MARK: Empty layers

    @Test func emptyOrWhitespaceLayersReadAsAnEmptyObjectWithAWarning() throws {
        let base = #"{"a": 1, "b": [1]}"#
        for blank in ["", "  \n\t\r\n", "\u{FEFF}\n"] {
            for name in ["over.json", "over.yaml"] {
                let (result, findings, dir) = try LayerFixtures.load([("base.json", base), (name, blank)])
                defer { dir.remove() }
                #expect(findings.map(\.code) == ["layer-empty"], "\(name) \(blank.debugDescription)")
                #expect(findings.first?.severity == .warning)
                #expect(findings.first?.location == SourceLocation(file: name, line: 1, column: 1))
                #expect(result?.value == ["a": 1, "b": [1]])
            }
        }
        // A comment-only JSONC file is not blank: it is read (and refused) as before.
        let (_, comment, dir) = try LayerFixtures.load([("base.json", base), ("over.json", "// nothing\n")])
        defer { dir.remove() }
        #expect(!comment.contains { $0.code == "layer-empty" })
        #expect(comment.errorCount > 0)
    }

    // MARK: Tree digest

    /// The digest by its documented definition, computed independently of the walker.
    func expectedDigest(_ lines: [(mode: String, content: String, path: String)]) -> String {
        let listing = lines.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
            .map { "\($0.mode) \(sha256Hex($0.content)) \($0.path)\n" }.joined()
        return sha256Hex(listing)
    }

    func sha256Hex(_ text: String) -> String {
        let tool = try? ProcessRunner.run("sha256sum", [], stdin: Data(text.utf8))
        return String(tool?.stdout.prefix(64) ?? "")
    }

    @Test func treeDigestFollowsItsDefinition() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("rel/open-cowork.config.json", "{}\n")
        try dir.write("rel/skills/a/SKILL.md", "---\nname: a\n---\n")
        try dir.write("rel/mcps/m/dist/index.js", "run()\n")
        try dir.write("rel/.git/HEAD", "ignored\n")
        try dir.write("rel/skills/.DS_Store", "ignored\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.file("rel/mcps/m/dist/index.js").path)
        try FileManager.default.createSymbolicLink(atPath: dir.file("rel/skills/link").path, withDestinationPath: "a")
        let expected = expectedDigest([("100644", "{}\n", "open-cowork.config.json"),
                                       ("100644", "---\nname: a\n---\n", "skills/a/SKILL.md"),
                                       ("100755", "run()\n", "mcps/m/dist/index.js"),
                                       ("120000", "a", "skills/link")])
        #expect(expected.count == 64)
        #expect(try UpstreamTreeDigest.digest(of: dir.file("rel")) == expected)
        #expect(try UpstreamTreeDigest.entries(of: dir.file("rel")).map(\.path)
            == ["mcps/m/dist/index.js", "open-cowork.config.json", "skills/a/SKILL.md", "skills/link"])
    }

    @Test func aChangedUpstreamSkillIsAPinMismatchThatPrintsTheActualDigest() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        try fixture.dir.write("upstream/skills/clock/SKILL.md", "---\nname: clock\ndescription: Time.\n---\n")
        let (first, unpinnedFindings) = Pipeline.load(directory: fixture.root)
        defer { first?.removeTemporaryFiles() }
        #expect(!unpinnedFindings.contains { $0.code.hasPrefix("upstream-") }, "\(unpinnedFindings)")
        #expect(first?.upstream?.pinned == false)
        let digest = try #require(first?.upstream?.digest)
        #expect(digest == (try UpstreamTreeDigest.digest(of: fixture.dir.file("upstream"))))

        let manifest = try String(contentsOf: fixture.root.appendingPathComponent("distribution.yaml"), encoding: .utf8)
        try fixture.dir.write("dist/distribution.yaml",
                              manifest.replacingOccurrences(of: "upstream: {path: ../upstream}",
                                                            with: "upstream: {path: ../upstream, sha256: \"\(digest)\"}"))
        let (pinned, clean) = Pipeline.load(directory: fixture.root)
        #expect(pinned?.upstream?.pinned == true)
        #expect(!clean.contains { $0.code.hasPrefix("upstream-") }, "\(clean)")

        try fixture.dir.write("upstream/skills/clock/SKILL.md", "---\nname: clock\ndescription: Time, changed.\n---\n")
        let (changed, mismatch) = Pipeline.load(directory: fixture.root)
        #expect(changed == nil)
        let error = try #require(mismatch.first { $0.code == "upstream-digest-mismatch" })
        let actual = try UpstreamTreeDigest.digest(of: fixture.dir.file("upstream"))
        #expect(actual != digest)
        #expect(error.message.contains(actual) && error.message.contains(digest))
        #expect(error.location?.file.hasSuffix("distribution.yaml") == true)
    }

    @Test func aFifoMakesTheTreeUnpinnable() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("rel/open-cowork.config.json", "{}\n")
        guard mkfifo(dir.file("rel/pipe").path, 0o600) == 0 else { return }
        #expect(throws: UpstreamTreeDigest.Failure.self) { try UpstreamTreeDigest.digest(of: dir.file("rel")) }
        let (upstream, findings) = UpstreamStage().locate(directory: dir.file("rel"), display: "rel", sha256: nil,
                                                          at: SourceLocation(file: "distribution.yaml", line: 4, column: 3))
        #expect(upstream == nil)
        #expect(findings.map(\.code) == ["upstream-unreadable"])
    }

    // MARK: Stand-in

    @Test func theBundledStandInIsMarkedAndWarnsWithItsLists() throws {
        let standIn = SharedData.projectRoot.appendingPathComponent("templates/upstream-base")
        #expect(FileManager.default.fileExists(atPath: standIn.appendingPathComponent(Upstream.standInMarkerFileName).path))
        let (upstream, findings) = UpstreamStage().locate(directory: standIn, display: "templates/upstream-base", sha256: nil,
                                                          at: SourceLocation(file: "distribution.yaml", line: 5, column: 3))
        #expect(upstream?.isStandIn == true)
        let warning = try #require(findings.first { $0.code == "upstream-stand-in" })
        #expect(warning.severity == .warning)
        #expect(warning.location == SourceLocation(file: "distribution.yaml", line: 5, column: 3))
        for list in ["agents", "skills", "mcps"] { #expect(warning.message.contains(list), "\(list)") }
    }

    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"))
    func theRealUpstreamIsNotAStandIn() throws {
        let (upstream, findings) = UpstreamStage().locate(directory: SharedData.upstreamCurrent, display: "ba16c71", sha256: nil,
                                                          at: SourceLocation(file: "distribution.yaml", line: 1, column: 1))
        #expect(upstream?.isStandIn == false)
        #expect(findings.isEmpty)
        // Every file of the release is covered, skills and schema included.
        let paths = try UpstreamTreeDigest.entries(of: SharedData.upstreamCurrent).map(\.path)
        #expect(paths.contains("open-cowork.config.schema.json") && paths.contains("skills/time-keep/SKILL.md"))
        // The shell recipe docs/distribution-yaml.md gives agrees with the walker.
        let recipe = #"find . -type f ! -path '*/.*' | sed 's|^\./||' | LC_ALL=C sort | while read -r f; do printf '100644 %s %s\n' "$(sha256sum < "$f" | cut -c1-64)" "$f"; done | sha256sum"#
        let docs = try String(contentsOf: SharedData.projectRoot.appendingPathComponent("docs/distribution-yaml.md"), encoding: .utf8)
        #expect(docs.contains(recipe))
        let shell = try ProcessRunner.run("/bin/sh", ["-c", recipe], cwd: SharedData.upstreamCurrent)
        #expect(String(shell.stdout.prefix(64)) == upstream?.digest)
    }
}
