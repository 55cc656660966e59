import Foundation
import Packaging
import Testing
import TestSupport
import ManagedPolicy
@testable import Distribution

/// The Linux managed-settings archive read back as an installer extracts it: the file
/// meets the vendor's owner and mode rules, and the check catches an archive that does not.
@Suite struct LinuxManagedSettingsTests {
    @Test func theBuiltArchiveMeetsTheVendorsRules() throws {
        let dir = try TemporaryDirectory(prefix: "cowork-dist-linux")
        defer { dir.remove() }
        let loaded = try Self.loadExample(in: dir, formats: "[linux]")
        let check = CheckStage().run(loaded)
        let options = BuildOptions(toolVersion: "test")
        let plan = try ArtifactPlanner(options: options).plan(loaded, check: check)
        _ = try ArtifactStage(options: options).run(plan, outputDirectory: dir.file("out"))
        let archive = dir.file("out/acme-3p-0.3.0-claude-3p-linux.tar.gz")
        let listing = try ArchiveListing.read(archive, keep: { $0 == LinuxManagedFileCheck.path })
        #expect(LinuxManagedFileCheck().check(listing, archive: archive.path) == [])
        let entry = try #require(listing[LinuxManagedFileCheck.path])
        #expect(entry.uid == 0 && entry.gid == 0 && entry.permissions == 0o644 && entry.kind == .file)
        // The content is the policy's JSON, with native values.
        let text = String(decoding: try #require(entry.data), as: UTF8.self)
        #expect(text.contains("\"inferenceProvider\": \"gateway\""))
    }

    /// Archives made by Python's tarfile (an independent writer) with each broken rule.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "needs python3"),
          arguments: [("uid", "not root"), ("mode", "world-writable"), ("symlink", "not a regular file"), ("dir", "world-writable"), ("none", "holds no")])
    func brokenArchivesAreFindings(_ variant: String, _ expected: String) throws {
        let dir = try TemporaryDirectory(prefix: "cowork-dist-linux")
        defer { dir.remove() }
        let archive = dir.file("broken.tar.gz")
        let run = try ProcessRunner.run("/usr/bin/python3", ["-c", Self.brokenArchiveScript, variant, archive.path])
        #expect(run.status == 0, "\(run.stderr)")
        let findings = LinuxManagedFileCheck().check(try ArchiveListing.read(archive, keep: { _ in false }), archive: archive.path)
        #expect(findings.count == 1, "\(variant): \(findings)")
        #expect(findings.first?.code == "policy-linux-file")
        #expect(findings.first?.message.contains(expected) == true, "\(variant): \(findings.first?.message ?? "")")
    }

    /// The build applies the check to what it wrote: the planned Linux archive carries the
    /// read-back rule, and a written archive that breaks it is an error before commit.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "needs python3"))
    func theBuildChecksTheArchiveItWrote() throws {
        let dir = try TemporaryDirectory(prefix: "cowork-dist-linux")
        defer { dir.remove() }
        let loaded = try Self.loadExample(in: dir, formats: "[linux, json]")
        let plan = try ArtifactPlanner(options: BuildOptions(toolVersion: "test")).plan(loaded, check: CheckStage().run(loaded))
        let flagged = plan.artifacts.filter { $0.readBackCheck == .linuxManagedSettings }.map(\.name)
        #expect(flagged == ["acme-3p-0.3.0-claude-3p-linux.tar.gz"])
        // The policy is recorded as the bytes the check parsed (build-manifest.json inputs).
        let policyBytes = try [UInt8](Data(contentsOf: dir.file("policy/managed.yaml")))
        #expect(plan.parsedInputs[dir.file("policy/managed.yaml").standardizedFileURL.path]?.sha256 == SHA256Digest.hex(of: policyBytes))
        let broken = dir.file("broken.tar.gz")
        let run = try ProcessRunner.run("/usr/bin/python3", ["-c", Self.brokenArchiveScript, "uid", broken.path])
        #expect(run.status == 0, "\(run.stderr)")
        let urls = plan.artifacts.map { $0.readBackCheck == nil ? dir.file("never-read") : broken }
        let findings = try ArtifactStage.readBackChecks(plan, urls: urls)
        #expect(findings.map(\.code) == ["policy-linux-file"])
        #expect(findings.first?.location?.file == "acme-3p-0.3.0-claude-3p-linux.tar.gz")
    }

    /// The bundled 3P example's policy as a distribution building `formats`, loaded.
    static func loadExample(in dir: TemporaryDirectory, formats: String) throws -> LoadedDistribution {
        let example = SharedData.projectRoot.appendingPathComponent("distributions/acme-claude-3p/policy")
        try FileManager.default.copyItem(at: example, to: dir.file("policy"))
        try dir.write("distribution.yaml", """
            name: acme-3p
            version: 0.3.0
            targets:
              claude-3p: {policy: policy/managed.yaml, formats: \(formats)}
            """)
        let (loaded, findings) = DistributionLoader.load(directory: dir.url, displayPath: "d", environment: [:])
        return try #require(loaded, "\(findings)")
    }

    /// Writes an archive breaking one rule (argv: variant, output path) with Python's tarfile.
    static let brokenArchiveScript = """
            import io, sys, tarfile
            variant, out = sys.argv[1], sys.argv[2]
            with tarfile.open(out, 'w:gz') as tar:
                def add(name, kind=tarfile.REGTYPE, mode=0o644, uid=0, data=b'{}'):
                    info = tarfile.TarInfo(name); info.type = kind; info.mode = mode; info.uid = uid; info.gid = uid
                    if kind == tarfile.REGTYPE: info.size = len(data); tar.addfile(info, io.BytesIO(data))
                    else: tar.addfile(info)
                if variant == 'dir': add('etc/claude-desktop', tarfile.DIRTYPE, 0o777)
                path = 'etc/claude-desktop/managed-settings.json'
                if variant == 'uid': add(path, uid=1000)
                elif variant == 'mode': add(path, mode=0o666)
                elif variant == 'symlink':
                    info = tarfile.TarInfo(path); info.type = tarfile.SYMTYPE; info.linkname = '/tmp/x'; tar.addfile(info)
                elif variant == 'none': add('etc/other.json')
                else: add(path)
            """
}
