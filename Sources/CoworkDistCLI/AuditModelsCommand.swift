import Foundation
import ArgumentParser
import Documents
import Diagnostics
import OpenCowork

/// `cowork-dist audit-models`: the release gate for featured model ids.
struct AuditModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-models",
        abstract: "Check featured, default and agent model ids against live provider catalogs.",
        discussion: """
            Every providers.descriptors.<p>.models[] id, defaultModel and smallModel, \
            providers.defaultModel, agent/built-in agent/compaction model, providers.modelInfo \
            key and 3P inferenceModels entry is looked up in its provider's catalog: the \
            descriptor's dynamicCatalog, a 3P gateway's /v1/models, or --catalog. Catalogs are \
            cached on disk (cacheTtlMinutes); --offline uses only the cache and files.
            Exit status: 0 clean, 1 error findings (or warnings with --strict), 2 usage or I/O.

            Example:
              cowork-dist audit-models --config open-cowork.config.json \\
                --release-date 2026-03-01 --format json --save-catalogs catalogs/
              cowork-dist audit-models --config open-cowork.config.json --offline \\
                --catalog openrouter=catalogs/openrouter.json
            """
    )

    @Argument(help: "A distribution directory (wired by the lead; use --config for now).")
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

    /// Kept local so this file does not claim a global conformance for ReportFormat.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif, github
        var report: ReportFormat { ReportFormat(rawValue: rawValue) ?? .text }
    }

    @Option(help: "Report format.")
    var format: Format = .text

    @Flag(help: "Fail on warnings too.")
    var strict = false

    func validate() throws {
        if distribution != nil { throw ValidationError("distribution directories are wired by the lead; use --config FILE (and --policy FILE) for now") }
        if config == nil && policy == nil { throw ValidationError("give --config FILE and/or --policy FILE") }
        if let day = releaseDate, !CatalogDate.isDay(day) { throw ValidationError("--release-date must be YYYY-MM-DD, got '\(day)'") }
        for item in catalogs where Self.splitCatalog(item) == nil {
            throw ValidationError("--catalog expects PROVIDER=FILE|URL, got '\(item)'")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        var input = ModelAuditInput(catalogs: catalogs.compactMap(Self.splitCatalog))
        var readFindings: [Finding] = []
        do {
            if let config {
                let document = try DocumentLoader().load(path: config)
                readFindings += document.warnings.map(Finding.init(warning:))
                input.config = document.value
                input.locateInConfig = ModelAuditInput.locator(for: document)
            }
            if let policy {
                let document = try DocumentLoader().load(path: policy)
                input.policy = document.value
                input.locateInPolicy = ModelAuditInput.locator(for: document)
            }
        } catch {
            Terminal.standardError.write("\(error)\n")
            throw ExitCode(2)
        }
        let cache = CatalogCache(directory: cacheDir.map { URL(fileURLWithPath: $0) }
            ?? CatalogCache.defaultDirectory(environment: environment))
        let loader = CatalogLoader(fetcher: offline ? OfflineCatalogFetcher() : CatalogHTTPFetcher(), cache: cache,
                                   offline: offline, environment: environment, now: { Date() })
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
        if format == .json {
            Terminal.standardOutput.write(report.json())
        } else {
            let options = ReportOptions(color: format == .text && Terminal.standardOutput.allowsColor)
            Terminal.standardOutput.write(ReportRenderer(format: format.report, options: options).render(report.findings))
            if format == .text && report.findings.isEmpty {
                Terminal.standardOutput.write("\(report.referenceCount) model references checked against \(report.catalogs.count) catalogs: no findings\n")
            }
        }
        let status = report.findings.exitStatus(strict: strict)
        if status != 0 { throw ExitCode(status) }
    }

    static func splitCatalog(_ text: String) -> (provider: String, location: String)? {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return nil }
        let location = String(text[text.index(after: equals)...])
        return location.isEmpty ? nil : (String(text[..<equals]), location)
    }
}
