import ArgumentParser
import Diagnostics
import ManagedPolicy

/// `cowork-dist policy audit FILE`: what the app would make of an existing policy file.
struct PolicyAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit a .mobileconfig, .plist, .reg or JSON policy as the app would read it.",
        discussion: """
            Reports native arrays/dicts where JSON strings are expected, non-string booleans, \
            unknown or misspelled keys, wrong types, missing provider keys and keys of another provider. \
            Reads Jamf/MCX wrapped profiles (com.apple.ManagedClient.preferences, Forced values) and \
            CMS-signed profiles (the embedded profile; the signer is named, the signature is not verified).

            Example:
              cowork-dist policy audit /Library/Managed\\ Preferences/com.anthropic.claudefordesktop.plist --format sarif
            """
    )

    /// --quiet, --verbose, --color (docs/cli.md).
    @OptionGroup var common: CommonOptions

    @Argument(help: "The file to audit ('-' reads standard input; its kind is told from its content).") var file: String
    @OptionGroup var target: PolicyTargetOptions
    @OptionGroup var output: FindingsOutput

    func run() throws {
        let source = try InputFile.source(file)
        let workflow = try PolicyCommand.workflow(target: try target.release())
        let findings = common.stage("audit \(source.name)") { PolicyAuditor(registry: workflow.registry, target: workflow.target).audit(source) }
        let status = output.emit(findings)
        if status != 0 { throw ExitCode(status) }
    }
}
