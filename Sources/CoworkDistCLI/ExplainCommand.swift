import Foundation
import ArgumentParser
import Documents
import OpenCowork

/// `cowork-dist explain [DIST] [POINTER]`: where a merged value came from.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show which layer and file:line set a value of the merged config, and what it overrode.",
        discussion: """
            With a JSON pointer (/branding/name): the value, the file:line that set it and \
            the chain of values it overrode, layer by layer. Without one: for each top-level \
            key, the layers that touched it.

            Examples:
              cowork-dist explain distributions/acme-desktop /branding/helpUrl
              cowork-dist explain --base base.json --overlay ours.yaml /providers/available --format json
            """
    )

    @OptionGroup var common: CommonOptions

    enum Format: String, ListedArgument { case text, json }

    @OptionGroup var options: DistributionOptions

    @Argument(help: "A JSON pointer into the merged config, such as /branding/name.")
    var pointer: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let (options, parsed) = try self.options.splittingPointer(pointer)
        let result = try DistributionOptions.require(options.load())
        let report = ExplainReport(result: result)
        if let parsed {
            guard let text = report.explain(parsed, json: format == .json) else {
                throw Terminal.failure("error: the merged config has no value at \(parsed)\(report.suggestion(for: parsed))", status: 1)
            }
            Terminal.standardOutput.write(text)
        } else {
            Terminal.standardOutput.write(report.summary(json: format == .json))
        }
    }
}
