import Foundation
import Testing
import TestSupport

/// `init` as users of release tools expect: a fresh repository is an empty directory, a
/// path names the distribution after its last component, a referenced upstream is pinned.
@Suite struct InitConventionsTests {
    var binary: String { ProcessRunner.coworkDistBinary.path }
    var environment: [String: String] { ["NO_COLOR": "1", "HOME": "/nonexistent", "PATH": "/usr/bin:/bin"] }

    @Test func aDirectoryHoldingOnlyVCSMetadataIsAccepted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("repo/.git/HEAD", "ref: refs/heads/main\n")
        try dir.write("repo/.gitignore", "dist/\n")
        let made = try ProcessRunner.run(binary, ["init", "acme", "--directory", "."], cwd: dir.file("repo"), environment: environment)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try String(contentsOf: dir.file("repo/.git/HEAD"), encoding: .utf8) == "ref: refs/heads/main\n")
        #expect(try String(contentsOf: dir.file("repo/.gitignore"), encoding: .utf8) == "dist/\n")
        #expect(FileManager.default.fileExists(atPath: dir.file("repo/distribution.yaml").path))
        let check = try ProcessRunner.run(binary, ["check", "."], cwd: dir.file("repo"), environment: environment)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // Anything else in it is still refused.
        try dir.write("other/README.md", "mine")
        let refused = try ProcessRunner.run(binary, ["init", "acme", "--directory", "other"], cwd: dir.url, environment: environment)
        #expect(refused.status == 2)
    }

    @Test func aPathNamesTheDistributionAfterItsLastComponent() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let made = try ProcessRunner.run(binary, ["init", "deploy/clients/acme-cowork", "--quiet"], cwd: dir.url, environment: environment)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.isEmpty)
        let manifest = try String(contentsOf: dir.file("deploy/clients/acme-cowork/distribution.yaml"), encoding: .utf8)
        #expect(manifest.contains("name: acme-cowork\n"))
        let both = try ProcessRunner.run(binary, ["init", "a/acme", "--directory", "b"], cwd: dir.url, environment: environment)
        #expect(both.status == 2)
        let bad = try ProcessRunner.run(binary, ["init", "deploy/Not_Kebab"], cwd: dir.url, environment: environment)
        #expect(bad.status == 2 && bad.stderr.contains("kebab-case"))
    }

    @Test func aReferencedUpstreamIsPinned() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try FileManager.default.copyItem(at: SharedData.projectRoot.appendingPathComponent("templates/upstream-base"), to: dir.file("release"))
        let made = try ProcessRunner.run(binary, ["init", "acme", "--upstream", "release"], cwd: dir.url, environment: environment)
        #expect(made.status == 0, "\(made.stderr)")
        // A path pin is the release's tree digest (docs/distribution-yaml.md): 64 hex digits.
        let manifest = try String(contentsOf: dir.file("acme/distribution.yaml"), encoding: .utf8)
        let pin = try #require(manifest.range(of: #"  path: \.\./release\n  sha256: [0-9a-f]{64}\n"#, options: .regularExpression), "\(manifest)")
        #expect(!pin.isEmpty)
        #expect(try ProcessRunner.run(binary, ["check", "acme"], cwd: dir.url, environment: environment).status == 0)
        // The pin holds: a changed release is a finding.
        let config = dir.file("release/open-cowork.config.json")
        try (String(contentsOf: config, encoding: .utf8) + "\n").write(to: config, atomically: true, encoding: .utf8)
        let changed = try ProcessRunner.run(binary, ["check", "acme"], cwd: dir.url, environment: environment)
        #expect(changed.status != 0)
        #expect(changed.stdout.contains("upstream-digest") || changed.stderr.contains("upstream-digest"), "\(changed.stdout)\(changed.stderr)")
    }
}
