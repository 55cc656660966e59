import Diagnostics
import Foundation
import OpenCowork
import Packaging

/// What `build` is asked to do beyond checking: where to write and how.
public struct BuildRequest: Sendable {
    /// Targets to build; nil means every target the distribution declares.
    public var targets: Set<BuildTarget>?
    /// The output directory; nil means `dist/<name>`.
    public var output: String?
    /// Replace an output directory holding files no earlier build there wrote.
    public var takeOver: Bool
    /// Empty the output directory first (even if the build then fails).
    public var clean: Bool
    /// Stop after the plan stage: write nothing.
    public var dryRun: Bool
    /// Refuse to build on warnings too.
    public var strict: Bool
    /// Recorded in build-manifest.json.
    public var toolVersion: String

    public init(targets: Set<BuildTarget>? = nil, output: String? = nil, takeOver: Bool = false, clean: Bool = false,
                dryRun: Bool = false, strict: Bool = false, toolVersion: String) {
        self.targets = targets
        self.output = output
        self.takeOver = takeOver
        self.clean = clean
        self.dryRun = dryRun
        self.strict = strict
        self.toolVersion = toolVersion
    }
}

/// How a build ended, short of an error (`BuildError`).
public enum BuildOutcome: Sendable {
    /// The input could not be read at all (exit 2); the findings were reported.
    case unreadable
    /// Errors (or, under `strict`, warnings) remain after check: nothing was written.
    case stopped(errors: Int, warnings: Int)
    /// `--dry-run`: every file that would ship and every artifact, nothing written.
    case planned(ArtifactPlan, content: BundlePlan?)
    /// Written and swapped into `output`.
    case built(BuildResult, output: String)
}
