import ArgumentParser
import Diagnostics
import Distribution
import Foundation
import OpenCowork

/// `build --target`: one target or every one distribution.yaml declares.
enum TargetChoice: String, ListedArgument {
    case desktop
    case claude3p = "claude-3p"
    case all

    var buildTargets: Set<BuildTarget>? {
        switch self {
        case .desktop: return [.desktop]
        case .claude3p: return [.claude3p]
        case .all: return nil
        }
    }
}

/// What `build` shows: the check findings as soon as they are known, progress on a
/// terminal, then the plan (`--dry-run`), the summary or why nothing was written.
struct BuildReport {
    var common: CommonOptions
    var strict: Bool
    let progress: BuildProgress

    init(common: CommonOptions, strict: Bool) {
        self.common = common
        self.strict = strict
        progress = BuildProgress(enabled: !common.quiet && Terminal.standardError.isTerminal)
    }

    var events: PipelineEvents {
        let common = self.common
        let clock = StageClock(common: common)
        return PipelineEvents(stage: { clock.event($0, finished: $1) }, findings: { Terminal.standardError.writeFindings($0) },
                              progress: progress.update, detail: { common.detail($0) })
    }

    /// Runs the build and prints its outcome; throws the exit code when nothing was built.
    func show(_ build: () throws(BuildError) -> BuildOutcome) throws {
        let outcome: BuildOutcome
        do throws(BuildError) { outcome = try build() } catch { throw fail(error) }
        progress.finish()
        switch outcome {
        case .unreadable:
            throw ExitCode(2)
        case .stopped(let errors, let warnings):
            let counts = "\(errors) error(s)" + (strict ? ", \(warnings) warning(s)" : "")
            Terminal.standardError.write("build stopped: \(counts); nothing was written\n")
            throw ExitCode(1)
        case .planned(let plan, let content):
            if let content { Terminal.standardOutput.write(content.listing()) }
            Terminal.standardOutput.write(plan.artifacts.map { "would write \($0.name)\n" }.joined())
        case .built(let result, let out):
            guard !common.quiet else { return }
            var summary = "built \(result.manifest.name) \(result.manifest.version) into \(out)/:\n"
            for (name, size) in result.written { summary += "  \(ByteCount.format(size).leftPadded(10))  \(name)\n" }
            Terminal.standardOutput.write(summary)
        }
    }

    /// Shows a failed build's findings and reason; exit 2.
    func fail(_ error: BuildError) -> ExitCode {
        progress.finish()
        Terminal.standardError.writeFindings(error.findings)
        Terminal.standardError.write("error: \(error.message); nothing was written\n")
        return ExitCode(2)
    }
}

/// A one-line progress display on a terminal:
/// `[3/9] acme-1.0.0-downstream-root-macos.zip: 120 files, 4.2 MiB`.
final class BuildProgress: @unchecked Sendable {
    let enabled: Bool
    private var shown = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ step: ArtifactStage.ProgressStep) {
        guard enabled else { return }
        Terminal.standardError.write("\r\u{1B}[K[\(step.index)/\(step.count)] \(step.name): \(step.files) files, \(ByteCount.format(step.bytes))")
        shown = true
    }

    func finish() {
        if shown { Terminal.standardError.write("\r\u{1B}[K") }
        shown = false
    }
}

/// Human-readable sizes for summaries.
enum ByteCount {
    static func format(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KiB", "MiB", "GiB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return String(format: "%.1f", value) + " " + units[unit]
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}

/// With --verbose, each pipeline stage's wall time, in the `stage NAME: N ms` line every
/// command prints (the stages run one after another).
final class StageClock: @unchecked Sendable {
    private let common: CommonOptions
    private let lock = NSLock()
    private var started: [String: ContinuousClock.Instant] = [:]

    init(common: CommonOptions) { self.common = common }

    func event(_ name: String, finished: Bool) {
        guard common.verbose else { return }
        let now = ContinuousClock.now
        let start: ContinuousClock.Instant? = lock.withLock {
            if finished { return started.removeValue(forKey: name) }
            started[name] = now
            return nil
        }
        if let start { common.detail("stage \(name): \(CommonOptions.milliseconds(since: start)) ms") }
    }
}
