import Foundation
import Testing
import TestSupport

/// `cowork-dist init` end to end through the built binary: every kind checks clean.
@Suite struct InitCommandTests {
    var binary: String { ProcessRunner.coworkDistBinary.path }
    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["COWORK_DIST_TEMPLATES"] = nil
        env["NO_COLOR"] = "1"
        return env
    }

    @Test(arguments: ["desktop", "claude-3p", "both"])
    func initThenCheckIsClean(_ kind: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let made = try ProcessRunner.run(binary, ["init", "globex-\(kind)", "--kind", kind], cwd: dir.url, environment: environment)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("created globex-\(kind) (\(kind))"))
        let manifest = try String(contentsOf: dir.file("globex-\(kind)/distribution.yaml"), encoding: .utf8)
        #expect(manifest.contains("name: globex-\(kind)\n"))
        // JSON: the findings list itself is checked. The only finding is the warning that
        // the copied upstream is cowork-dist's stand-in, not Open Cowork's release.
        let check = try ProcessRunner.run(binary, ["check", "globex-\(kind)", "--format", "json"], cwd: dir.url, environment: environment)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        let findings = try #require(report?["findings"] as? [[String: Any]])
        #expect(findings.compactMap { $0["code"] as? String } == (kind == "claude-3p" ? [] : ["upstream-stand-in"]),
                "\(check.stdout)")

        // And it builds: the artifacts of its kind, listed in SHA256SUMS.
        let build = try ProcessRunner.run(binary, ["build", "globex-\(kind)", "--out", "out", "--quiet"], cwd: dir.url, environment: environment)
        #expect(build.status == 0, "\(build.stdout)\(build.stderr)")
        let sums = try String(contentsOf: dir.file("out/SHA256SUMS"), encoding: .utf8)
        let names = Set(sums.split(separator: "\n").compactMap { $0.split(separator: " ", omittingEmptySubsequences: true).last.map(String.init) })
        let desktop = ["globex-\(kind)-0.1.0-downstream-root.tar.gz", "globex-\(kind)-0.1.0-downstream-root-macos.zip", "globex-\(kind)-0.1.0-app-resources.tar.gz", "config.resolved.json"]
        let claude = ["globex-\(kind).mobileconfig", "globex-\(kind).reg", "managed-settings.json", "globex-\(kind)-0.1.0-claude-3p-macos.tar.gz"]
        for name in desktop { #expect(names.contains(name) == (kind != "claude-3p"), "\(name) in \(names.sorted())") }
        for name in claude { #expect(names.contains(name) == (kind != "desktop"), "\(name) in \(names.sorted())") }
        for name in names { #expect(FileManager.default.fileExists(atPath: dir.file("out/\(name)").path), "\(name)") }
    }

    @Test func directoryAndUpstreamOptions() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let upstream = SharedData.projectRoot.appendingPathComponent("templates/upstream-base").path
        let made = try ProcessRunner.run(binary, ["init", "acme", "--directory", "dists/acme", "--upstream", upstream],
                                         cwd: dir.url, environment: environment)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("dists/acme/upstream").path))
        let manifest = try String(contentsOf: dir.file("dists/acme/distribution.yaml"), encoding: .utf8)
        #expect(manifest.contains("templates/upstream-base\n"))
        let check = try ProcessRunner.run(binary, ["check", "dists/acme", "--format", "json"], cwd: dir.url, environment: environment)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        let findings = try #require(report?["findings"] as? [[String: Any]])
        #expect(findings.compactMap { $0["code"] as? String } == ["upstream-stand-in"], "\(check.stdout)")
    }

    @Test func refusesANonEmptyDirectory() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("acme/keep.txt", "mine")
        let result = try ProcessRunner.run(binary, ["init", "acme"], cwd: dir.url, environment: environment)
        #expect(result.status == 2)
        #expect(result.stderr.contains("already exists and is not empty"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("acme").path) == ["keep.txt"])
    }

    @Test func refusesANameThatIsNotKebabCase() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = try ProcessRunner.run(binary, ["init", "Acme_Cowork"], cwd: dir.url, environment: environment)
        #expect(result.status == 2)
        #expect(result.stderr.contains("kebab-case"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func aWrongTemplatesOverrideNamesWhereItLooked() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var env = environment
        env["COWORK_DIST_TEMPLATES"] = dir.file("nowhere").path
        let result = try ProcessRunner.run(binary, ["init", "acme"], cwd: dir.url, environment: env)
        #expect(result.status == 2)
        #expect(result.stderr.contains(dir.file("nowhere").path))
        #expect(!FileManager.default.fileExists(atPath: dir.file("acme").path))
    }
}
