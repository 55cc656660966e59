import ArgumentParser
import Diagnostics
import ManagedPolicy

/// `cowork-dist policy check POLICY`: validation only.
struct PolicyCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a policy file against the key registry.",
        discussion: """
            Exit status: 0 clean, 1 errors (or warnings with --strict), 2 unreadable input.

            Example:
              cowork-dist policy check policy/managed.yaml --app-version 1.19367.0
            """
    )

    /// --quiet, --verbose, --color (docs/cli.md).
    @OptionGroup var common: CommonOptions

    @Argument(help: "The policy file (YAML or JSON; '-' reads standard input).") var policy: String
    @Option(help: "Layer the policy over this preset instead of its own profile: key.") var profile: String?
    @OptionGroup var target: PolicyTargetOptions
    @OptionGroup var output: FindingsOutput

    func run() throws {
        let source = try InputFile.source(policy)
        let workflow = try PolicyCommand.workflow(target: try target.release())
        let (loaded, findings) = common.stage("check \(source.name)") { workflow.check(source, profile: profile) }
        let status = output.emit(findings)
        if loaded == nil { throw ExitCode(2) }
        if status != 0 { throw ExitCode(status) }
    }
}
