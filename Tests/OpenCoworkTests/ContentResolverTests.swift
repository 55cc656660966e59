import Diagnostics
import Documents
import Foundation
import Packaging
import Testing
import TestSupport
@testable import OpenCowork

@Suite struct ContentResolverTests {
    /// A distribution with one shipped skill, one MCP and a logo, over an upstream with one skill.
    func makeFixture() throws -> (TemporaryDirectory, ContentResolver) {
        let dir = try TemporaryDirectory()
        try dir.write("dist/skills/acme-help/SKILL.md", "---\nname: acme-help\ndescription: Helps.\n---\nBody\n")
        try dir.write("dist/skills/acme-help/references/a.md", "ref\n")
        try dir.write("dist/mcps/acme-tools/dist/index.js", "console.log(1)\n")
        try dir.write("dist/branding/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
        try dir.write("upstream/skills/clock/SKILL.md", "---\nname: clock\ndescription: Time.\n---\n")
        let resolver = ContentResolver(
            distributionRoot: dir.file("dist"),
            downstream: ContentDirectories(conventionalUnder: dir.file("dist")),
            upstream: ContentDirectories(conventionalUnder: dir.file("upstream")))
        return (dir, resolver)
    }

    let config: JSONValue = [
        "branding": ["sidebar": ["top": ["logoAsset": "branding/logo.svg"]]],
        "skills": [["sourceName": "acme-help"], ["sourceName": "clock"]],
        "mcps": [["name": "t", "type": "local", "packageName": "acme-tools"],
                 ["name": "c", "type": "local", "packageName": "charts"],
                 ["name": "r", "type": "remote", "url": "https://x.example"]],
    ]

    func locate(_ pointer: JSONPointer) -> Documents.SourceLocation? { Documents.SourceLocation(file: "overlay.yaml", line: pointer.tokens.count, column: 1) }

    @Test func shipsOnlyReferencedDownstreamContentSorted() throws {
        let (dir, resolver) = try makeFixture()
        defer { dir.remove() }
        let result = resolver.resolve(config: config, locate: locate)
        #expect(result.findings.isEmpty, "\(result.findings)")
        #expect(result.plan.items.map(\.path) == [
            "branding/logo.svg", "mcps/acme-tools/dist/index.js",
            "skills/acme-help/SKILL.md", "skills/acme-help/references/a.md",
        ])
        #expect(result.plan.providedByUpstream == ["mcp:charts", "skill:clock"])
    }

    @Test func unreferencedDownstreamContentIsAWarning() throws {
        let (dir, resolver) = try makeFixture()
        defer { dir.remove() }
        try dir.write("dist/skills/stray/SKILL.md", "---\nname: stray\ndescription: x\n---\n")
        let result = resolver.resolve(config: config, locate: locate)
        let warning = try #require(result.findings.first)
        #expect(result.findings.count == 1)
        #expect(warning.severity == .warning && warning.code == "content-unreferenced")
        #expect(warning.message.contains("'stray'"))
        #expect(!result.plan.items.contains { $0.path.hasPrefix("skills/stray") })
    }

    @Test func missingSkillIsOneErrorAtItsReferenceWithASuggestion() throws {
        let (dir, resolver) = try makeFixture()
        defer { dir.remove() }
        let broken: JSONValue = ["skills": [["sourceName": "acme-hlep"]]]
        let result = resolver.resolve(config: broken, locate: locate)
        let errors = result.findings.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.code == "content-skill-missing")
        #expect(errors.first?.message.contains("did you mean 'acme-help'") == true)
        #expect(errors.first?.pointer == "/skills/0/sourceName")
        #expect(errors.first?.location?.file == "overlay.yaml")
    }

    @Test func traversalInAReferenceIsRefused() throws {
        let (dir, resolver) = try makeFixture()
        defer { dir.remove() }
        let result = resolver.resolve(config: ["skills": [["sourceName": "../upstream/skills/clock"]]], locate: locate)
        #expect(result.findings.filter { $0.severity == .error }.map(\.code) == ["content-bad-reference"])
        #expect(result.plan.items.isEmpty)
    }

    @Test func symlinkOutOfTheRootIsOneClearError() throws {
        let (dir, resolver) = try makeFixture()
        defer { dir.remove() }
        try dir.write("secret.txt", "top secret\n")
        try FileManager.default.createSymbolicLink(atPath: dir.file("dist/skills/acme-help/leak.txt").path,
                                                   withDestinationPath: dir.file("secret.txt").path)
        let result = resolver.resolve(config: config, locate: locate)
        #expect(result.findings.map(\.code) == ["content-symlink-escape"])
        #expect(!result.plan.items.contains { $0.path.hasSuffix("leak.txt") })
    }

    @Test func symlinkInsideTheRootIsFollowed() throws {
        let (dir, resolver) = try makeFixture()
        defer { dir.remove() }
        try FileManager.default.createSymbolicLink(atPath: dir.file("dist/skills/acme-help/alias.md").path,
                                                   withDestinationPath: "references/a.md")
        let result = resolver.resolve(config: config, locate: locate)
        #expect(result.findings.isEmpty)
        #expect(result.plan.items.contains { $0.path == "skills/acme-help/alias.md" })
    }

    @Test func oversizedFileIsOneClearError() throws {
        let (dir, base) = try makeFixture()
        defer { dir.remove() }
        try dir.write("dist/skills/acme-help/big.bin", Data(count: 2048))
        var resolver = base
        resolver.limits = ContentLimits(maxFileBytes: 1024)
        let result = resolver.resolve(config: config, locate: locate)
        #expect(result.findings.map(\.code) == ["content-file-too-large"])
        #expect(result.findings.first?.message.contains("big.bin") == true)
    }

    @Test func caseCollidingNamesAreRefused() throws {
        let (dir, resolver) = try makeFixture()
        defer { dir.remove() }
        try dir.write("dist/skills/acme-help/Notes.md", "a")
        try dir.write("dist/skills/acme-help/notes.md", "b")
        let result = resolver.resolve(config: config, locate: locate)
        #expect(result.findings.map(\.code) == ["content-case-collision"])
    }

    @Test func skillWithoutDescriptionIsAnErrorAtItsFrontMatter() throws {
        let (dir, resolver) = try makeFixture()
        defer { dir.remove() }
        try dir.write("dist/skills/acme-help/SKILL.md", "---\nname: acme-help\n---\n")
        let result = resolver.resolve(config: config, locate: locate)
        #expect(result.findings.map(\.code) == ["skill-front-matter"])
        #expect(result.findings.first?.message.contains("'description'") == true)
    }

    @Test func missingMCPIsAnError() throws {
        let (dir, resolver) = try makeFixture()
        defer { dir.remove() }
        let result = resolver.resolve(config: ["mcps": [["type": "local", "packageName": "acme-tool"]]], locate: locate)
        #expect(result.findings.filter { $0.severity == .error }.map(\.code) == ["content-mcp-missing"])
        #expect(result.findings.first?.message.contains("did you mean 'acme-tools'") == true)
    }

    @Test func dryRunListingNamesModesSizesAndSources() throws {
        let (dir, resolver) = try makeFixture()
        defer { dir.remove() }
        let plan = resolver.resolve(config: config, locate: locate).plan
        let listing = plan.listing()
        #expect(listing.contains("0644          15  mcps/acme-tools/dist/index.js  <- \(dir.file("dist/mcps/acme-tools/dist/index.js").path)"))
        var onDisk = 0
        for path in ["branding/logo.svg", "mcps/acme-tools/dist/index.js", "skills/acme-help/SKILL.md", "skills/acme-help/references/a.md"] {
            onDisk += try FileManager.default.attributesOfItem(atPath: dir.file("dist/" + path).path)[.size] as? Int ?? -1
        }
        #expect(listing.hasSuffix("4 files, \(onDisk) bytes; provided by upstream: mcp:charts, skill:clock\n"))
    }
}
