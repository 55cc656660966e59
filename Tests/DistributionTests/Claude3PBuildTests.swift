import Diagnostics
import Documents
import Foundation
import Packaging
import Testing
import TestSupport
@testable import Distribution

/// The claude-3p target: policy files plus org-plugin archives, from a distribution with
/// no upstream (the bundled example's policy and plugin, copied into a temporary directory).
@Suite struct Claude3PBuildTests {
    func makeDistribution() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory(prefix: "cowork-dist-3p")
        let example = SharedData.projectRoot.appendingPathComponent("distributions/acme-claude-3p")
        for folder in ["policy", "plugins"] {
            try FileManager.default.copyItem(at: example.appendingPathComponent(folder), to: dir.file(folder))
        }
        try dir.write("distribution.yaml", """
            name: acme-3p
            version: 0.3.0
            targets:
              claude-3p:
                policy: policy/managed.yaml
                profile: restricted
                plugins: plugins
                formats: [mobileconfig, reg, json, linux]
            """)
        return dir
    }

    @Test func buildsPolicyFilesAndPluginArchivesLaidOutPerPlatform() throws {
        let dir = try makeDistribution()
        defer { dir.remove() }
        let (loadedValue, loadFindings) = DistributionLoader.load(directory: dir.url, displayPath: "d", environment: [:])
        let loaded = try #require(loadedValue, "\(loadFindings)")
        #expect(loaded.desktop == nil)
        let check = CheckStage().run(loaded)
        #expect(check.findings.filter { $0.severity == .error }.isEmpty, "\(check.findings)")
        let options = BuildOptions(toolVersion: "test")
        let plan = try ArtifactPlanner(options: options).plan(loaded, check: check)
        let result = try ArtifactStage(options: options).run(plan, outputDirectory: dir.file("out"))
        #expect(result.written.map(\.name) == [
            "SHA256SUMS", "acme-3p-0.3.0-claude-3p-linux.tar.gz", "acme-3p-0.3.0-claude-3p-macos.tar.gz",
            "acme-3p-0.3.0-claude-3p-windows.zip", "acme-3p.mobileconfig", "acme-3p.reg", "build-manifest.json",
            "claude_desktop_config.json", "managed-settings.json",
        ])
        let outputs = Dictionary(uniqueKeysWithValues: result.manifest.outputs.map { ($0.name, $0) })
        let macos = try #require(outputs["acme-3p-0.3.0-claude-3p-macos.tar.gz"]?.entries).map(\.path)
        #expect(macos.contains("Library/Application Support/Claude/org-plugins/acme-handbook/version.json"))
        #expect(macos.contains("acme-3p.mobileconfig"))
        let windows = try #require(outputs["acme-3p-0.3.0-claude-3p-windows.zip"]?.entries).map(\.path)
        #expect(windows.contains("Program Files/Claude/org-plugins/acme-handbook/version.json"))
        #expect(windows.contains("acme-3p.reg"))
        let linux = try #require(outputs["acme-3p-0.3.0-claude-3p-linux.tar.gz"]?.entries)
        #expect(linux.map(\.path) == ["etc/claude-desktop/managed-settings.json"])
        #expect(linux.first?.mode == "0644")

        // The profile's values are all strings, and the restricted preset is layered under the policy.
        let script = """
            import plistlib, sys, json
            p = plistlib.load(open(sys.argv[1], 'rb'))
            payload = p['PayloadContent'][0]
            print(json.dumps({'type': payload['PayloadType'], 'allStrings': all(isinstance(v, str) for k, v in payload.items() if not k.startswith('Payload')),
                              'provider': payload.get('inferenceProvider'), 'models': json.loads(payload['inferenceModels'])}))
            """
        let run = try ProcessRunner.run("python3", ["-c", script, dir.file("out/acme-3p.mobileconfig").path])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONReader().read(run.stdout).value
        #expect(report["type"] == "com.anthropic.claudefordesktop")
        #expect(report["allStrings"] == true)
        #expect(report["provider"] == "gateway")
        #expect(report["models"]?[1] == "claude-sonnet-4")
        let sums = try ProcessRunner.run("sha256sum", ["-c", "SHA256SUMS"], cwd: dir.file("out"))
        #expect(sums.status == 0)
    }

    @Test func askingForAnUndeclaredTargetIsAClearError() throws {
        let dir = try makeDistribution()
        defer { dir.remove() }
        let (loadedValue, _) = DistributionLoader.load(directory: dir.url, displayPath: "d", environment: [:])
        let loaded = try #require(loadedValue)
        let check = CheckStage().run(loaded)
        let error = #expect(throws: BuildError.self) {
            try ArtifactPlanner(options: BuildOptions(targets: [.desktop], toolVersion: "t")).plan(loaded, check: check)
        }
        #expect(error?.message == "distribution.yaml declares no 'desktop' target")
    }
}
