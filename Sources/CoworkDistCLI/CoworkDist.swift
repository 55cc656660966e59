import Foundation
import ArgumentParser

/// The `cowork-dist` command tree. Each subcommand lives in its own file and only parses
/// arguments and wires library stages.
public struct CoworkDist: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "cowork-dist",
        abstract: "Build checked, reproducible downstream distributions of Open Cowork and Cowork on 3P.",
        discussion: """
            A distribution directory (distribution.yaml, overlays, branding, skills, MCPs, \
            plugins) plus a pinned upstream release become a merged config, archives, \
            install trees and managed-preference files.

            Exit codes: 0 clean, 1 findings at error level (or warnings with --strict), \
            2 usage or I/O failure.
            """,
        version: version,
        subcommands: CoworkDist.commands
    )

    public init() {}
}

extension CoworkDist {
    /// Runs the command line. Usage errors exit 2, as every command documents (the
    /// argument parser's own default is 64); everything else exits as the parser says.
    public static func runMain(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            let start = ContinuousClock.now
            // --verbose ends every command with the same line, whatever it printed before.
            do { try command.run() } catch {
                finished(command, since: start)
                throw error
            }
            finished(command, since: start)
            Foundation.exit(0)
        } catch {
            if exitCode(for: error) == .validationFailure {
                Terminal.standardError.write(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    static func finished(_ command: ParsableCommand, since start: ContinuousClock.Instant) {
        guard OutputSettings.shared.verbose else { return }
        Terminal.standardError.write("\(commandName(of: command)): finished in \(CommonOptions.milliseconds(since: start)) ms\n")
    }

    /// `cowork-dist policy check`, for the --verbose summary line.
    static func commandName(of command: ParsableCommand) -> String {
        var names = ["cowork-dist"]
        func find(_ type: ParsableCommand.Type, _ path: [String]) -> [String]? {
            if type == Swift.type(of: command) { return path }
            for sub in type.configuration.subcommands {
                if let found = find(sub, path + [sub.configuration.commandName ?? String(describing: sub)]) { return found }
            }
            return nil
        }
        names += find(CoworkDist.self, []) ?? []
        return names.joined(separator: " ")
    }
}
