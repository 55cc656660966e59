import ArgumentParser
import Diagnostics
import ManagedPolicy

/// `cowork-dist policy show POLICY`: the effective policy, each value with its origin.
struct PolicyShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the effective policy (preset plus policy file), each value with where it came from.",
        discussion: """
            One line per key, sorted: the key, its value as the preference stores hold it, and \\
            its origin (the preset name, or the policy file's line). Findings go to standard error.

            Example:
              cowork-dist policy show policy/managed.yaml --profile restricted
            """
    )

    /// --quiet, --verbose, --color (docs/cli.md).
    @OptionGroup var common: CommonOptions

    @Argument(help: "The policy file (YAML or JSON; '-' reads standard input).") var policy: String
    @Option(help: "Layer the policy over this preset instead of its own profile: key.") var profile: String?
    @OptionGroup var target: PolicyTargetOptions

    func run() throws {
        let source = try InputFile.source(policy)
        let workflow = try PolicyCommand.workflow(target: try target.release())
        let (loaded, findings) = common.stage("check \(source.name)") { workflow.check(source, profile: profile) }
        Terminal.standardError.writeFindings(findings)
        guard let loaded else { throw ExitCode(2) }
        Terminal.standardOutput.write(PolicyOrigins.table(loaded))
        if findings.errorCount > 0 { throw ExitCode(1) }
    }
}
