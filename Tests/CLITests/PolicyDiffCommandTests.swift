import Foundation
import Documents
import Testing
import TestSupport

/// `cowork-dist diff` on policies and on 3P builds: keys, not byte counts.
@Suite struct PolicyDiffCommandTests {
    let binary = ProcessRunner.coworkDistBinary.path

    /// A 3P distribution from the bundled example's policy, with the formats given.
    func distribution(_ dir: TemporaryDirectory) throws -> URL {
        let root = dir.file("dist")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let example = SharedData.projectRoot.appendingPathComponent("distributions/acme-claude-3p/policy")
        try FileManager.default.copyItem(at: example, to: root.appendingPathComponent("policy"))
        try dir.write("dist/distribution.yaml", """
            name: acme-3p
            version: 0.3.0
            targets:
              claude-3p:
                policy: policy/managed.yaml
                formats: [mobileconfig, reg, linux]
            """)
        return root
    }

    @Test func aPolicyAgainstItsExportAndAChangedOne() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let root = try distribution(dir)
        let policy = root.appendingPathComponent("policy/managed.yaml").path
        let export = try ProcessRunner.run(binary, ["policy", "export", policy, "--format", "reg", "--name", "acme", "--out", dir.file("acme.reg").path])
        #expect(export.status == 0, "\(export.stderr)")
        let same = try ProcessRunner.run(binary, ["diff", policy, dir.file("acme.reg").path])
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
        #expect(same.stdout.hasSuffix("No differences: the policies hold the same values.\n"))

        let changed = try String(contentsOfFile: policy, encoding: .utf8)
            .replacingOccurrences(of: "inferenceCredentialHelperTtlSec: 900", with: "inferenceCredentialHelperTtlSec: 1800\nchatTabEnabled: false")
        let newPolicy = try dir.write("new.yaml", changed).path
        let result = try ProcessRunner.run(binary, ["diff", dir.file("acme.reg").path, newPolicy])
        #expect(result.status == 1)
        #expect(result.stdout.contains("+ chatTabEnabled: false\n"))
        #expect(result.stdout.contains("~ inferenceCredentialHelperTtlSec: 900 -> 1800\n"))
        #expect(result.stdout.hasSuffix("Summary: 2 keys differ (1 added, 1 changed).\n"))
        let json = try ProcessRunner.run(binary, ["diff", dir.file("acme.reg").path, newPolicy, "--format", "json"])
        let value = try JSONReader().read(json.stdout).value
        #expect(value["changes"]?[1] == ["key": "inferenceCredentialHelperTtlSec", "kind": "changed", "old": 900, "new": 1800, "masked": false])
    }

    @Test func aBuildAndAPolicyOrAnUnreadablePolicyExitTwo() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let root = try distribution(dir)
        let policy = root.appendingPathComponent("policy/managed.yaml").path
        let mixed = try ProcessRunner.run(binary, ["diff", root.path, policy])
        #expect(mixed.status == 2)
        #expect(mixed.stderr.contains("cannot compare a build with a policy"))
        let broken = try dir.write("broken.reg", "Windows Registry Editor Version 5.00\r\n").path
        let unreadable = try ProcessRunner.run(binary, ["diff", policy, broken])
        #expect(unreadable.status == 2)
        #expect(unreadable.stderr.contains("policy-reg-empty"))
        #expect(unreadable.stdout.isEmpty)
    }

    @Test func aBuildDiffShowsPolicyExportsByKey() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let root = try distribution(dir)
        let first = try ProcessRunner.run(binary, ["build", root.path, "--out", dir.file("out1").path])
        #expect(first.status == 0, "\(first.stderr)")
        let policy = root.appendingPathComponent("policy/managed.yaml")
        let text = try String(contentsOf: policy, encoding: .utf8).replacingOccurrences(of: "otlpProtocol: http/protobuf", with: "otlpProtocol: grpc")
        try text.write(to: policy, atomically: true, encoding: .utf8)
        let second = try ProcessRunner.run(binary, ["build", root.path, "--out", dir.file("out2").path])
        #expect(second.status == 0, "\(second.stderr)")
        let diff = try ProcessRunner.run(binary, ["diff", dir.file("out1").path, dir.file("out2").path])
        #expect(diff.status == 1)
        for artifact in ["acme-3p.mobileconfig", "acme-3p.reg", "managed-settings.json"] {
            #expect(diff.stdout.contains("~ \(artifact) (policy: 1 key)\n    ~ otlpProtocol: \"http/protobuf\" -> \"grpc\"\n"), "\(diff.stdout)")
        }
        let json = try ProcessRunner.run(binary, ["diff", dir.file("out1").path, dir.file("out2").path, "--format", "json"])
        let outputs = try JSONReader().read(json.stdout).value["outputs"]?.arrayValue ?? []
        let reg = try #require(outputs.first { $0["name"] == "acme-3p.reg" })
        #expect(reg["keys"] == [["key": "otlpProtocol", "kind": "changed", "old": "\"http/protobuf\"", "new": "\"grpc\"", "masked": false]])
        // Archives keep their entry listing.
        let archive = try #require(outputs.first { $0["name"]?.stringValue?.hasSuffix("linux.tar.gz") == true })
        #expect(archive["keys"] == nil)
    }
}
