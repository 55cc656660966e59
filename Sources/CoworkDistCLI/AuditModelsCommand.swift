import Foundation
import ArgumentParser
import Documents
import Diagnostics
import Distribution
import OpenCowork
import ModelAudit
import ManagedPolicy

/// `cowork-dist audit-models`: the release gate for featured model ids.
struct AuditModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-models",
        abstract: "Check featured, default and agent model ids against live provider catalogs.",
        discussion: """
            Every providers.descriptors.<p>.models[] id, defaultModel and smallModel, \
            providers.defaultModel, agent/built-in agent/compaction model, providers.modelInfo \
            key and 3P inferenceModels entry is looked up in its provider's catalog: the \
            descriptor's dynamicCatalog, a 3P gateway's /v1/models (every page), or --catalog \
            for a provider the audited files name (for Bedrock, the output of \
            `aws bedrock list-inference-profiles`). Catalogs are cached on disk \
            (cacheTtlMinutes); --offline uses only the cache and files.
            Exit status: 0 clean, 1 error findings (or warnings with --strict), 2 usage or I/O.

            Examples:
              cowork-dist audit-models distributions/acme-desktop --release-date 2026-12-01
              cowork-dist audit-models --config open-cowork.config.json \\
                --release-date 2026-03-01 --format json --save-catalogs catalogs/
              cowork-dist audit-models --config open-cowork.config.json --offline \\
                --catalog openrouter=catalogs/openrouter.json
            """
    )

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
        for item in catalogs where Self.splitCatalog(item) == nil {
            throw ValidationError("--catalog expects PROVIDER=FILE|URL, got '\(item)'")
        }
    }

    func run() throws {
        for file in [config, policy].compactMap({ $0 }) { try InputFile.require(file) }
        let environment = ProcessInfo.processInfo.environment
        var input = ModelAuditInput(catalogs: catalogs.compactMap(Self.splitCatalog))
        var readFindings: [Finding] = []
        if config == nil && policy == nil {
            readFindings += try loadDistribution(into: &input, environment: environment)
        }
        do {
            if let config {
                let document = try DocumentLoader().load(path: config)
                readFindings += document.warnings.map(Finding.init(warning:))
                input.config = document.value
                input.locateInConfig = ModelAuditInput.locator(for: document)
            }
            if let policy {
                readFindings += try Self.readPolicy(try DocumentLoader().load(path: policy), into: &input)
            }
        } catch {
            Terminal.standardError.write("\(error)\n")
            throw ExitCode(2)
        }
        if let unknown = input.unknownCatalogProviders().first { throw ValidationError(unknown) }
        let cache = CatalogCache(directory: cacheDir.map { URL(fileURLWithPath: $0) }
            ?? CatalogCache.defaultDirectory(environment: environment))
        let loader = CatalogLoader(fetcher: offline ? OfflineCatalogFetcher() : CatalogHTTPFetcher(), cache: cache,
                                   offline: offline, environment: environment,
                                   allowedNames: Set((input.config?["allowedEnvPlaceholders"]?.arrayValue ?? []).compactMap(\.stringValue)),
                                   now: { Date() })
        var report = ModelAuditStage(loader: loader)
            .run(input, options: ModelAuditOptions(releaseDate: releaseDate, requireCatalogs: requireCatalogs))
        report.findings = (readFindings + report.findings).sorted()

        if let saveCatalogs {
            do {
                try report.saveCatalogs(to: URL(fileURLWithPath: saveCatalogs))
            } catch {
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

    /// Reads the distribution: its merged config (located through provenance) and, for a
    /// claude-3p target, its policy file.
    func loadDistribution(into input: inout ModelAuditInput, environment: [String: String]) throws -> [Finding] {
        let path = distribution ?? "."
        let (loadedValue, findings) = DistributionLoader.load(directory: URL(fileURLWithPath: path).standardizedFileURL,
                                                              displayPath: path, environment: environment)
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
        if let manifest = loaded.manifest, let policyPath = manifest.targets.claude3p?.policy {
            do {
                let document = try DocumentLoader().load(path: manifest.url(policyPath).path,
                                                         displayName: (path as NSString).appendingPathComponent(policyPath))
                return try findings + Self.readPolicy(document, into: &input)
            } catch {
                Terminal.standardError.write("\(error)\n")
                throw ExitCode(2)
            }
        }
        return findings
    }

    /// The policy as ManagedPolicy reads it (values decoded by the key registry). Its
    /// findings are kept only when it cannot be read at all; `policy check` reports the rest.
    static func readPolicy(_ document: Document, into input: inout ModelAuditInput) throws -> [Finding] {
        let (policy, findings) = try PolicyLoader.bundled().policy(from: document)
        input.policy = policy
        return policy == nil ? findings : []
    }

    static func splitCatalog(_ text: String) -> (provider: String, location: String)? {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return nil }
        let location = String(text[text.index(after: equals)...])
        return location.isEmpty ? nil : (String(text[..<equals]), location)
    }
}
