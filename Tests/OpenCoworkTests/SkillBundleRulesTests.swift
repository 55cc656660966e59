import Diagnostics
import Documents
import Foundation
import Testing
import TestSupport
@testable import OpenCowork

/// Skills the app would drop silently (upstream `validateOpenCodeSkillBundle`) are
/// findings at the config line that references them.
@Suite struct SkillBundleRulesTests {
    @Test func namesFollowTheAppsFormat() {
        for good in ["a", "a-b", "abc-123", String(repeating: "x", count: 64)] {
            #expect(SkillBundleRules.isValidName(good), "\(good)")
        }
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "a.b", "é", String(repeating: "x", count: 65)] {
            #expect(!SkillBundleRules.isValidName(bad), "\(bad)")
        }
    }

    @Test func frontMatterIsReadLineByLineAsTheAppReadsIt() {
        let text = "---\r\nname: 'abc\"\ndescription: >\n  folded\nname: second\n: nokey\nempty:\n---\nbody: x\n"
        let fields = SkillBundleRules.frontMatter(text)
        #expect(fields["name"] == "second", "a later key wins")
        #expect(fields["description"] == ">", "YAML block scalars are not understood: the app sees '>'")
        #expect(fields["folded"] == nil && fields["empty"] == nil && fields["body"] == nil)
        #expect(SkillBundleRules.frontMatter("--- \nname: a\n---\n").isEmpty, "the opening line must be exactly ---")
        #expect(SkillBundleRules.frontMatter("---\nname: a\n").isEmpty, "no closing line, no front matter")
        #expect(SkillBundleRules.frontMatter("---\nname: a\n---").count == 1, "the closing line may end the file")
        #expect(SkillBundleRules.frontMatter("\u{FEFF}---\nname: a\n---\n").isEmpty, "a BOM hides the block from the app")
    }

    @Test func issuesCoverNameDirectoryAndDescription() {
        let ok = "---\nname: notes\ndescription: Takes notes.\n---\n"
        #expect(SkillBundleRules.issues(directory: "notes", content: ok) == [])
        #expect(SkillBundleRules.issues(directory: "Notes", content: ok) == [.directoryName, .nameMismatch("notes")])
        #expect(SkillBundleRules.issues(directory: "notes", content: "---\nname: other\ndescription: d\n---\n")
            == [.nameMismatch("other")])
        #expect(SkillBundleRules.issues(directory: "notes", content: "# no front matter\n") == [.nameMissing, .descriptionMissing])
        let exactly = String(repeating: "é", count: 1024)
        #expect(SkillBundleRules.issues(directory: "notes", content: "---\nname: notes\ndescription: \(exactly)\n---\n") == [])
        let over = String(repeating: "a", count: 1023) + "😀"
        #expect(SkillBundleRules.issues(directory: "notes", content: "---\nname: notes\ndescription: \(over)\n---\n")
            == [.descriptionTooLong(1025)], "length counts UTF-16 code units, as JavaScript does")
    }

    func resolve(_ skills: [(String, String)], upstream: [(String, String)] = []) throws -> [Finding] {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for (name, text) in skills { try dir.write("dist/skills/\(name)/SKILL.md", text) }
        for (name, text) in upstream { try dir.write("upstream/skills/\(name)/SKILL.md", text) }
        let resolver = ContentResolver(distributionRoot: dir.file("dist"),
                                       downstream: ContentDirectories(conventionalUnder: dir.file("dist")),
                                       upstream: ContentDirectories(conventionalUnder: dir.file("upstream")))
        let names = (skills + upstream).map(\.0)
        let config: JSONValue = ["skills": .array(names.map { ["sourceName": .string($0)] })]
        return resolver.resolve(config: config) { pointer in
            SourceLocation(file: "overlay.yaml", line: (Int(pointer.tokens.dropFirst().first ?? "") ?? 0) + 10, column: 5)
        }.findings
    }

    /// A distribution's skill files are read from the distribution at their own item
    /// paths: the source is named by the item path under the distribution (one string per
    /// file); anything else keeps its real path.
    @Test func skillSourcesShareTheirItemPaths() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("dist/skills/notes/SKILL.md", "---\nname: notes\ndescription: d\n---\n")
        try dir.write("dist/skills/notes/refs/a.md", "a\n")
        let resolver = ContentResolver(distributionRoot: dir.file("dist"),
                                       downstream: ContentDirectories(conventionalUnder: dir.file("dist")),
                                       upstream: ContentDirectories(conventionalUnder: dir.file("upstream")))
        let plan = resolver.resolve(config: ["skills": [["sourceName": "notes"]]]) { _ in nil }.plan
        #expect(plan.items.map(\.path).sorted() == ["skills/notes/SKILL.md", "skills/notes/refs/a.md"])
        for item in plan.items {
            guard case .file(let source) = item.source else { Issue.record("not a file: \(item.path)"); continue }
            #expect(source.relative == item.path)
            #expect(source.base == dir.file("dist").path)
            #expect(source.path == dir.file("dist").path + "/" + item.path)
            #expect(FileManager.default.fileExists(atPath: source.path))
        }
    }

    @Test func droppedSkillsAreErrorsAtTheReferencingLine() throws {
        let long = String(repeating: "d", count: 1025)
        let findings = try resolve([
            ("Bad_Name", "---\nname: Bad_Name\ndescription: d\n---\n"),
            ("notes", "---\nname: meeting-notes\ndescription: d\n---\n"),
            ("long", "---\nname: long\ndescription: \(long)\n---\n"),
            ("fine", "---\nname: fine\ndescription: d\n---\n"),
        ], upstream: [("drifted", "---\nname: drifted-old\ndescription: d\n---\n")])
        let byCode = Dictionary(grouping: findings, by: \.code)
        #expect(byCode["skill-name-invalid"]?.map(\.pointer) == ["/skills/0/sourceName"])
        #expect(byCode["skill-name-mismatch"]?.map(\.pointer) == ["/skills/0/sourceName", "/skills/1/sourceName",
                                                                  "/skills/4/sourceName"])
        #expect(byCode["skill-description-too-long"]?.first?.location == SourceLocation(file: "overlay.yaml", line: 12, column: 5))
        #expect(byCode["skill-description-too-long"]?.first?.message.contains("1025") == true)
        #expect(findings.allSatisfy { $0.severity == .error })
        #expect(!findings.contains { $0.pointer == "/skills/3/sourceName" })
    }

    @Test func aMissingNameIsReportedOnceWhenTheYAMLCheckSaidSo() throws {
        let findings = try resolve([("notes", "---\ndescription: d\n---\n")])
        #expect(findings.map(\.code) == ["skill-front-matter"])
    }

    /// The file is read as the app reads it, byte order mark included: YAML readers
    /// skip the mark, the app's line reader does not, so the skill is dropped.
    @Test func aByteOrderMarkBeforeTheFrontMatterIsReportedAsTheAppSeesIt() throws {
        let findings = try resolve([("notes", "\u{FEFF}---\nname: notes\ndescription: d\n---\n")])
        #expect(findings.map(\.code) == ["skill-name-mismatch", "skill-description-missing"])
        #expect(findings.allSatisfy { $0.pointer == "/skills/0/sourceName" })
    }

    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"))
    func everyRealUpstreamSkillPasses() throws {
        let root = SharedData.upstreamCurrent.appendingPathComponent("skills")
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        #expect(names.count >= 6)
        for name in names {
            let text = try String(contentsOf: root.appendingPathComponent("\(name)/SKILL.md"), encoding: .utf8)
            #expect(SkillBundleRules.issues(directory: name, content: text) == [], "\(name)")
        }
    }
}
