import Foundation
import Testing
import TestSupport

/// `build` owns its output directory: default dist/<name>, stale artifacts gone, foreign
/// files refused, one build at a time, and faults (kill, read-only, full disk) leave either
/// the previous complete build or nothing (issue 12's "Faults survived").
@Suite(.serialized) struct BuildOutputDirectoryTests {
    var binary: String { ProcessRunner.coworkDistBinary.path }
    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["COWORK_DIST_TEMPLATES"] = nil
        env["NO_COLOR"] = "1"
        return env
    }

    func run(_ arguments: [String], in dir: TemporaryDirectory) throws -> ProcessResult {
        try ProcessRunner.run(binary, arguments, cwd: dir.url, environment: environment)
    }

    /// A fresh desktop distribution `name` in `dir`; `bulk` binary files (256 KiB each, no
    /// compression possible) make the build take a while.
    func makeDistribution(_ name: String, in dir: TemporaryDirectory, bulk: Int = 0) throws {
        let made = try run(["init", name, "--quiet"], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for index in 0..<bulk {
            var bytes = [UInt8](repeating: 0, count: 256 << 10)
            for offset in bytes.indices {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes[offset] = UInt8(truncatingIfNeeded: state >> 56)
            }
            try dir.write("\(name)/skills/getting-started/assets/blob-\(index).bin", Data(bytes))
        }
    }

    /// The directory holds exactly the files its SHA256SUMS lists (plus itself), and they verify.
    func expectComplete(_ out: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let sums = try String(contentsOf: out.appendingPathComponent("SHA256SUMS"), encoding: .utf8)
        let listed = Set(sums.split(separator: "\n").map { String($0.dropFirst(66)) })
        let present = Set((FileManager.default.subpaths(atPath: out.path) ?? []).filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: out.appendingPathComponent(path).path, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        })
        #expect(present.subtracting(["SHA256SUMS"]) == listed,
                "files not listed in SHA256SUMS: \(present.subtracting(listed).subtracting(["SHA256SUMS"]).sorted())",
                sourceLocation: sourceLocation)
        let check = try ProcessRunner.run("sha256sum", ["-c", "--quiet", "SHA256SUMS"], cwd: out)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)", sourceLocation: sourceLocation)
    }

    @Test func theDefaultOutputIsDistNameAndAVersionBumpLeavesNoStaleArtifacts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try makeDistribution("globex", in: dir)
        let first = try run(["build", "globex", "--quiet"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.isEmpty)
        #expect(FileManager.default.fileExists(atPath: dir.file("dist/globex/globex-0.1.0-downstream-root-macos.zip").path))
        let manifest = dir.file("globex/distribution.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try text.replacingOccurrences(of: "version: 0.1.0", with: "version: 0.2.0").write(to: manifest, atomically: true, encoding: .utf8)
        let second = try run(["build", "globex"], in: dir)
        #expect(second.status == 0, "\(second.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.file("dist/globex").path)
        #expect(names.contains("globex-0.2.0-downstream-root-macos.zip"))
        #expect(!names.contains { $0.contains("0.1.0") }, "\(names)")
        try expectComplete(dir.file("dist/globex"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("dist").path).sorted() == [".globex.lock", "globex"])
    }

    @Test func aForeignFileIsRefusedUntilForce() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try makeDistribution("initech", in: dir)
        try dir.write("out/notes.txt", "mine")
        let refused = try run(["build", "initech", "--out", "out"], in: dir)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("notes.txt") && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("out").path) == ["notes.txt"])
        let forced = try run(["build", "initech", "--out", "out", "--force", "--quiet"], in: dir)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/notes.txt").path))
        try expectComplete(dir.file("out"))
    }

    @Test func stdoutIsNoOutputDirectory() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try makeDistribution("acme", in: dir)
        let result = try run(["build", "acme", "--out", "-"], in: dir)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--out -"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("-").path))
    }

    /// A mounted tmpfs (read-only, or tiny) where the test may mount one; else skipped with a note.
    func withTmpfs(_ options: String, in dir: TemporaryDirectory, _ body: (URL) throws -> Void) throws {
        let mountPoint = dir.file("mnt")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        let mounted = try ProcessRunner.run("mount", ["-t", "tmpfs", "-o", options, "tmpfs", mountPoint.path])
        guard mounted.status == 0 else {
            print("note: cannot mount a tmpfs here (\(mounted.stderr.trimmingCharacters(in: .whitespacesAndNewlines))); fault test skipped")
            return
        }
        defer { _ = try? ProcessRunner.run("umount", [mountPoint.path]) }
        try body(mountPoint)
    }

    @Test func aReadOnlyOutputDirectoryGivesOneErrorAndChangesNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try makeDistribution("acme", in: dir)
        try withTmpfs("size=4m,ro", in: dir) { mount in
            let result = try run(["build", "acme", "--out", mount.appendingPathComponent("out").path], in: dir)
            #expect(result.status == 2)
            let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
            #expect(errors.count == 1 && result.stderr.contains("nothing was written"), "\(result.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: mount.path).isEmpty)
        }
    }

    @Test func aFullDiskGivesOneErrorAndLeavesThePreviousBuild() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try makeDistribution("small", in: dir)
        try makeDistribution("large", in: dir, bulk: 12)
        try withTmpfs("size=1m", in: dir) { mount in
            let out = mount.appendingPathComponent("out").path
            let small = try run(["build", "small", "--out", out, "--quiet"], in: dir)
            #expect(small.status == 0, "\(small.stderr)")
            let before = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
            // The large one needs several MiB: the disk fills while it writes.
            let large = try run(["build", "large", "--out", out, "--force"], in: dir)
            #expect(large.status == 2)
            let errors = large.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
            #expect(errors.count == 1 && large.stderr.contains("nothing was written"), "\(large.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == before)
            try expectComplete(URL(fileURLWithPath: out))
            #expect(try FileManager.default.contentsOfDirectory(atPath: mount.path).sorted() == [".out.lock", "out"])
        }
    }

    /// SIGKILL, SIGTERM and SIGINT at several points of a real build of a large distribution: each time the
    /// output directory still holds one complete build, and the next build cleans up.
    @Test func killedBuildsLeaveThePreviousBuildIntact() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try makeDistribution("bulky", in: dir, bulk: 48)
        let first = try run(["build", "bulky", "--out", "out", "--quiet"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        var killed = 0
        let signals = [SIGKILL, SIGTERM, SIGINT]
        for (round, delay) in [0.05, 0.2, 0.4, 0.7, 1.0, 1.5, 2.5].enumerated() {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["build", "bulky", "--out", "out", "--quiet"]
            process.currentDirectoryURL = dir.url
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning { kill(process.processIdentifier, signals[round % signals.count]); killed += 1 }
            process.waitUntilExit()
            try expectComplete(dir.file("out"))
        }
        print("killed \(killed) of 7 builds mid-way; the output directory stayed complete each time")
        let last = try run(["build", "bulky", "--out", "out", "--quiet"], in: dir)
        #expect(last.status == 0, "\(last.stderr)")
        try expectComplete(dir.file("out"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == [".out.lock", "bulky", "out"])
    }

    @Test func twoBuildsAtOnceAreSerializedOrRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try makeDistribution("twin", in: dir, bulk: 16)
        let group = DispatchGroup()
        let results = ResultsBox()
        let cwd = dir.url, binary = self.binary, environment = self.environment
        for _ in 0..<2 {
            group.enter()
            DispatchQueue.global().async {
                let result = try? ProcessRunner.run(binary, ["build", "twin", "--out", "out", "--quiet"], cwd: cwd, environment: environment)
                results.append(result)
                group.leave()
            }
        }
        group.wait()
        let all = results.values.compactMap { $0 }
        #expect(all.count == 2)
        #expect(all.contains { $0.status == 0 })
        for result in all where result.status != 0 {
            #expect(result.status == 2 && result.stderr.contains("another build is writing"), "\(result.stderr)")
        }
        try expectComplete(dir.file("out"))
    }

    final class ResultsBox: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [ProcessResult?] = []
        func append(_ item: ProcessResult?) { lock.withLock { items.append(item) } }
        var values: [ProcessResult?] { lock.withLock { items } }
    }
}
