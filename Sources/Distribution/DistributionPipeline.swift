import Diagnostics
import Foundation
import OpenCowork
import Packaging

/// The one ordered list of what `check` and `build` do. Each stage is one `Stage` taking
/// the previous stage's value; nothing reaches back. Timing, progress, skipping and
/// `--dry-run` wrap stages from outside (`run(_:_:)` and `events`), never inside them.
///
///     load ─► check ─► plan ─► write ─► verify ─► commit
///
/// `check` stops after the second stage; `build` skips the rest when check leaves an
/// error, and `build --dry-run` stops after the third.
public struct DistributionPipeline: Sendable {
    /// What the caller asks for.
    public struct Request: Sendable {
        /// A distribution directory (named `display` in positions and reports), or the
        /// ad-hoc `--base FILE --overlay FILE...` form, which only checks.
        public enum Source: Sendable {
            case directory(URL, display: String)
            case adHoc(base: String, overlays: [String])
        }
        public var source: Source
        /// Values for `env.resolve` and SOURCE_DATE_EPOCH (the library never reads the
        /// process environment).
        public var environment: [String: String]
        public var resolveEnv: [String]
        public var check: CheckOptions

        public init(source: Source, environment: [String: String], resolveEnv: [String] = [],
                    check: CheckOptions = CheckOptions()) {
            self.source = source
            self.environment = environment
            self.resolveEnv = resolveEnv
            self.check = check
        }
    }

    /// What a terminal is told as the pipeline goes (timing, findings, progress).
    public var events: PipelineEvents

    public init(events: PipelineEvents = PipelineEvents()) { self.events = events }

    /// The outcome of `check`: every finding, and what `build` goes on with.
    public struct Checked: Sendable {
        public var loaded: LoadedDistribution?
        public var result: CheckResult?
        public var findings: [Finding]
        /// False when the input could not be read at all (exit 2).
        public var isReadable: Bool { loaded != nil }
    }

    /// `check`: stages 1-2, every finding at once. An unpacked archive upstream is
    /// removed before this returns.
    public func check(_ request: Request) -> Checked {
        let checked = loadAndCheck(request)
        checked.loaded?.removeTemporaryFiles()
        return checked
    }

    /// `build`: stages 1-6, or 1-3 with `dryRun`. The check findings are reported (through
    /// `events.findings`) before anything is written; any error stops the build before the
    /// plan. `environment` gives SOURCE_DATE_EPOCH.
    public func build(_ request: Request, _ build: BuildRequest) throws(BuildError) -> BuildOutcome {
        let plan: ArtifactPlan, options: BuildOptions
        switch try loadCheckAndPlan(request, build) {
        case .finished(let outcome): return outcome
        case .ready(let planned, let chosen): (plan, options) = (planned, chosen)
        }
        // An upstream archive unpacked by the load is read again while writing.
        defer { plan.upstream?.removeTemporaryCopy() }
        let out = build.output ?? "dist/\(plan.manifest.name)"
        // The output directory is staged whole and swapped in at the end.
        let directory: OutputDirectory
        do {
            directory = try OutputDirectory(URL(fileURLWithPath: out), takeOver: build.takeOver, clean: build.clean)
        } catch {
            throw BuildError(error.description)
        }
        events.detail("writing into \(directory.staging.path), then replacing \(out)")
        let artifacts = ArtifactStage(options: options)
        // 4. write: archives and files, deterministic, side by side on every core.
        let staged = try run(ArtifactStage.Write(stage: artifacts, outputDirectory: directory.staging, progress: events.progress), plan)
        // 5. verify: the app's load emulated over each install archive read back from disk.
        let verified = try run(ArtifactStage.Verify(stage: artifacts), staged)
        // 6. commit: build-manifest.json (with the delivery records), SHA256SUMS, renames;
        //    then the staged output directory swapped in whole.
        let built = try run(ArtifactStage.Commit(stage: artifacts), verified)
        do { try directory.commit() } catch { throw BuildError("\(error)") }
        return .built(built, output: out)
    }

    /// What stages 1-3 leave a build: an outcome already (unreadable, stopped, dry run),
    /// or the plan to write.
    private enum Planned {
        case finished(BuildOutcome)
        case ready(ArtifactPlan, BuildOptions)
    }

    /// Stages 1-3. The loaded distribution (every layer's tree and the merged config's
    /// provenance) and the check's result end here: from the plan on, a build holds only
    /// what the plan took from them, not the whole of both through writing.
    private func loadCheckAndPlan(_ request: Request, _ build: BuildRequest) throws(BuildError) -> Planned {
        let checked = loadAndCheck(request)
        events.findings(checked.findings)
        guard let loaded = checked.loaded, let result = checked.result else {
            checked.loaded?.removeTemporaryFiles()
            return .finished(.unreadable)
        }
        // Every way out but a plan to write removes the unpacked upstream here; a plan to
        // write keeps it for the writer (see `build`).
        var keepTemporaryFiles = false
        defer { if !keepTemporaryFiles { loaded.removeTemporaryFiles() } }
        if checked.findings.exitStatus(strict: build.strict) != 0 {
            return .finished(.stopped(errors: checked.findings.errorCount, warnings: checked.findings.warningCount))
        }
        let options: BuildOptions
        do {
            options = BuildOptions(targets: build.targets, archiveOptions: try ArchiveOptions.fromEnvironment(request.environment),
                                   toolVersion: build.toolVersion)
        } catch {
            throw BuildError("SOURCE_DATE_EPOCH: \(error.message)")
        }
        // 3. plan: every artifact kind (ArtifactKinds.all) decides its artifacts; nothing is written.
        let plan = try run(ArtifactPlanner(options: options), (loaded, result))
        if build.dryRun { return .finished(.planned(plan, content: result.plan)) }
        keepTemporaryFiles = plan.upstream != nil
        return .ready(plan, options)
    }

    /// Stages 1-2; the caller removes the temporary files of `loaded`.
    func loadAndCheck(_ request: Request) -> Checked {
        // 1. load: distribution.yaml, the upstream, every layer, read once and merged.
        let load = run(LoadStage(), request)
        guard let loaded = load.loaded else { return Checked(loaded: nil, result: nil, findings: load.findings) }
        // 2. check: every finding at once, the content to ship, the delivery plan and its
        //    emulated load, the 3P policy and plugins. Live link findings go through it too,
        //    so waivers apply to them.
        var options = request.check
        if options.checkLinks, let desktop = loaded.desktop { options.liveFindings += LinkProbe.run(desktop) }
        let result = run(CheckStage(options: options), loaded)
        return Checked(loaded: loaded, result: result, findings: load.findings + result.findings)
    }

    /// The runner: every stage goes through here, so timing and progress wrap each one
    /// the same way, from outside.
    func run<S: Stage>(_ stage: S, _ input: S.Input) throws(S.Failure) -> S.Output {
        events.stage(stage.name, false)
        defer {
            // What a stage freed goes back to the system before the next one allocates.
            MemoryRelease.now()
            events.stage(stage.name, true)
        }
        return try stage.run(input)
    }
}
