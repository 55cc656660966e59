import Foundation
import Testing
import TestSupport

/// Waivers apply to every finding, live link findings (`--check-links`) included; a waiver
/// that matches nothing stays a warning.
@Suite struct LinkWaiverTests {
    var binary: String { ProcessRunner.coworkDistBinary.path }

    @Test func anUnreachableLinkCanBeWaived() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let env = ["NO_COLOR": "1", "HOME": dir.path, "PATH": "/usr/bin:/bin"]
        #expect(try ProcessRunner.run(binary, ["init", "intranet", "-q"], cwd: dir.url, environment: env).status == 0)
        // Port 9 on loopback (discard) is closed here: the link cannot be reached.
        let overlay = dir.file("intranet/config/branding.yaml")
        let text = try String(contentsOf: overlay, encoding: .utf8)
            .replacingOccurrences(of: "https://example.com/intranet/help", with: "https://127.0.0.1:9/help")
            .replacingOccurrences(of: "https://example.com/intranet/support", with: "https://127.0.0.1:9/support")
        try text.write(to: overlay, atomically: true, encoding: .utf8)
        let unwaived = try ProcessRunner.run(binary, ["check", "intranet", "--check-links", "--format", "json"], cwd: dir.url, environment: env)
        #expect(unwaived.status == 1, "\(unwaived.stdout)\(unwaived.stderr)")
        #expect(unwaived.stdout.contains("\"link-unreachable\""), "\(unwaived.stdout)")

        let manifest = dir.file("intranet/distribution.yaml")
        try (String(contentsOf: manifest, encoding: .utf8) + """

            waivers:
              - { code: link-unreachable, reason: "intranet only; checked from inside by the help desk" }
              - { code: link-broken, reason: "stale on purpose" }

            """).write(to: manifest, atomically: true, encoding: .utf8)
        let waived = try ProcessRunner.run(binary, ["check", "intranet", "--check-links", "--format", "json"], cwd: dir.url, environment: env)
        let report = try JSONSerialization.jsonObject(with: Data(waived.stdout.utf8)) as? [String: Any]
        let findings = try #require(report?["findings"] as? [[String: Any]])
        let unreachable = findings.filter { $0["code"] as? String == "link-unreachable" }
        #expect(!unreachable.isEmpty && unreachable.allSatisfy { $0["severity"] as? String == "note" }, "\(waived.stdout)")
        let unused = findings.filter { $0["code"] as? String == "waiver-unused" }
        #expect(unused.count == 1 && (unused.first?["message"] as? String ?? "").contains("link-broken"), "\(waived.stdout)")
        // A warning only: the check passes, and fails under --strict.
        #expect(waived.status == 0, "\(waived.stdout)\(waived.stderr)")
        let strict = try ProcessRunner.run(binary, ["check", "intranet", "--check-links", "--strict"], cwd: dir.url, environment: env)
        #expect(strict.status == 1)
    }
}
