import Diagnostics
import Foundation
import OpenCowork
import Packaging

/// The one ordered list of what `check` and `build` do. Each stage is one named type
/// taking the previous stage's value; nothing reaches back. Timing, progress and
/// `--dry-run` wrap stages from outside (the `observer`), never inside them.
///
///     load ─► check ─► plan ─► write ─► verify ─► commit
///
/// `check` stops after the second stage; `build --dry-run` after the third.
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
        /// Values for `env.resolve` (the library never reads the process environment).
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

    /// Told when a stage starts and ends (for timing and progress on a terminal).
    public typealias Observer = @Sendable (_ stage: String, _ finished: Bool) -> Void

    public var observer: Observer?

    public init(observer: Observer? = nil) { self.observer = observer }

    /// The outcome of `check`: every finding, and what `build` goes on with.
    public struct Checked: Sendable {
        public var loaded: LoadedDistribution?
        public var result: CheckResult?
        public var findings: [Finding]
        /// Nil when the input could not be read at all (exit 2).
        public var isReadable: Bool { loaded != nil }
    }

    /// Stages 1-2. The caller removes the temporary files of `loaded` when done
    /// (`LoadedDistribution.removeTemporaryFiles()`).
    /// `live` adds findings that need the loaded config (the link probe of
    /// `--check-links`); they go through the check stage, so waivers apply to them.
    public func check(_ request: Request, live: ((LoadedDistribution) -> [Finding])? = nil) -> Checked {
        // 1. load: distribution.yaml, the upstream, every layer, read once and merged.
        let (loaded, loadFindings) = stage("load") { () -> (LoadedDistribution?, [Finding]) in
            switch request.source {
            case .directory(let directory, let display):
                return DistributionLoader.load(directory: directory, displayPath: display,
                                               environment: request.environment, resolveEnv: request.resolveEnv)
            case .adHoc(let base, let overlays):
                return DistributionLoader.load(base: base, overlays: overlays, environment: request.environment,
                                               resolveEnv: request.resolveEnv)
            }
        }
        guard let loaded else { return Checked(loaded: nil, result: nil, findings: loadFindings) }
        // 2. check: every finding at once, the content to ship, the delivery plan and its
        //    emulated load, the 3P policy and plugins.
        var options = request.check
        if let live { options.liveFindings += live(loaded) }
        let result = stage("check") { CheckStage(options: options).run(loaded) }
        return Checked(loaded: loaded, result: result, findings: loadFindings + result.findings)
    }

    /// Stage 3: every artifact decided, nothing written (`build --dry-run` ends here).
    public func plan(_ checked: Checked, options: BuildOptions) throws(BuildError) -> ArtifactPlan {
        guard let loaded = checked.loaded, let result = checked.result else { throw BuildError("the distribution could not be read") }
        observer?("plan", false)
        defer { observer?("plan", true) }
        return try ArtifactPlanner(options: options).plan(loaded, check: result)
    }

    /// Stages 4-6: write under temporary names, verify every delivery read back from
    /// disk as the app would load it, then commit the whole set.
    public func build(_ plan: ArtifactPlan, options: BuildOptions, outputDirectory: URL,
                      progress: ArtifactStage.Progress? = nil) throws(BuildError) -> BuildResult {
        let artifacts = ArtifactStage(options: options)
        // 4. write: archives and files, deterministic, side by side on every core.
        observer?("write", false)
        let staged = try artifacts.write(plan, outputDirectory: outputDirectory, progress: progress)
        observer?("write", true)
        // 5. verify: the app's load emulated over each install archive.
        observer?("verify", false)
        let verified = try artifacts.verify(staged)
        observer?("verify", true)
        // 6. commit: build-manifest.json (with the delivery records), SHA256SUMS, renames.
        observer?("commit", false)
        defer { observer?("commit", true) }
        return try artifacts.commit(verified)
    }

    private func stage<T>(_ name: String, _ body: () -> T) -> T {
        observer?(name, false)
        defer { observer?(name, true) }
        return body()
    }
}
