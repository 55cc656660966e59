import Foundation
import ArgumentParser
import Diagnostics
import ManagedPolicy

extension PolicyExportFormat: ExpressibleByArgument {}
extension RegistryScope: ExpressibleByArgument {}

/// `cowork-dist policy export POLICY --format ...`: validated policy to a deployable file.
struct PolicyExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a policy as .mobileconfig, .reg, claude_desktop_config.json or Linux managed-settings.json.",
        discussion: """
            Validation errors are printed and nothing is written (exit 1). Output is \
            deterministic: sorted keys, UUIDs derived from --name.

            Example:
              cowork-dist policy export policy/managed.yaml --format reg --scope machine --name acme --out acme.reg
            """
    )

    /// --quiet, --verbose, --color (docs/cli.md).
    @OptionGroup var common: CommonOptions

    @Argument(help: "The policy file (YAML or JSON).") var policy: String
    @Option(help: "Layer the policy over this preset instead of its own profile: key.") var profile: String?
    @OptionGroup var target: PolicyTargetOptions
    @Option(help: "Output format: mobileconfig, reg, json or linux.") var format: PolicyExportFormat
    @Option(help: "Registry hive for --format reg: machine (HKLM) or user (HKCU).") var scope: RegistryScope = .machine
    @Option(help: "Distribution or profile name; seeds identifiers and UUIDs.") var name = "claude-3p"
    @Option(help: "PayloadOrganization for --format mobileconfig.") var organization: String?
    @Option(help: "Write here (atomically) instead of standard output ('-' is standard output).") var out: String?

    func run() throws {
        try InputFile.require(policy)
        let workflow = try PolicyCommand.workflow(target: try target.release())
        let options = PolicyExportOptions(name: name, organization: organization, scope: scope)
        let (loaded, checkFindings) = workflow.check(path: policy, profile: profile)
        guard let loaded else {
            Terminal.standardError.writeFindings(checkFindings)
            throw ExitCode(2)
        }
        let (bytes, findings) = checkFindings.errorCount == 0
            ? workflow.export(loaded, format: format, options: options, findings: checkFindings) : (nil, checkFindings)
        Terminal.standardError.writeFindings(findings)
        guard let bytes else { throw ExitCode(1) }
        guard let out, out != "-" else {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        do {
            // Data.write(.atomic) writes a temporary file beside the target and renames it.
            try Data(bytes).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            Terminal.standardError.write("error: cannot write \(out): \(error.localizedDescription)\n")
            throw ExitCode(2)
        }
    }
}
