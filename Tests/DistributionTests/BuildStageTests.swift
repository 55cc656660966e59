import Diagnostics
import Documents
import Foundation
import OpenCowork
import Packaging
import Testing
import TestSupport
@testable import Distribution

@Suite struct BuildStageTests {
    func load(_ fixture: DistributionFixture) throws -> (LoadedDistribution, CheckResult) {
        let (loaded, findings) = DistributionLoader.load(directory: fixture.root, displayPath: "dist", environment: [:])
        #expect(findings.isEmpty, "\(findings)")
        let distribution = try #require(loaded)
        return (distribution, CheckStage().run(distribution))
    }

    func build(_ fixture: DistributionFixture, into out: URL) throws -> BuildResult {
        let (loaded, check) = try load(fixture)
        #expect(check.findings.isEmpty, "\(check.findings)")
        let options = BuildOptions(toolVersion: "test")
        let plan = try ArtifactPlanner(options: options).plan(loaded, check: check)
        return try ArtifactStage(options: options).run(plan, outputDirectory: out)
    }

    @Test func writesTheDocumentedArtifactSet() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        let result = try build(fixture, into: fixture.dir.file("out"))
        #expect(result.written.map(\.name) == [
            "SHA256SUMS", "acme-fixture-2.0.0-app-resources.tar.gz", "acme-fixture-2.0.0-app-resources.zip",
            "acme-fixture-2.0.0-downstream-root-linux.tar.gz", "acme-fixture-2.0.0-downstream-root-linux.zip",
            "acme-fixture-2.0.0-downstream-root-macos.tar.gz", "acme-fixture-2.0.0-downstream-root-macos.zip",
            "acme-fixture-2.0.0-downstream-root-windows.tar.gz", "acme-fixture-2.0.0-downstream-root-windows.zip",
            "acme-fixture-2.0.0-downstream-root.tar.gz", "acme-fixture-2.0.0-downstream-root.zip",
            "build-manifest.json", "config.resolved.json",
        ])
        #expect(result.manifest.content.map(\.path) == [
            "config.json", "mcps/acme-tools/dist/index.js", "skills/acme-help/SKILL.md",
        ])
        #expect(result.manifest.content.first { $0.path.hasSuffix("index.js") }?.mode == "0755")
        // The shipped config is the merged one, and build-manifest.json reads back.
        let resolved = try JSONReader().read(bytes: [UInt8](Data(contentsOf: fixture.dir.file("out/config.resolved.json")))).value
        #expect(resolved["branding"]?["name"] == "Acme")
        #expect(resolved["skills"]?[0]?["sourceName"] == "acme-help")
        let manifestText = try String(contentsOf: fixture.dir.file("out/build-manifest.json"), encoding: .utf8)
        #expect(try BuildManifest(json: JSONReader().read(manifestText).value) == result.manifest)
        #expect(result.manifest.inputs.map(\.path).contains("acme.yaml"))
    }

    /// Values flow forward: build-manifest.json records the bytes that were parsed and
    /// checked, so an input changed on disk after loading cannot pass as the checked one.
    @Test func inputsAreRecordedAsTheBytesThatWereChecked() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        let (loaded, check) = try load(fixture)
        let options = BuildOptions(toolVersion: "test")
        let plan = try ArtifactPlanner(options: options).plan(loaded, check: check)
        let overlay = fixture.root.appendingPathComponent("acme.yaml")
        let checked = try [UInt8](Data(contentsOf: overlay))
        try Data((String(decoding: checked, as: UTF8.self) + "# edited after the check\n").utf8).write(to: overlay)
        let result = try ArtifactStage(options: options).run(plan, outputDirectory: fixture.dir.file("out"))
        let record = try #require(result.manifest.inputs.first { $0.path == "acme.yaml" })
        #expect(record.sha256 == SHA256Digest.hex(of: checked))
        #expect(record.size == checked.count)
        #expect(record.sha256 != (try SHA256Digest.file(at: overlay)).hex)
        let manifestRecord = try #require(result.manifest.inputs.first { $0.path == "distribution.yaml" })
        #expect(manifestRecord.sha256 == SHA256Digest.hex(of: try [UInt8](Data(contentsOf: fixture.root.appendingPathComponent("distribution.yaml")))))
    }

    @Test func archivesReadBackWithPythonAsSpecified() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        _ = try build(fixture, into: fixture.dir.file("out"))
        let script = """
            import sys, tarfile, zipfile, json
            out = sys.argv[1]
            t = tarfile.open(out + '/acme-fixture-2.0.0-downstream-root-linux.tar.gz')
            rows = [[m.name, oct(m.mode), m.uid, m.gid, m.uname, m.gname, m.mtime, m.isdir()] for m in t.getmembers()]
            data = t.extractfile('opt/acme/downstream-root/mcps/acme-tools/dist/index.js').read().decode()
            z = zipfile.ZipFile(out + '/acme-fixture-2.0.0-downstream-root.zip')
            zrows = [[i.filename, oct(i.external_attr >> 16), list(i.date_time)] for i in z.infolist()]
            print(json.dumps({'tar': rows, 'data': data, 'zip': zrows}))
            """
        let run = try ProcessRunner.run("python3", ["-c", script, fixture.dir.file("out").path])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONReader().read(run.stdout).value
        let rows = try #require(report["tar"]?.arrayValue)
        #expect(rows.map { $0[0]?.stringValue ?? "" } == [
            "etc/environment.d/90-acme-downstream-root.conf", "etc/profile.d/acme-downstream-root.sh",
            "opt/acme/downstream-root", "opt/acme/downstream-root/README.txt", "opt/acme/downstream-root/config.json",
            "opt/acme/downstream-root/mcps", "opt/acme/downstream-root/mcps/acme-tools",
            "opt/acme/downstream-root/mcps/acme-tools/dist", "opt/acme/downstream-root/mcps/acme-tools/dist/index.js",
            "opt/acme/downstream-root/skills", "opt/acme/downstream-root/skills/acme-help",
            "opt/acme/downstream-root/skills/acme-help/SKILL.md",
        ])
        for row in rows {
            let isDirectory = row[7] == true
            let executable = row[0]?.stringValue?.hasSuffix("index.js") == true
            #expect(row[1]?.stringValue == (isDirectory || executable ? "0o755" : "0o644"), "\(row)")
            #expect(row[2] == 0 && row[3] == 0 && row[4] == "" && row[5] == "")
            #expect(row[6] == .number(JSONNumber(ArchiveOptions.fixedEpoch)))
        }
        #expect(report["data"] == "#!/usr/bin/env node\nconsole.log('tools')\n")
        let zipRows = try #require(report["zip"]?.arrayValue)
        #expect(zipRows.contains { $0[0] == "config.json" && $0[1] == "0o100644" })
        #expect(zipRows.allSatisfy { $0[2] == [1980, 1, 1, 0, 0, 0] })
        let sums = try ProcessRunner.run("sha256sum", ["-c", "SHA256SUMS"], cwd: fixture.dir.file("out"))
        #expect(sums.status == 0, "\(sums.stdout)\(sums.stderr)")
    }

    @Test func buildingTwiceIsByteIdentical() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        let first = try build(fixture, into: fixture.dir.file("a"))
        let second = try build(fixture, into: fixture.dir.file("b/nested"))
        #expect(first.manifest == second.manifest)
        for (name, _) in first.written {
            let a = try Data(contentsOf: fixture.dir.file("a/" + name))
            let b = try Data(contentsOf: fixture.dir.file("b/nested/" + name))
            #expect(a == b, "\(name) differs")
        }
    }

    @Test func fileTargetsShipBesideTheConfig() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        try fixture.dir.write("dist/prompts/helper.md", "Be brief.\n")
        let overlay = try String(contentsOf: fixture.dir.file("dist/acme.yaml"), encoding: .utf8)
        try fixture.dir.write("dist/acme.yaml", overlay + "\nagents:\n  - {name: helper, instructions: \"{file:prompts/helper.md}\"}\n")
        let result = try build(fixture, into: fixture.dir.file("out"))
        #expect(result.manifest.content.map(\.path).contains("prompts/helper.md"))
        let config = try String(contentsOf: fixture.dir.file("out/config.resolved.json"), encoding: .utf8)
        #expect(config.contains("\"instructions\": \"{file:prompts/helper.md}\""), "resolved where installed, not at build time")
    }

    @Test func sourceDateEpochSetsEntryTimes() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        let (loaded, check) = try load(fixture)
        let options = BuildOptions(archiveOptions: try ArchiveOptions.fromEnvironment(["SOURCE_DATE_EPOCH": "1700000000"]),
                                   toolVersion: "test")
        let plan = try ArtifactPlanner(options: options).plan(loaded, check: check)
        let result = try ArtifactStage(options: options).run(plan, outputDirectory: fixture.dir.file("out"))
        #expect(result.manifest.sourceDateEpoch == 1_700_000_000)
        let listing = try ProcessRunner.run("python3", ["-c",
            "import tarfile,sys; print(set(m.mtime for m in tarfile.open(sys.argv[1]).getmembers()))",
            fixture.dir.file("out/acme-fixture-2.0.0-downstream-root.tar.gz").path])
        #expect(listing.stdout == "{1700000000}\n")
    }
}
