import Foundation
import Testing
import TestSupport

/// The bundled examples check clean, and acme-desktop also holds against the real
/// upstream release it imitates.
@Suite struct ExampleDistributionsTests {
    var binary: String { ProcessRunner.coworkDistBinary.path }
    var root: URL { SharedData.projectRoot }
    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["ACME_SUPPORT_URL"] = "https://help.acme.example"
        env["NO_COLOR"] = "1"
        return env
    }

    func findings(_ output: String) throws -> [[String: Any]] {
        let report = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        return try #require(report?["findings"] as? [[String: Any]], "not a JSON report: \(output)")
    }

    /// Clean but for one warning: acme-desktop builds on the stand-in release on purpose,
    /// and checking against the stand-in always says so.
    @Test(arguments: ["acme-desktop", "acme-claude-3p"])
    func bundledExampleChecksClean(_ name: String) throws {
        let result = try ProcessRunner.run(binary, ["check", "distributions/\(name)", "--format", "json"],
                                           cwd: root, environment: environment)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let codes = try findings(result.stdout).compactMap { $0["code"] as? String }
        #expect(codes == (name == "acme-desktop" ? ["upstream-stand-in"] : []), "\(result.stdout)")
    }

    /// Without the build-time variable the one error is the unset placeholder at its
    /// line; the delivery emulation that follows adds nothing of its own.
    @Test func anUnsetBuildTimeVariableIsTheOnlyError() throws {
        var environment = environment
        environment.removeValue(forKey: "ACME_SUPPORT_URL")
        let result = try ProcessRunner.run(binary, ["check", "distributions/acme-desktop", "--format", "json"],
                                           cwd: root, environment: environment)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let codes = try findings(result.stdout).compactMap { $0["code"] as? String }
        #expect(codes.sorted() == ["placeholder-unset", "upstream-stand-in"], "\(result.stdout)")
    }

    @Test(arguments: ["acme-desktop", "acme-claude-3p"])
    func bundledExampleBuildsOffline(_ name: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = try ProcessRunner.run(binary, ["build", "distributions/\(name)", "--out", dir.file(name).path, "--quiet"],
                                           cwd: root, environment: environment)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let sums = try ProcessRunner.run("sha256sum", ["-c", "SHA256SUMS"], cwd: dir.file(name))
        #expect(sums.status == 0, "\(sums.stdout)\(sums.stderr)")
        let expected = name == "acme-desktop" ? "acme-desktop-1.0.0-downstream-root.tar.gz" : "acme-claude-3p.mobileconfig"
        #expect(FileManager.default.fileExists(atPath: dir.file("\(name)/\(expected)").path))
        if name == "acme-desktop" {
            // The downstream MCP and the skill ship in the downstream root; the logo only
            // in the app-resources archive (the app reads images from its package alone).
            let listing = try ProcessRunner.run("tar", ["-tzf", dir.file("\(name)/\(expected)").path])
            let entries = listing.stdout.split(separator: "\n")
            for entry in ["config.json", "mcps/acme-directory/dist/index.js", "skills/acme-handbook/SKILL.md"] {
                #expect(entries.contains(Substring(entry)), "\(entry)")
            }
            #expect(!entries.contains { $0.hasPrefix("branding/") })
            let resources = try ProcessRunner.run("tar", ["-tzf", dir.file("\(name)/acme-desktop-1.0.0-app-resources.tar.gz").path])
            for entry in ["open-cowork.config.json", "branding/acme-mark.svg", "skills/acme-handbook/SKILL.md"] {
                #expect(resources.stdout.split(separator: "\n").contains(Substring(entry)), "\(entry)")
            }
        }
    }

    /// The hand-written upstream-base schema is really applied to the example's layers.
    @Test func aBrokenOverlayIsCaughtByTheSchema() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let copy = dir.file("acme-desktop")
        try FileManager.default.copyItem(at: root.appendingPathComponent("distributions/acme-desktop"), to: copy)
        let manifest = copy.appendingPathComponent("distribution.yaml")
        let upstream = root.appendingPathComponent("templates/upstream-base").path
        let text = try String(contentsOf: manifest, encoding: .utf8)
            .replacingOccurrences(of: "path: ../../templates/upstream-base", with: "path: \(upstream)")
        try text.write(to: manifest, atomically: true, encoding: .utf8)
        let branding = copy.appendingPathComponent("config/branding.yaml")
        let overlay = try String(contentsOf: branding, encoding: .utf8).replacingOccurrences(of: "mediaSize: 28", with: "mediaSize: 200")
        try overlay.write(to: branding, atomically: true, encoding: .utf8)
        let result = try ProcessRunner.run(binary, ["check", copy.path, "--format", "json"], environment: environment)
        #expect(result.status == 1)
        let codes = try findings(result.stdout).compactMap { $0["code"] as? String }
        #expect(codes.sorted() == ["schema-maximum", "upstream-stand-in"])
    }

    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"))
    func acmeDesktopAgainstTheRealUpstream() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let copy = dir.file("acme-desktop")
        try FileManager.default.copyItem(at: root.appendingPathComponent("distributions/acme-desktop"), to: copy)
        let manifest = copy.appendingPathComponent("distribution.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
            .replacingOccurrences(of: "path: ../../templates/upstream-base", with: "path: \(SharedData.upstreamCurrent.path)")
        #expect(text.contains(SharedData.upstreamCurrent.path))
        try text.write(to: manifest, atomically: true, encoding: .utf8)
        let result = try ProcessRunner.run(binary, ["check", copy.path, "--format", "json"], environment: environment)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let errors = try findings(result.stdout).filter { $0["severity"] as? String == "error" }
        #expect(errors.isEmpty, "\(result.stdout)")
    }
}
