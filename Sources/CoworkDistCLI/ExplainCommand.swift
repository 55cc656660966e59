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

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var options: DistributionOptions

    @Argument(help: "A JSON pointer into the merged config, such as /branding/name.")
    var pointer: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        var options = self.options
        var pointerText = pointer
        // One positional after --base, or one that is no directory but reads as a pointer, is the pointer.
        if pointerText == nil, let first = options.distribution,
           options.base != nil || (first.hasPrefix("/") && !FileManager.default.fileExists(atPath: first)) {
            pointerText = first
            options.distribution = nil
        }
        if options.base != nil && options.distribution != nil {
            throw ValidationError("give a distribution directory or --base, not both")
        }
        var parsed: JSONPointer?
        if let pointerText {
            do { parsed = try JSONPointer(parsing: pointerText) } catch {
                Terminal.standardError.write("error: \(error)\n")
                throw ExitCode(2)
            }
        }
        let result = try DistributionOptions.require(options.load())
        let report = ExplainReport(result: result)
        if let parsed {
            guard let text = report.explain(parsed, json: format == .json) else {
                Terminal.standardError.write("error: the merged config has no value at \(parsed)\(report.suggestion(for: parsed))\n")
                throw ExitCode(1)
            }
            Terminal.standardOutput.write(text)
        } else {
            Terminal.standardOutput.write(report.summary(json: format == .json))
        }
    }
}
