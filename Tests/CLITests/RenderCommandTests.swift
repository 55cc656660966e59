import Foundation
import Testing
import TestSupport

/// `render` and `explain` through the built binary.
@Suite struct RenderCommandTests {
    var binary: String { ProcessRunner.coworkDistBinary.path }
    var root: URL { SharedData.projectRoot }
    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["ACME_SUPPORT_URL"] = "https://help.acme.example"
        return env
    }

    @Test func rendersTheExampleDistribution() throws {
        let result = try ProcessRunner.run(binary, ["render", "distributions/acme-desktop"], cwd: root, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        // Its one finding: it builds on the stand-in release (on purpose).
        #expect(result.stderr.contains("distribution.yaml:5:3: warning: [upstream-stand-in]"), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("0 errors, 1 warning\n"), "\(result.stderr)")
        #expect(result.stdout.contains(#""name": "Acme Cowork""#))
        #expect(result.stdout.contains(#""supportUrl": "https://help.acme.example""#))
        #expect(result.stdout.contains("{env:ACME_TELEMETRY_TOKEN}"))
        #expect(!result.stdout.contains("$append") && !result.stdout.contains("x-acme"))
        #expect(result.stdout.hasSuffix("}\n"))
    }

    @Test func unsetResolvedVariableExitsOneWithThePosition() throws {
        var env = environment
        env["ACME_SUPPORT_URL"] = nil
        let result = try ProcessRunner.run(binary, ["render", "distributions/acme-desktop"], cwd: root, environment: env)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("distributions/acme-desktop/config/branding.yaml:12:16: error: [placeholder-unset]"))
    }

    @Test func unreadableInputExitsTwo() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try dir.write("bad.json", "{\n  \"a\": [1,\n}\n")
        let result = try ProcessRunner.run(binary, ["render", "--base", dir.file("bad.json").path], environment: environment)
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.json:3:1: error:"))
    }

    @Test func adHocBaseAndOverlay() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let base = try dir.write("base.json", #"{"a": 1, "l": ["x"]}"#)
        let over = try dir.write("over.yaml", "l: {$prepend: [w]}\nb: 2\n")
        let result = try ProcessRunner.run(binary, ["render", "--base", base.path, "--overlay", over.path], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "{\n  \"a\": 1,\n  \"l\": [\n    \"w\",\n    \"x\"\n  ],\n  \"b\": 2\n}\n")
    }

    @Test func explainNamesFileLineAndChain() throws {
        let result = try ProcessRunner.run(binary, ["explain", "distributions/acme-desktop", "/branding/name"], cwd: root, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("set by layer 1 (config/branding.yaml) at distributions/acme-desktop/config/branding.yaml:7:9"))
        #expect(result.stdout.contains("layer 0 (upstream) at templates/upstream-base/open-cowork.config.json:8:13: \"Open Cowork\""))
        let json = try ProcessRunner.run(binary, ["explain", "distributions/acme-desktop", "/skills", "--format", "json"], cwd: root, environment: environment)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let origin = object?["origin"] as? [String: Any]
        #expect(origin?["directive"] as? String == "$append")
        #expect(origin?["line"] as? Int == 17)
    }

    @Test func explainSummaryListsLayersPerKey() throws {
        let result = try ProcessRunner.run(binary, ["explain", "distributions/acme-desktop"], cwd: root, environment: environment)
        #expect(result.status == 0)
        let telemetry = result.stdout.split(separator: "\n").first { $0.hasPrefix("  telemetry") }
        #expect(telemetry?.hasSuffix("2 config/telemetry.json") == true)
    }

    @Test func explainOfAnAbsentPointerSuggests() throws {
        let base = root.appendingPathComponent("templates/upstream-base/open-cowork.config.json").path
        let result = try ProcessRunner.run(binary, ["explain", "--base", base, "/brandin/name"], environment: environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains("did you mean /branding?"))
    }
}
