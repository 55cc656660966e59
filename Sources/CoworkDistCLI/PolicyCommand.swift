import ArgumentParser
import Diagnostics
import ManagedPolicy

/// `cowork-dist policy`: managed preferences for Cowork on third-party inference.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check, export, import and audit Cowork-on-3P managed preferences.",
        discussion: """
            A policy is a YAML or JSON map from registry key names to native values, with an \
            optional `profile:` naming a preset (standard, restricted, locked-down) it is layered over.

            Example:
              cowork-dist policy export policy/managed.yaml --format mobileconfig --name acme --out acme.mobileconfig
            """,
        subcommands: [PolicyCheckCommand.self, PolicyShowCommand.self, PolicyExportCommand.self, PolicyImportCommand.self, PolicyAuditCommand.self]
    )
}

/// Options shared by the policy subcommands that validate.
struct PolicyTargetOptions: ParsableArguments {
    @Option(name: .customLong("app-version"), help: "Validate for this app release (e.g. 1.19367.0): newer keys and deprecations are warned.")
    var appVersion: String?

    /// A malformed --app-version is a usage error before any file is read (exit 2).
    func validate() throws { _ = try release() }

    func release() throws -> AppRelease? {
        guard let appVersion else { return nil }
        guard let release = AppRelease(appVersion) else { throw ValidationError("--app-version must be dotted numbers, e.g. 1.19367.0") }
        return release
    }
}

extension PolicyCommand {
    /// The bundled workflow, or exit 2 when the bundled data is unreadable.
    static func workflow(target: AppRelease?) throws -> PolicyWorkflow {
        do { return try PolicyWorkflow.bundled(target: target) } catch {
            Terminal.standardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
    }
}
