import Diagnostics
import Foundation
import OpenCowork
import Testing
import TestSupport
@testable import Distribution

/// The runner: every stage goes through `DistributionPipeline.run`, which tells the events
/// when each starts and ends; skipping and `--dry-run` are the pipeline's, not a stage's.
@Suite struct PipelineRunnerTests {
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        private var reports = 0
        func add(_ line: String) { lock.withLock { lines.append(line) } }
        func report() { lock.withLock { reports += 1 } }
        var recorded: [String] { lock.withLock { lines } }
        var findingReports: Int { lock.withLock { reports } }
        var events: PipelineEvents {
            PipelineEvents(stage: { name, finished in self.add((finished ? "end " : "start ") + name) },
                           findings: { _ in self.report() })
        }
    }

    func request(_ fixture: DistributionFixture) -> DistributionPipeline.Request {
        DistributionPipeline.Request(source: .directory(fixture.root, display: "dist"), environment: [:])
    }

    @Test func aBuildRunsEveryStageInOrderEachWrappedByTheRunner() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        let recorder = Recorder()
        let outcome = try DistributionPipeline(events: recorder.events)
            .build(request(fixture), BuildRequest(output: fixture.dir.file("out").path, toolVersion: "test"))
        guard case .built(let result, _) = outcome else { Issue.record("not built: \(outcome)"); return }
        #expect(result.written.contains { $0.name == "SHA256SUMS" })
        let stages = ["load", "check", "plan", "write", "verify", "commit"]
        #expect(recorder.recorded == stages.flatMap { ["start \($0)", "end \($0)"] })
        // The check findings are reported once, together, before anything is written.
        #expect(recorder.findingReports == 1)
    }

    @Test func aDryRunStopsAfterThePlan() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        let recorder = Recorder()
        let outcome = try DistributionPipeline(events: recorder.events)
            .build(request(fixture), BuildRequest(output: fixture.dir.file("out").path, dryRun: true, toolVersion: "test"))
        guard case .planned(let plan, _) = outcome else { Issue.record("not planned: \(outcome)"); return }
        #expect(!plan.artifacts.isEmpty)
        #expect(recorder.recorded.last == "end plan")
        #expect(!FileManager.default.fileExists(atPath: fixture.dir.file("out").path))
    }

    @Test func aCheckWithAnErrorSkipsTheBuildStages() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        // A skill the config names and the distribution does not ship: an error finding.
        try fixture.dir.write("dist/config/broken.yaml", "skills:\n  $append:\n    - { name: Gone, description: Gone., badge: Skill, sourceName: gone }\n")
        let manifest = try String(contentsOf: fixture.root.appendingPathComponent("distribution.yaml"), encoding: .utf8)
        try fixture.dir.write("dist/distribution.yaml", manifest.replacingOccurrences(of: "overlays: [", with: "overlays: [config/broken.yaml, "))
        let recorder = Recorder()
        let outcome = try DistributionPipeline(events: recorder.events)
            .build(request(fixture), BuildRequest(output: fixture.dir.file("out").path, toolVersion: "test"))
        guard case .stopped(let errors, _) = outcome else { Issue.record("not stopped: \(outcome)"); return }
        #expect(errors > 0)
        #expect(recorder.recorded == ["start load", "end load", "start check", "end check"])
    }

    /// The load, the check and the plan end before writing (their trees are freed), but an
    /// upstream unpacked from an archive lives until the build is done; every way out
    /// removes it. The archive carries a marker file unique to this test, so the search
    /// for a leftover copy cannot see another test's.
    @Test(arguments: [false, true])
    func anUnpackedUpstreamIsRemovedWhateverTheBuildEndsWith(dryRun: Bool) throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        let marker = "marker-\(UUID().uuidString)"
        try fixture.dir.write("upstream/\(marker)", "mine\n")
        let archive = fixture.dir.file("release.tar.gz")
        let tar = try ProcessRunner.run("tar", ["-czf", archive.path, "-C", fixture.dir.url.path, "upstream"])
        #expect(tar.status == 0, "\(tar.stderr)")
        let manifest = try String(contentsOf: fixture.root.appendingPathComponent("distribution.yaml"), encoding: .utf8)
        try fixture.dir.write("dist/distribution.yaml",
                              manifest.replacingOccurrences(of: "upstream: {path: ../upstream}", with: "upstream: {archive: ../release.tar.gz}"))
        let outcome = try DistributionPipeline(events: Recorder().events)
            .build(request(fixture), BuildRequest(output: fixture.dir.file("out").path, dryRun: dryRun, toolVersion: "test"))
        switch outcome {
        case .built: #expect(!dryRun)
        case .planned(let plan, _):
            #expect(dryRun)
            #expect(plan.upstream?.temporaryDirectory != nil)
        default: Issue.record("neither built nor planned: \(outcome)")
        }
        let scratch = FileManager.default.temporaryDirectory
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
            .filter { $0.hasPrefix("cowork-dist-upstream-") }
            .filter { FileManager.default.fileExists(atPath: scratch.appendingPathComponent("\($0)/upstream/\(marker)").path)
                || FileManager.default.fileExists(atPath: scratch.appendingPathComponent("\($0)/\(marker)").path) }
        #expect(left.isEmpty, "left behind: \(left)")
    }
}
