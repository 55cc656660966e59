import ArgumentParser
import Diagnostics
import ManagedPolicy

/// `cowork-dist policy export POLICY --format ...`: validated policy to a deployable file.
struct PolicyExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a policy for an MDM, GPO/Intune, a local install or a bootstrap server.",
        discussion: """
            Formats: mobileconfig (Apple MDM), plist (Jamf custom settings), reg (GPO/Intune script; \
            replaces the policy key unless --merge), admx (ADMX/ADML template .zip, schema only), \
            manifest (Profile Manifest for Jamf/ProfileCreator, schema only), json (older \
            claude_desktop_config.json enterpriseConfig), config-library (local configLibrary/ .zip), \
            linux (/etc/claude-desktop/managed-settings.json), bootstrap and bootstrap-v2 (server response bodies).

            Validation errors are printed and nothing is written (exit 1). Output is \
            deterministic: sorted keys, UUIDs derived from --organization and --identifier (or --name).

            Example:
              cowork-dist policy export policy/managed.yaml --format reg --scope machine --name acme --out acme.reg
            """
    )

    /// --quiet, --verbose, --color (docs/cli.md).
    @OptionGroup var common: CommonOptions

    @Argument(help: "The policy file (YAML or JSON; '-' reads standard input).") var policy: String
    @Option(help: "Layer the policy over this preset instead of its own profile: key.") var profile: String?
    @OptionGroup var target: PolicyTargetOptions
    @Option(help: "Output format: \(PolicyExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).") var format: PolicyExportFormat
    @Option(help: "Registry hive for --format reg: machine (HKLM) or user (HKCU).") var scope: RegistryScope = .machine
    @Flag(help: "For --format reg: keep values already under the key instead of replacing the key.") var merge = false
    @Option(help: "Distribution or profile name; seeds identifiers and UUIDs.") var name = "claude-3p"
    @Option(help: "PayloadOrganization for --format mobileconfig; also seeds the UUIDs.") var organization: String?
    @Option(help: "PayloadIdentifier prefix for --format mobileconfig (default com.anthropic.claudefordesktop.<name>).") var identifier: String?
    @Option(name: .customLong("display-name"), help: "PayloadDisplayName for --format mobileconfig.") var displayName: String?
    @Option(name: .customLong("profile-scope"), help: "PayloadScope for --format mobileconfig: system or user.") var profileScope: ProfileScope = .system
    @Option(help: "Write here (atomically) instead of standard output ('-' is standard output).") var out: String?

    func run() throws {
        let source = try InputFile.source(policy)
        let workflow = try PolicyCommand.workflow(target: try target.release())
        let options = PolicyExportOptions(name: name, displayName: displayName, organization: organization, identifier: identifier,
                                          scope: scope, profileScope: profileScope, merge: merge)
        let (loaded, checkFindings) = common.stage("check \(source.name)") { workflow.check(source, profile: profile) }
        guard let loaded else {
            Terminal.standardError.writeFindings(checkFindings)
            throw ExitCode(2)
        }
        let (bytes, findings) = checkFindings.errorCount == 0
            ? workflow.export(loaded, format: format, options: options, findings: checkFindings) : (nil, checkFindings)
        Terminal.standardError.writeFindings(findings)
        guard let bytes else { throw ExitCode(1) }
        try common.stage("write \(out ?? "-")") { try OutputFile.write(bytes, to: out) }
    }
}
