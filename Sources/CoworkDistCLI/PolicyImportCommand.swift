import ArgumentParser
import Diagnostics
import ManagedPolicy

/// `cowork-dist policy import FILE`: an existing profile or .reg back to policy YAML.
struct PolicyImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Print a .mobileconfig, .plist, .reg or JSON policy as policy YAML.",
        discussion: """
            Preference-store strings are decoded to native values using the key registry. \
            Storage problems are reported on standard error; use `policy audit` for a full review.

            Example:
              cowork-dist policy import Claude.mobileconfig > policy/managed.yaml
            """
    )

    /// --quiet, --verbose, --color (docs/cli.md).
    @OptionGroup var common: CommonOptions

    @Argument(help: "The file to import ('-' reads standard input; its kind is told from its content).") var file: String

    func run() throws {
        let source = try InputFile.source(file)
        let workflow = try PolicyCommand.workflow(target: nil)
        let (imported, findings) = common.stage("import \(source.name)") { PolicyImporter(registry: workflow.registry).load(source) }
        Terminal.standardError.writeFindings(findings + (imported?.findings ?? []))
        guard let imported else { throw ExitCode(2) }
        let failed = (findings + imported.findings).contains { $0.severity == .error }
        // Garbage read as an empty policy is a failed import, not an empty result.
        if failed && imported.policy.entries.isEmpty { throw ExitCode(2) }
        Terminal.standardOutput.write(PolicyYAMLEmitter.emit(imported.policy, header: "Imported from \(source.name) by cowork-dist"))
        if failed { throw ExitCode(1) }
    }
}
