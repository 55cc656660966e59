import Foundation
import Testing
import TestSupport

/// Golden fixtures: for each case under Tests/Fixtures/golden/, the freshly built binary's
/// check output (text and JSON), rendered config, build manifest and archive listings,
/// compared byte for byte with what is recorded. `COWORK_DIST_RECORD=1` re-records.
@Suite struct GoldenTests {
    static let casesRoot = SharedData.projectRoot.appendingPathComponent("Tests/Fixtures/golden")
    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: casesRoot.path)) ?? [])
            .filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
    }
    var binary: String { ProcessRunner.coworkDistBinary.path }
    var recording: Bool { ProcessInfo.processInfo.environment["COWORK_DIST_RECORD"] == "1" }
    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["ACME_SUPPORT_URL"] = "https://help.acme.example"
        env["NO_COLOR"] = "1"
        env["SOURCE_DATE_EPOCH"] = nil
        return env
    }

    /// The distribution a case names, relative to the project root (how it is shown).
    func source(of name: String) throws -> String {
        let pointer = Self.casesRoot.appendingPathComponent("\(name)/source.txt")
        if let text = try? String(contentsOf: pointer, encoding: .utf8) {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return "Tests/Fixtures/golden/\(name)/input"
    }

    func compare(_ actual: String, _ file: String, case name: String) throws {
        let url = Self.casesRoot.appendingPathComponent("\(name)/expected/\(file)")
        if recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(name)/expected/\(file) differs; re-record with COWORK_DIST_RECORD=1 and review the diff")
    }

    /// Every archive's entries: type, mode, size and path, one per line.
    func listing(_ directory: URL) throws -> String {
        let script = """
            import os, sys, tarfile, zipfile
            out = []
            for name in sorted(os.listdir(sys.argv[1])):
                path = os.path.join(sys.argv[1], name)
                if name.endswith('.tar.gz'):
                    for m in tarfile.open(path).getmembers():
                        out.append('%s  %s %s %8d  %s' % (name, 'd' if m.isdir() else 'f', oct(m.mode), m.size, m.name))
                elif name.endswith('.zip'):
                    for i in zipfile.ZipFile(path).infolist():
                        out.append('%s  %s %s %8d  %s' % (name, 'd' if i.is_dir() else 'f', oct(i.external_attr >> 16), i.file_size, i.filename))
            print('\\n'.join(out))
            """
        let run = try ProcessRunner.run("python3", ["-c", script, directory.path])
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    @Test(arguments: GoldenTests.cases)
    func caseMatchesItsRecording(_ name: String) throws {
        let root = SharedData.projectRoot
        let dist = try source(of: name)
        let text = try ProcessRunner.run(binary, ["check", dist], cwd: root, environment: environment)
        try compare("exit \(text.status)\n" + text.stdout + text.stderr, "check.txt", case: name)
        let json = try ProcessRunner.run(binary, ["check", dist, "--format", "json"], cwd: root, environment: environment)
        try compare(json.stdout, "check.json", case: name)
        let render = try ProcessRunner.run(binary, ["render", dist], cwd: root, environment: environment)
        if render.status == 0 { try compare(render.stdout, "render.json", case: name) }
        guard text.status == 0 else { return }
        let out = try TemporaryDirectory()
        defer { out.remove() }
        let build = try ProcessRunner.run(binary, ["build", dist, "--out", out.path, "--quiet"], cwd: root, environment: environment)
        #expect(build.status == 0, "\(build.stderr)")
        try compare(String(decoding: try Data(contentsOf: out.file("build-manifest.json")), as: UTF8.self),
                    "build-manifest.json", case: name)
        try compare(try listing(out.url), "listing.txt", case: name)
    }

    /// Each artifact kind (Sources/Distribution/ArtifactKinds) is in some recorded build:
    /// a name pattern per kind, matched against the outputs every build manifest lists.
    @Test func everyArtifactKindIsRecorded() throws {
        var names: [String] = []
        for name in Self.cases {
            let url = Self.casesRoot.appendingPathComponent("\(name)/expected/build-manifest.json")
            guard let data = try? Data(contentsOf: url) else { continue }
            let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let outputs = try #require(manifest["outputs"] as? [[String: Any]])
            names += outputs.compactMap { $0["name"] as? String }
        }
        let kinds: [(kind: String, pattern: String)] = [
            ("downstream-root archive", #"-downstream-root\.(tar\.gz|zip)$"#),
            ("downstream-root install tree", #"-downstream-root-(macos|windows|linux)\.(tar\.gz|zip)$"#),
            ("managed-config install tree", #"-managed-config-(macos|windows|linux)\.(tar\.gz|zip)$"#),
            ("app resources", #"-app-resources\.(tar\.gz|zip)$"#),
            ("resolved config", #"^config\.resolved\.json$"#),
            ("policy file: mobileconfig", #"\.mobileconfig$"#),
            ("policy file: reg", #"\.reg$"#),
            ("policy file: admx", #"-admx\.zip$"#),
            ("policy file: config library", #"-configLibrary\.zip$"#),
            ("policy file: linux", #"^managed-settings\.json$"#),
            ("plugin archive", #"-claude-3p-(macos|windows)\.(tar\.gz|zip)$"#),
            ("linux policy archive", #"-claude-3p-linux\.tar\.gz$"#),
        ]
        for (kind, pattern) in kinds {
            #expect(names.contains { $0.range(of: pattern, options: .regularExpression) != nil },
                    "no golden case records a \(kind) artifact (\(pattern))")
        }
    }
}
