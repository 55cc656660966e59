import Foundation
import ArgumentParser
import ModelAudit

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

    @OptionGroup var options: AuditModelsOptions

    func run() throws {
        let (input, readFindings) = try options.input()
        let loader = CatalogLoader.standard(offline: options.offline, cacheDirectory: options.cacheDir,
                                            environment: ProcessInfo.processInfo.environment,
                                            allowedNames: input.allowedPlaceholderNames)
        var report = options.common.stage("audit") {
            ModelAuditStage(loader: loader).run(input, options: ModelAuditOptions(releaseDate: options.releaseDate,
                                                                                  requireCatalogs: options.requireCatalogs))
        }
        report.findings = (readFindings + report.findings).sorted()
        // The catalogs (100k models and more) stay allocated until the process exits:
        // the command ends right after this, and freeing them one string at a time cost
        // about a tenth of the audit; exit hands the whole heap back at once.
        KeptUntilExit.keep(report)
        try options.emit(report)
    }
}
