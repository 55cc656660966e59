import Diagnostics
import Documents
import Foundation
import OpenCowork

/// A distribution read through stages 1-4: its manifest and, when it builds on an
/// upstream Open Cowork release, the merged desktop config. The ad-hoc `--base/--overlay`
/// form has a config and no manifest; a Cowork-3P-only distribution has a manifest and
/// no config.
public struct LoadedDistribution: Sendable {
    public var manifest: Manifest?
    public var desktop: PipelineResult?
    /// How the distribution directory is named in positions and reports.
    public var displayPath: String
    /// Pointers of the merged config whose value loading already reported as an error
    /// (an unset build-time placeholder, say): later checks skip them rather than
    /// report the same mistake again in other words.
    public var reportedPointers: Set<JSONPointer> = []

    /// Removes an unpacked archive upstream once nothing needs its files any more.
    public func removeTemporaryFiles() { desktop?.removeTemporaryFiles() }
}

/// Stages 1-4 for both systems: reads `distribution.yaml`, then the upstream and its
/// layers when the distribution has one.
public enum DistributionLoader {
    /// Loads a distribution directory. `environment` supplies `env.resolve` values (the
    /// library never reads the process environment). A nil result means the input could
    /// not be read or is invalid; otherwise error findings may remain.
    public static func load(directory: URL, displayPath: String, environment: [String: String],
                            resolveEnv: [String] = []) -> (LoadedDistribution?, [Finding]) {
        let (manifestValue, manifestFindings) = ManifestStage(displayDirectory: displayPath).run(directory: directory)
        guard let manifest = manifestValue else { return (nil, manifestFindings) }
        var findings = manifestFindings
        if manifest.upstream == nil {
            if manifest.targets.desktop != nil {
                findings.append(Finding(.error, code: .manifestUpstream,
                                        message: "the desktop target needs an upstream Open Cowork release",
                                        location: manifest.document.location(of: "/targets/desktop", preferKey: true),
                                        hint: "add upstream: { path: DIR } or { archive: FILE }, or remove targets.desktop"))
                return (nil, findings)
            }
            if manifest.targets.claude3p == nil {
                findings.append(Finding(.error, code: .manifestTargets, message: "distribution.yaml builds nothing: it has no upstream and no targets",
                                        location: manifest.document.location(of: .root)))
                return (nil, findings)
            }
            return (LoadedDistribution(manifest: manifest, desktop: nil, displayPath: displayPath), findings)
        }
        let (result, rest) = Pipeline.load(manifest: manifest, displayPath: displayPath, environment: environment,
                                           resolveEnv: resolveEnv)
        findings += rest
        guard let result else { return (nil, findings) }
        return (LoadedDistribution(manifest: manifest, desktop: result, displayPath: displayPath,
                                   reportedPointers: errorPointers(rest)), findings)
    }

    static func errorPointers(_ findings: [Finding]) -> Set<JSONPointer> {
        Set(findings.filter { $0.severity == .error }.compactMap(\.pointer))
    }

    /// The ad-hoc form: `base` plays the upstream config, then each overlay in order.
    public static func load(base: String, overlays: [String], environment: [String: String],
                            resolveEnv: [String] = []) -> (LoadedDistribution?, [Finding]) {
        let (result, findings) = Pipeline.load(base: base, overlays: overlays, environment: environment, resolveEnv: resolveEnv)
        guard let result else { return (nil, findings) }
        return (LoadedDistribution(manifest: nil, desktop: result, displayPath: base,
                                   reportedPointers: errorPointers(findings)), findings)
    }
}
