import Foundation
import ArgumentParser
import Diagnostics
import Distribution
import OpenCowork

/// Options shared by the commands that load a distribution: the directory, or the ad-hoc
/// `--base FILE [--overlay FILE]...` form, and the placeholders to resolve at build time.
struct DistributionOptions: ParsableArguments {
    @Argument(help: "The distribution directory holding distribution.yaml (default: the current directory).")
    var distribution: String?

    @Option(help: "Ad-hoc form: a config file that plays the upstream config (no distribution directory).")
    var base: String?

    @Option(help: "Ad-hoc form: an overlay applied after --base (repeatable, in order).")
    var overlay: [String] = []

    @Option(name: .customLong("resolve-env"),
            help: "Substitute {env:NAME} from the environment at build time (repeatable; adds to env.resolve).")
    var resolveEnv: [String] = []

    func validate() throws {
        if !overlay.isEmpty && base == nil { throw ValidationError("--overlay needs --base") }
        for name in resolveEnv where !PlaceholderScanner.isValidName(name) {
            throw ValidationError("--resolve-env \(name): placeholder names match [A-Z0-9_]+")
        }
    }

    /// `check DIR --base X` would silently ignore DIR: one source or the other.
    func validateSingleSource() throws {
        if base != nil && distribution != nil { throw ValidationError("give a distribution directory or --base, not both") }
    }

    /// The ad-hoc form's files exist and are readable files (exit 2 otherwise).
    func requireFiles() throws {
        for file in [base].compactMap({ $0 }) + overlay { try InputFile.require(file) }
    }

    /// The merged desktop config (stages 1-4), for commands that need one: a
    /// Cowork-3P-only distribution has none, which is an error here.
    func load() -> (PipelineResult?, [Finding]) {
        let (loaded, findings) = loadDistribution()
        guard let loaded else { return (nil, findings) }
        guard let desktop = loaded.desktop else {
            let manifestStart = loaded.manifest.map { $0.document.location(of: .root) }
            return (nil, findings + [Finding(.error, code: .manifestUpstream,
                                             message: "this distribution has no upstream Open Cowork config to merge (claude-3p only)",
                                             location: manifestStart)])
        }
        return (desktop, findings)
    }

    /// The pipeline request for these options.
    func request(check: CheckOptions = CheckOptions()) -> DistributionPipeline.Request {
        let source: DistributionPipeline.Request.Source
        if let base {
            source = .adHoc(base: base, overlays: overlay)
        } else {
            let path = distribution ?? "."
            source = .directory(URL(fileURLWithPath: path).standardizedFileURL, display: path)
        }
        return DistributionPipeline.Request(source: source, environment: ProcessInfo.processInfo.environment,
                                            resolveEnv: resolveEnv, check: check)
    }

    /// Runs stages 1-4 for both systems (a Cowork-3P-only distribution has no upstream).
    func loadDistribution() -> (LoadedDistribution?, [Finding]) {
        let environment = ProcessInfo.processInfo.environment
        if let base {
            return DistributionLoader.load(base: base, overlays: overlay, environment: environment, resolveEnv: resolveEnv)
        }
        let path = distribution ?? "."
        return DistributionLoader.load(directory: URL(fileURLWithPath: path).standardizedFileURL, displayPath: path,
                                       environment: environment, resolveEnv: resolveEnv)
    }

    /// Prints findings on standard error and returns the result to use, or throws the exit
    /// code: 2 when the input could not be loaded, 1 when error findings remain.
    static func require(_ loaded: (PipelineResult?, [Finding])) throws -> PipelineResult {
        let (result, findings) = loaded
        Terminal.standardError.writeFindings(findings)
        guard let result else { throw ExitCode(2) }
        // render and explain need nothing from an unpacked archive upstream after loading.
        result.removeTemporaryFiles()
        if findings.errorCount > 0 { throw ExitCode(1) }
        return result
    }
}
