import Foundation
import Testing
import TestSupport

/// `check`, `build` and `audit-models` through the built binary.
@Suite struct BuildCommandTests {
    let binary = ProcessRunner.coworkDistBinary.path

    /// Runs the binary under /bin/sh so umask, TZ and locale can differ per run.
    func build(_ fixture: DistributionFixture, out: String, umask: String, tz: String, locale: String) throws -> ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = tz
        environment["LC_ALL"] = locale
        environment.removeValue(forKey: "SOURCE_DATE_EPOCH")
        return try ProcessRunner.run("/bin/sh", ["-c", "umask \(umask) && exec \"$0\" build \"$1\" --out \"$2\" --quiet",
                                                 binary, fixture.root.path, fixture.dir.file(out).path],
                                     environment: environment)
    }

    @Test func buildsAreByteIdenticalAcrossDirectoriesUmaskTimeZoneAndLocale() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        let first = try build(fixture, out: "one", umask: "022", tz: "UTC", locale: "C")
        let second = try build(fixture, out: "two/deeper", umask: "077", tz: "Asia/Tokyo", locale: "C.UTF-8")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(second.status == 0, "\(second.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: fixture.dir.file("one").path).sorted()
        #expect(names.count == 13)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.dir.file("two/deeper").path).sorted() == names)
        for name in names {
            let a = try Data(contentsOf: fixture.dir.file("one/" + name))
            let b = try Data(contentsOf: fixture.dir.file("two/deeper/" + name))
            #expect(a == b, "\(name) differs between the two builds")
        }
        let sums = try ProcessRunner.run("sha256sum", ["-c", "SHA256SUMS"], cwd: fixture.dir.file("two/deeper"))
        #expect(sums.status == 0)
    }

    /// `--verbose` times every pipeline stage, in order, in the line shape all commands use.
    @Test func verboseBuildTimesEachStage() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        let result = try ProcessRunner.run(binary, ["build", fixture.root.path, "--out", fixture.dir.file("out").path, "-v"])
        #expect(result.status == 0, "\(result.stderr)")
        let stages = result.stderr.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("stage "), line.hasSuffix(" ms"), let colon = line.firstIndex(of: ":") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 6)..<colon])
        }
        #expect(stages == ["load", "check", "plan", "write", "verify", "commit"], "\(result.stderr)")
        let checked = try ProcessRunner.run(binary, ["check", fixture.root.path, "-v"])
        #expect(checked.stderr.contains("stage load: ") && checked.stderr.contains("stage check: "), "\(checked.stderr)")
    }

    @Test func buildRefusesWhenCheckFindsErrorsAndWritesNothing() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        try fixture.dir.write("dist/acme.yaml", "branding:\n  name: 12\n")
        let result = try ProcessRunner.run(binary, ["build", fixture.root.path, "--out", fixture.dir.file("out").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("acme.yaml:2:9: error: [schema-type] branding.name must be string"))
        #expect(result.stderr.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: fixture.dir.file("out").path))
    }

    @Test func checkReportsInEveryFormat() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        try fixture.dir.write("dist/acme.yaml", "branding:\n  nmae: Acme\n")
        let text = try ProcessRunner.run(binary, ["check", fixture.root.path])
        #expect(text.status == 1)
        #expect(text.stdout.contains("acme.yaml:2:3: error: [schema-additional-properties]"))
        #expect(text.stdout.contains("did you mean 'name'"))
        let json = try ProcessRunner.run(binary, ["check", fixture.root.path, "--format", "json"])
        #expect(json.stdout.contains("\"summary\": {\n    \"errors\": 1,"))
        let sarif = try ProcessRunner.run(binary, ["check", fixture.root.path, "--format", "sarif"])
        #expect(sarif.stdout.contains("\"version\": \"2.1.0\""))
        let github = try ProcessRunner.run(binary, ["check", fixture.root.path, "--format", "github"])
        #expect(github.stdout.hasPrefix("::error file="))
        let clean = try DistributionFixture()
        defer { clean.remove() }
        let ok = try ProcessRunner.run(binary, ["check", clean.root.path])
        #expect(ok.status == 0 && ok.stdout.isEmpty, "\(ok.stdout)")
    }

    @Test func threeIndependentMistakesGiveThreeFindingsInOneRun() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        try fixture.dir.write("dist/acme.yaml", """
            branding:
              name: Acme
              helpUrl: 42
            skills:
              $append:
                - {name: Ghost, description: Missing., sourceName: ghost-skill}
            x-note: fine
            providers:
              descriptors:
                p: {name: P, models: [{id: m1}], defaultModel: m1, apiKey: sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789}
            """)
        let result = try ProcessRunner.run(binary, ["check", fixture.root.path, "--format", "json"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"errors\": 3,"), "\(result.stdout)")
        #expect(result.stdout.contains("\"code\": \"schema-type\""))
        #expect(result.stdout.contains("\"code\": \"content-skill-missing\""))
        #expect(result.stdout.contains("\"code\": \"secret-literal\""))
        #expect(!result.stdout.contains("AbCdEfGhIjKlMnOp"), "a finding must not repeat the secret")
    }

    @Test func dryRunListsThePlanAndWritesNothing() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        let result = try ProcessRunner.run(binary, ["build", fixture.root.path, "--dry-run", "--out", fixture.dir.file("out").path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("0755          41  mcps/acme-tools/dist/index.js"))
        #expect(result.stdout.contains("would write acme-fixture-2.0.0-downstream-root-windows.zip"))
        #expect(!FileManager.default.fileExists(atPath: fixture.dir.file("out").path))
    }

    @Test func auditModelsReadsADistribution() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        try fixture.dir.write("catalog.json", #"{"data": [{"id": "m2", "name": "M2"}]}"#)
        let result = try ProcessRunner.run(binary, ["audit-models", fixture.root.path, "--offline",
                                                    "--catalog", "p=" + fixture.dir.file("catalog.json").path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("upstream/open-cowork.config.json:"))
        #expect(result.stdout.contains("'m1'"))
    }
}

/// An unset build-time placeholder is one finding, not also a schema or link complaint.
@Suite struct UnsetPlaceholderTests {
    @Test func unsetBuildTimeVariableIsReportedOnce() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        let manifest = try String(contentsOf: fixture.dir.file("dist/distribution.yaml"), encoding: .utf8)
        try fixture.dir.write("dist/distribution.yaml", manifest + "\nenv: {resolve: [ACME_HELP_URL]}\n")
        let overlay = try String(contentsOf: fixture.dir.file("dist/acme.yaml"), encoding: .utf8)
        try fixture.dir.write("dist/acme.yaml", "allowedEnvPlaceholders: [ACME_HELP_URL]\n" + overlay
            .replacingOccurrences(of: "  projectNamespace: acme", with: "  projectNamespace: acme\n  helpUrl: \"{env:ACME_HELP_URL}\""))
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "ACME_HELP_URL")
        let result = try ProcessRunner.run(ProcessRunner.coworkDistBinary.path, ["check", fixture.root.path, "--format", "json"],
                                           environment: environment)
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"code\": \"placeholder-unset\""))
        #expect(result.stdout.contains("\"errors\": 1,"), "\(result.stdout)")
    }
}
