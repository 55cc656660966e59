import Diagnostics
import Foundation

/// One step of `DistributionPipeline`: a name, and a run from the previous stage's value
/// to the next. Timing, progress, skipping and `--dry-run` are the runner's business
/// (`DistributionPipeline`), never a stage's; a stage only turns its input into its output.
public protocol Stage: Sendable {
    associatedtype Input
    associatedtype Output
    /// What the stage throws when it cannot go on: `Never` for load and check, which
    /// report everything as findings; `BuildError` for the build stages.
    associatedtype Failure: Error = BuildError
    /// How timing and progress name the stage: load, check, plan, write, verify, commit.
    var name: String { get }
    /// Runs the stage. Findings ride in the output; a stage that cannot go on throws.
    func run(_ input: Input) throws(Failure) -> Output
    /// The findings in a stage's output, reported as soon as the stage ends.
    func findings(in output: Output) -> [Finding]
}

extension Stage {
    public func findings(in output: Output) -> [Finding] { [] }
}

/// Told as the pipeline goes, for a terminal to show (the library never prints).
public struct PipelineEvents: Sendable {
    /// A stage starts (`finished` false) or ends (true): for timing and `--verbose`.
    public var stage: @Sendable (_ name: String, _ finished: Bool) -> Void
    /// The findings a stage made, as soon as it made them.
    public var findings: @Sendable ([Finding]) -> Void
    /// Each artifact as the write stage starts it.
    public var progress: ArtifactStage.Progress?
    /// A step-by-step line (`--verbose`).
    public var detail: @Sendable (String) -> Void

    public init(stage: @escaping @Sendable (String, Bool) -> Void = { _, _ in },
                findings: @escaping @Sendable ([Finding]) -> Void = { _ in },
                progress: ArtifactStage.Progress? = nil,
                detail: @escaping @Sendable (String) -> Void = { _ in }) {
        self.stage = stage
        self.findings = findings
        self.progress = progress
        self.detail = detail
    }
}

// MARK: - The stages' conformances

extension CheckStage: Stage {
    public typealias Failure = Never
    public var name: String { "check" }
    public func findings(in output: CheckResult) -> [Finding] { output.findings }
}

extension ArtifactPlanner: Stage {
    public var name: String { "plan" }
    public func run(_ input: (loaded: LoadedDistribution, check: CheckResult)) throws(BuildError) -> ArtifactPlan {
        try plan(input.loaded, check: input.check)
    }
}

extension ArtifactStage {
    /// Stage 4: every planned artifact under a temporary name in `outputDirectory`.
    public struct Write: Stage {
        public var stage: ArtifactStage
        public var outputDirectory: URL
        public var progress: Progress?
        public var name: String { "write" }
        public func run(_ plan: ArtifactPlan) throws(BuildError) -> StagedBuild {
            try stage.write(plan, outputDirectory: outputDirectory, progress: progress)
        }
    }

    /// Stage 5: each delivery archive read back and loaded as the app would.
    public struct Verify: Stage {
        public var stage: ArtifactStage
        public var name: String { "verify" }
        public func run(_ staged: StagedBuild) throws(BuildError) -> VerifiedBuild { try stage.verify(staged) }
    }

    /// Stage 6: each kind's commit step (build-manifest.json, SHA256SUMS), then the renames.
    public struct Commit: Stage {
        public var stage: ArtifactStage
        public var name: String { "commit" }
        public func run(_ verified: VerifiedBuild) throws(BuildError) -> BuildResult { try stage.commit(verified) }
    }
}
