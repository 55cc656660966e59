import ArgumentParser
import Diagnostics
import Distribution
import Documents

/// `cowork-dist render [DIST]`: prints the merged config as canonical JSON.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the merged config (upstream + overlays) as canonical JSON.",
        discussion: """
            Loads the distribution (distribution.yaml, the pinned upstream, each overlay in \
            order), merges them as Open Cowork does plus list directives, checks \
            placeholders, and prints the result. Problems go to standard error as \
            file:line:column: severity: [code] message.

            Examples:
              cowork-dist render distributions/acme-desktop
              cowork-dist render --base upstream/open-cowork.config.json --overlay ours.yaml
              cowork-dist render --base base.json --overlay ours.yaml --schema open-cowork.config.schema.json
            """
    )

    /// --quiet, --verbose, --color (docs/cli.md).
    @OptionGroup var common: CommonOptions

    @OptionGroup var options: DistributionOptions

    @Option(help: "Validate each layer (partial schema) and the result (full schema) first; violations go to standard error and exit 1.")
    var schema: String?

    func validate() throws {
        if options.base != nil && options.distribution != nil {
            throw ValidationError("give a distribution directory or --base, not both")
        }
    }

    func run() throws {
        try options.requireFiles()
        let result = try DistributionOptions.require(options.load())
        if let schema {
            let (check, loadFindings) = SchemaCheck.load(path: schema)
            let findings = loadFindings + (check?.run(layers: result.layers, merged: result.merged) ?? [])
            Terminal.standardError.writeFindings(findings)
            guard check != nil else { throw ExitCode(2) }
            if findings.errorCount > 0 { throw ExitCode(1) }
        }
        Terminal.standardOutput.write(JSONWriter().string(result.value))
    }
}
