import Diagnostics
import Foundation
import OpenCowork

/// Stage 1: a distribution directory, or the ad-hoc `--base/--overlay` form, read once
/// and merged (`DistributionLoader`).
public struct LoadStage: Stage {
    /// What was loaded, nil when the input could not be read at all (exit 2), and what
    /// loading found.
    public struct Output: Sendable {
        public var loaded: LoadedDistribution?
        public var findings: [Finding]
    }

    public typealias Failure = Never
    public var name: String { "load" }

    public init() {}

    public func run(_ request: DistributionPipeline.Request) -> Output {
        let (loaded, findings): (LoadedDistribution?, [Finding])
        switch request.source {
        case .directory(let directory, let display):
            (loaded, findings) = DistributionLoader.load(directory: directory, displayPath: display,
                                                         environment: request.environment, resolveEnv: request.resolveEnv)
        case .adHoc(let base, let overlays):
            (loaded, findings) = DistributionLoader.load(base: base, overlays: overlays, environment: request.environment,
                                                         resolveEnv: request.resolveEnv)
        }
        return Output(loaded: loaded, findings: findings)
    }

    public func findings(in output: Output) -> [Finding] { output.findings }
}
