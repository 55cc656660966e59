import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import Distribution

/// `init`'s library side: names, values, substitution, rendering the real templates,
/// writing (refusals, staging) and the templates lookup.
@Suite struct DistributionTemplateTests {
    var templates: URL { SharedData.projectRoot.appendingPathComponent("templates") }
    var template: DistributionTemplate { DistributionTemplate(templatesRoot: templates) }

    @Test(arguments: ["acme", "acme-cowork", "a1-b2-c3"])
    func kebabCaseNamesAreAccepted(_ name: String) {
        #expect(DistributionTemplate.problem(withName: name) == nil)
    }

    @Test(arguments: ["", "Acme", "acme_cowork", "-acme", "acme-", "acme--cowork", "1acme", "acme cowork", "acmé"])
    func otherNamesAreRefused(_ name: String) {
        #expect(DistributionTemplate.problem(withName: name) != nil)
    }

    @Test func valuesGiveAnIdentityOfItsOwn() {
        let values = DistributionTemplate.values(name: "acme-cowork", kind: .desktop, upstreamPath: "upstream")
        #expect(values["displayName"] == "Acme Cowork")
        #expect(values["shortName"] == "AC")
        #expect(values["appId"] == "com.example.acme-cowork")
        #expect(values["projectNamespace"] == "acme-cowork")
        #expect(values["dataDirName"] == "acme-cowork")
        let single = DistributionTemplate.values(name: "globex", kind: .claude3p, upstreamPath: "")
        #expect(single["displayName"] == "Globex" && single["shortName"] == "Globex" && single["kind"] == "claude-3p")
        let long = DistributionTemplate.values(name: "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r", kind: .both, upstreamPath: "")
        #expect(long["shortName"]?.count == 16)
    }

    @Test func substitutionReplacesEveryPlaceholderAndRefusesUnknownOnes() throws {
        let text = try DistributionTemplateText.substitute("a {{x}} b {{ y }}{{x}} c", values: ["x": "1", "y": "2"], file: "t")
        #expect(text == "a 1 b 21 c")
        #expect(try DistributionTemplateText.substitute("no braces { } here", values: [:], file: "t") == "no braces { } here")
        #expect(throws: DistributionTemplateError.unknownPlaceholder(name: "nmae", file: "t.yaml")) {
            try DistributionTemplateText.substitute("name: {{nmae}}", values: ["name": "x"], file: "t.yaml")
        }
        #expect(throws: DistributionTemplateError.self) {
            try DistributionTemplateText.substitute("name: {{name", values: ["name": "x"], file: "t.yaml")
        }
    }

    @Test func kindsSelectTheirFiles() throws {
        let desktop = Set(try template.render(name: "acme", kind: .desktop, upstreamPath: "upstream").map(\.path))
        let claude = Set(try template.render(name: "acme", kind: .claude3p, upstreamPath: "").map(\.path))
        let both = Set(try template.render(name: "acme", kind: .both, upstreamPath: "upstream").map(\.path))
        #expect(desktop.isSuperset(of: ["distribution.yaml", "README.md", "config/branding.yaml", "branding/logo.svg",
                                        "skills/getting-started/SKILL.md"]))
        #expect(!desktop.contains("policy/managed.yaml"))
        #expect(claude.isSuperset(of: ["distribution.yaml", "README.md", "policy/managed.yaml",
                                       "plugins/team-handbook/.claude-plugin/plugin.json"]))
        #expect(!claude.contains("config/branding.yaml"))
        #expect(both == desktop.union(claude))
    }

    @Test(arguments: DistributionTemplate.Kind.allCases)
    func renderedFilesHaveNoPlaceholdersLeft(_ kind: DistributionTemplate.Kind) throws {
        let files = try template.render(name: "globex-cowork", kind: kind, upstreamPath: "../vendor/oc")
        for file in files {
            let text = String(decoding: file.contents, as: UTF8.self)
            #expect(!text.contains("{{") && !text.contains("}}"), "\(file.path)")
        }
        let manifest = try #require(files.first { $0.path == "distribution.yaml" })
        let text = String(decoding: manifest.contents, as: UTF8.self)
        #expect(text.contains("name: globex-cowork\n"))
        #expect(text.contains("path: ../vendor/oc\n") == kind.needsUpstream)
        #expect(text.contains("claude-3p:") == (kind != .desktop))
    }

    @Test func missingTemplatesAreReported() {
        let broken = DistributionTemplate(templatesRoot: URL(fileURLWithPath: "/nonexistent/templates"))
        #expect(throws: DistributionTemplateError.templateUnreadable("/nonexistent/templates/init/manifest/desktop.yaml")) {
            try broken.render(name: "acme", kind: .desktop, upstreamPath: "upstream")
        }
    }
}

/// Writing a distribution to disk, and checking what was written.
@Suite struct DistributionTemplateWriteTests {
    var templates: URL { SharedData.projectRoot.appendingPathComponent("templates") }
    var template: DistributionTemplate { DistributionTemplate(templatesRoot: templates) }

    /// Stages 1-5 on the new directory, as `check` runs them.
    func check(_ directory: URL) -> [Finding] {
        let (loaded, findings) = DistributionLoader.load(directory: directory, displayPath: directory.lastPathComponent, environment: [:])
        guard let loaded else { return findings }
        defer { loaded.removeTemporaryFiles() }
        return findings + CheckStage().run(loaded).findings
    }

    @Test(arguments: DistributionTemplate.Kind.allCases)
    func aNewDistributionChecksClean(_ kind: DistributionTemplate.Kind) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let written = try template.write(name: "globex-cowork", kind: kind, upstream: .bundled, to: dir.file("globex"))
        #expect(written.files.contains("distribution.yaml"))
        #expect(written.files.contains("upstream/open-cowork.config.json") == kind.needsUpstream)
        #expect(written.upstreamPath == (kind.needsUpstream ? "upstream" : nil))
        // Clean but for the warning that the copied upstream is cowork-dist's stand-in.
        let findings = check(written.directory)
        #expect(findings.map(\.code) == (kind.needsUpstream ? ["upstream-stand-in"] : []),
                "\(findings.map { "\($0.code): \($0.message)" })")
        // Nothing staged is left beside it.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(siblings == ["globex"])
    }

    @Test func aReferencedUpstreamIsNotCopied() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let release = dir.file("vendor/open-cowork")
        try FileManager.default.createDirectory(at: release.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: templates.appendingPathComponent("upstream-base"), to: release)
        let written = try template.write(name: "acme", kind: .desktop, upstream: .path(release), to: dir.file("dists/acme"))
        #expect(written.upstreamPath == "../../vendor/open-cowork")
        #expect(!written.files.contains { $0.hasPrefix("upstream/") })
        #expect(check(written.directory).map(\.code) == ["upstream-stand-in"])
    }

    @Test func anExistingNonEmptyDirectoryIsLeftAlone() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("taken/notes.txt", "mine")
        #expect(throws: DistributionTemplateError.destinationNotEmpty(dir.file("taken").standardizedFileURL.path)) {
            try template.write(name: "acme", kind: .desktop, upstream: .bundled, to: dir.file("taken"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("taken").path) == ["notes.txt"])
        #expect(try String(contentsOf: dir.file("taken/notes.txt"), encoding: .utf8) == "mine")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["taken"])
    }

    @Test func anEmptyDirectoryIsFilled() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try FileManager.default.createDirectory(at: dir.file("empty"), withIntermediateDirectories: false)
        let written = try template.write(name: "acme", kind: .claude3p, upstream: .bundled, to: dir.file("empty"))
        #expect(FileManager.default.fileExists(atPath: written.directory.appendingPathComponent("policy/managed.yaml").path))
    }

    @Test func badInputsAreRefusedBeforeWriting() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(throws: DistributionTemplateError.upstreamNotAllowed) {
            try template.write(name: "acme", kind: .claude3p, upstream: .path(dir.url), to: dir.file("a"))
        }
        #expect(throws: DistributionTemplateError.upstreamInvalid(dir.url.standardizedFileURL.path)) {
            try template.write(name: "acme", kind: .desktop, upstream: .path(dir.url), to: dir.file("b"))
        }
        #expect(throws: DistributionTemplateError.self) {
            try template.write(name: "Acme", kind: .desktop, upstream: .bundled, to: dir.file("c"))
        }
        try dir.write("file", "x")
        #expect(throws: DistributionTemplateError.destinationNotDirectory(dir.file("file").standardizedFileURL.path)) {
            try template.write(name: "acme", kind: .desktop, upstream: .bundled, to: dir.file("file"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["file"])
    }
}

/// Where `init` finds its templates: compiled in, unless the environment names a directory.
@Suite struct DistributionTemplateLocatorTests {
    @Test func withoutOverrideTheEmbeddedTemplatesAreUsed() throws {
        #expect(try DistributionTemplateLocator.locate(environment: [:]) == .embedded)
        #expect(try DistributionTemplateLocator.locate(environment: [DistributionTemplateLocator.environmentVariable: ""]) == .embedded)
    }

    @Test func theEnvironmentOverridesAndIsNotSecondGuessed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try FileManager.default.createDirectory(at: dir.file("custom/init/manifest"), withIntermediateDirectories: true)
        let env = [DistributionTemplateLocator.environmentVariable: dir.file("custom").path]
        #expect(try DistributionTemplateLocator.locate(environment: env) == .directory(dir.file("custom").standardizedFileURL))
        let wrong = [DistributionTemplateLocator.environmentVariable: dir.file("missing").path]
        #expect(throws: DistributionTemplateError.templatesNotFound(searched: [dir.file("missing").standardizedFileURL.path])) {
            try DistributionTemplateLocator.locate(environment: wrong)
        }
    }

    /// The compiled-in templates render exactly what the files on disk render.
    @Test(arguments: DistributionTemplate.Kind.allCases)
    func embeddedTemplatesMatchTheTemplatesDirectory(_ kind: DistributionTemplate.Kind) throws {
        let onDisk = DistributionTemplate(templatesRoot: SharedData.projectRoot.appendingPathComponent("templates"))
        let embedded = DistributionTemplate(source: .embedded)
        let a = try onDisk.render(name: "acme", kind: kind, upstreamPath: "upstream")
        let b = try embedded.render(name: "acme", kind: kind, upstreamPath: "upstream")
        #expect(a.map(\.path) == b.map(\.path))
        #expect(a == b)
    }
}
