import ArgumentParser
import Diagnostics
import Distribution

/// `cowork-dist check [DIST]`: stages 1-5, every finding at once.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a distribution: schema, upstream rules, branding, links, secrets, content and 3P policy.",
        discussion: """
            Reports every problem at once with file:line:column, JSON pointer and a hint. \
            Waivers in distribution.yaml turn matching findings into notes. Exit status: \
            0 clean, 1 errors (or warnings with --strict), 2 unreadable or invalid input.

            Examples:
              cowork-dist check distributions/acme-desktop
              cowork-dist check --base open-cowork.config.json --overlay acme.yaml --schema open-cowork.config.schema.json
              cowork-dist check . --format sarif > cowork-dist.sarif
              cowork-dist check --explain delivery-runtime-removal
            """
    )

    @OptionGroup var common: CommonOptions

    @OptionGroup var source: DistributionOptions
    @OptionGroup var output: FindingsOutput

    @Option(help: "Validate against this JSON Schema instead of the upstream's own.")
    var schema: String?

    @Option(name: .customLong("app-version"), help: "The Claude desktop release the 3P policy must suit, e.g. 1.19367.0.")
    var appVersion: String?

    @Flag(name: .customLong("check-links"), help: "Also request every URL in the config (HEAD, then GET) to find broken links.")
    var checkLinks = false

    @Option(help: ArgumentHelp("Print what a finding code means and how to fix it, then exit.", valueName: "code"))
    var explain: String?

    func validate() throws {
        if explain != nil { return }
        try source.validateSingleSource()
        try Self.validateAppVersion(appVersion)
    }

    func run() throws {
        if let code = explain { return try FindingsOutput.explain(code) }
        try source.requireFiles()
        let options = CheckOptions(schemaPath: schema, appVersion: appVersion, checkLinks: checkLinks)
        let clock = StageClock(common: common)
        let checked = DistributionPipeline(events: PipelineEvents(stage: { clock.event($0, finished: $1) }))
            .check(source.request(check: options))
        guard checked.isReadable else { _ = output.emit(checked.findings); throw ExitCode(2) }
        common.detail("checked \(source.distribution ?? source.base ?? "."): \(checked.findings.errorCount) error(s), \(checked.findings.warningCount) warning(s)")
        let status = output.emit(checked.findings)
        if status != 0 { throw ExitCode(status) }
    }
}
