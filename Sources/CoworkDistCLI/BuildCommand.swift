import ArgumentParser
import Diagnostics
import Distribution
import Foundation
import OpenCowork
import Packaging

/// `cowork-dist build [DIST]`: every stage, from distribution.yaml to artifacts.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check a distribution and build its artifacts: archives, install trees, policy files, manifest, checksums.",
        discussion: """
            Runs every check first and writes nothing when any error remains (waived \
            findings do not count). Artifacts are byte-for-byte reproducible: entry times \
            come from SOURCE_DATE_EPOCH (else 1980-01-01), owners are 0, modes 0644/0755. \
            Every artifact is written under a temporary name and renamed into place only \
            when all are complete.

            Examples:
              cowork-dist build distributions/acme-desktop --out dist/acme-desktop
              cowork-dist build . --dry-run
              SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) cowork-dist build . --target desktop
            """
    )

    /// --quiet, --verbose, --color (docs/cli.md).
    @OptionGroup var common: CommonOptions

    enum TargetChoice: String, ExpressibleByArgument, CaseIterable {
        case desktop
        case claude3p = "claude-3p"
        case all
    }

    @OptionGroup var source: DistributionOptions

    @Option(help: "The output directory (default: dist/<name>). A build owns it and replaces it whole; see --force.")
    var out: String?

    @Flag(help: "Replace an output directory holding files no earlier build there wrote.")
    var force = false

    @Flag(help: "Empty the output directory before building (even if the build then fails).")
    var clean = false

    @Option(help: "What to build: desktop, claude-3p or all (every target distribution.yaml declares).")
    var target: TargetChoice = .all

    @Flag(help: "Refuse to build on warnings too.")
    var strict = false

    @Flag(name: .customLong("dry-run"), help: "Print every file that would ship and every artifact, and write nothing.")
    var dryRun = false

    @Option(name: .customLong("app-version"), help: "The Claude desktop release the 3P policy must suit.")
    var appVersion: String?

    func validate() throws {
        if source.base != nil { throw ValidationError("build needs a distribution directory; --base/--overlay only work with check and render") }
        try CheckCommand.validateAppVersion(appVersion)
        if out == "-" { throw ValidationError("--out - is not supported: a build writes several files; give a directory") }
        if dryRun && (force || clean) { throw ValidationError("--dry-run writes nothing; it cannot be combined with --force or --clean") }
    }

    func run() throws {
        let pipeline = DistributionPipeline()
        let checked = pipeline.check(source.request(check: CheckOptions(appVersion: appVersion)))
        defer { checked.loaded?.removeTemporaryFiles() }
        report(checked.findings)
        guard checked.isReadable else { throw ExitCode(2) }
        if checked.findings.exitStatus(strict: strict) != 0 {
            let counts = "\(checked.findings.errorCount) error(s)" + (strict ? ", \(checked.findings.warningCount) warning(s)" : "")
            Terminal.standardError.write("build stopped: \(counts); nothing was written\n")
            throw ExitCode(1)
        }
        let options = try buildOptions()
        let out = self.out ?? "dist/\(checked.loaded?.manifest?.name ?? "build")"
        let progress = BuildProgress(enabled: !common.quiet && Terminal.standardError.isTerminal)
        let result: BuildResult
        do throws(BuildError) {
            let plan = try pipeline.plan(checked, options: options)
            if dryRun { return printPlan(plan, content: checked.result?.plan) }
            // The output directory is staged whole and swapped in at the end (OutputDirectory).
            let directory: OutputDirectory
            do {
                directory = try OutputDirectory(URL(fileURLWithPath: out), takeOver: force, clean: clean)
            } catch {
                throw BuildError(error.description)
            }
            common.detail("writing into \(directory.staging.path), then replacing \(out)")
            defer { progress.finish() }
            result = try pipeline.build(plan, options: options, outputDirectory: directory.staging, progress: progress.update)
            do { try directory.commit() } catch { throw BuildError("\(error)") }
        } catch {
            report(error.findings)
            throw fail(error.message)
        }
        if !common.quiet { printSummary(result, out: out) }
    }

    func buildOptions() throws -> BuildOptions {
        do {
            let archiveOptions = try ArchiveOptions.fromEnvironment(ProcessInfo.processInfo.environment)
            return BuildOptions(targets: target == .all ? nil : [target == .desktop ? .desktop : .claude3p],
                                archiveOptions: archiveOptions, toolVersion: CoworkDist.version)
        } catch {
            throw fail("SOURCE_DATE_EPOCH: \(error.message)")
        }
    }

    func printPlan(_ plan: ArtifactPlan, content: BundlePlan?) {
        if let content { Terminal.standardOutput.write(content.listing()) }
        Terminal.standardOutput.write(plan.artifacts.map { "would write \($0.name)\n" }.joined())
    }

    func printSummary(_ result: BuildResult, out: String) {
        var summary = "built \(result.manifest.name) \(result.manifest.version) into \(out)/:\n"
        for (name, size) in result.written { summary += "  \(ByteCount.format(size).leftPadded(10))  \(name)\n" }
        Terminal.standardOutput.write(summary)
    }

    func report(_ findings: [Finding]) {
        Terminal.standardError.writeFindings(findings)
    }

    func fail(_ message: String) -> ExitCode {
        Terminal.standardError.write("error: \(message); nothing was written\n")
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
