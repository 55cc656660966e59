import Foundation
import ArgumentParser
import Documents
import Diagnostics
import Distribution
import ModelAudit

/// The options of `cowork-dist audit-models`, and reading the files they name into the
/// audit's input (the command itself only wires the stages).
struct AuditModelsOptions: ParsableArguments {
    /// --quiet, --verbose, --color (docs/cli.md).
    @OptionGroup var common: CommonOptions

    @Argument(help: "A distribution directory: audits its merged config and its 3P policy (default: the current directory, unless --config or --policy is given).")
    var distribution: String?

    @Option(help: "An Open Cowork config (JSON, JSONC or YAML) to audit.")
    var config: String?

    @Option(help: "A Cowork-on-3P policy (flat JSON or YAML map) to audit.")
    var policy: String?

    @Option(name: .customLong("catalog"), help: ArgumentHelp("A catalog for a provider: snapshot file or URL.", valueName: "PROVIDER=FILE|URL"))
    var catalogs: [String] = []

    @Flag(help: "Use only cached catalogs (any age) and --catalog files.")
    var offline = false

    @Option(help: ArgumentHelp("Warn about ids expiring on or before this day.", valueName: "YYYY-MM-DD"))
    var releaseDate: String?

    @Flag(help: "A provider with references but no catalog is an error.")
    var requireCatalogs = false

    @Option(help: ArgumentHelp("Write each catalog body used to DIR/<provider>.json.", valueName: "DIR"))
    var saveCatalogs: String?

    @Option(help: ArgumentHelp("Catalog cache directory (default $XDG_CACHE_HOME/cowork-dist/catalogs).", valueName: "DIR"))
    var cacheDir: String?

    /// `--format json` also lists the catalogs used and their sha256.
    @OptionGroup var output: FindingsOutput

    func validate() throws {
        if distribution != nil && (config != nil || policy != nil) {
            throw ValidationError("give a distribution directory, or --config/--policy files, not both")
        }
        if let day = releaseDate, !CatalogDate.isDay(day) { throw ValidationError("--release-date must be YYYY-MM-DD, got '\(day)'") }
        for item in catalogs where ModelAuditInput.catalogArgument(item) == nil {
            throw ValidationError("--catalog expects PROVIDER=FILE|URL, got '\(item)'")
        }
    }

    /// The config, policy and catalogs to audit, with the readers' warnings; an unreadable
    /// file is exit 2 with its error.
    func input() throws -> (input: ModelAuditInput, findings: [Finding]) {
        for file in [config, policy].compactMap({ $0 }) { try InputFile.require(file) }
        var input = ModelAuditInput(catalogs: catalogs.compactMap(ModelAuditInput.catalogArgument))
        var findings: [Finding] = []
        if config == nil && policy == nil { findings += try loadDistribution(into: &input) }
        do {
            if let config { findings += try input.readConfig(path: config) }
            if let policy { findings += try input.readPolicy(try DocumentLoader().load(path: policy)) }
        } catch {
            Terminal.standardError.write("\(error)\n")
            throw ExitCode(2)
        }
        if let unknown = input.unknownCatalogProviders().first { throw ValidationError(unknown) }
        return (input, findings)
    }

    /// Reads the distribution: its merged config (located through provenance) and, for a
    /// claude-3p target, its policy file.
    func loadDistribution(into input: inout ModelAuditInput) throws -> [Finding] {
        let path = distribution ?? "."
        let (loadedValue, findings) = DistributionLoader.load(directory: URL(fileURLWithPath: path).standardizedFileURL, displayPath: path,
                                                              environment: ProcessInfo.processInfo.environment)
        guard let loaded = loadedValue else {
            Terminal.standardError.writeFindings(findings)
            throw ExitCode(2)
        }
        defer { loaded.removeTemporaryFiles() }
        if let desktop = loaded.desktop {
            let provenance = desktop.provenance
            input.config = desktop.value
            input.locateInConfig = { provenance.location(of: $0) }
        }
        guard let manifest = loaded.manifest, let policyPath = manifest.targets.claude3p?.policy else { return findings }
        do {
            let document = try DocumentLoader().load(path: manifest.url(policyPath).path,
                                                     displayName: (path as NSString).appendingPathComponent(policyPath))
            return try findings + input.readPolicy(document)
        } catch {
            Terminal.standardError.write("\(error)\n")
            throw ExitCode(2)
        }
    }

    /// Saves the catalogs when asked, then prints the report; exits with its status.
    func emit(_ report: ModelAuditReport) throws {
        if let saveCatalogs {
            do { try report.saveCatalogs(to: URL(fileURLWithPath: saveCatalogs)) } catch {
                Terminal.standardError.write("cannot write catalogs to \(saveCatalogs): \(error.localizedDescription)\n")
                throw ExitCode(2)
            }
        }
        let status: Int32
        if output.format == .json {
            Terminal.standardOutput.write(report.json())
            status = report.findings.exitStatus(strict: output.strict)
        } else {
            status = output.emit(report.findings)
            if output.format == .text && report.findings.isEmpty && !common.quiet {
                Terminal.standardOutput.write("\(report.referenceCount) model references checked against \(report.catalogs.count) catalogs: no findings\n")
            }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
