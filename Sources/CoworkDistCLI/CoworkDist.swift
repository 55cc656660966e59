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
