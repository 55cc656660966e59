import ArgumentParser
import Foundation
import Diagnostics
import ManagedPolicy
import Packaging

/// `cowork-dist diff A B`: what changed between two builds or two 3P policies, as release
/// notes or JSON.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two builds or two 3P policies.",
        discussion: """
            Each build is an output directory of `cowork-dist build` (its build-manifest.json \
            and, when present, config.resolved.json) or a build-manifest.json file. Reports \
            distribution and upstream changes, placeholder names, config changes by JSON \
            pointer, content files and artifacts with their archive entries; 3P policy \
            exports in both output directories are compared key by key.

            Two policies (policy YAML/JSON, or exports: .mobileconfig, .plist, .reg, \
            managed-settings.json, bootstrap bodies, in any pairing) are compared key by key \
            after decoding, with secrets masked.

            Exit status, as diff(1): 0 when the builds are identical, 1 when they differ, \
            2 when an input cannot be read or the arguments are wrong, as for every subcommand.

            Example:
              cowork-dist diff releases/1.0.0 out > RELEASE-NOTES.txt
              cowork-dist diff old/build-manifest.json out --format json
              cowork-dist diff policy/managed.yaml deployed/acme.reg
            """
    )

    /// --quiet, --verbose, --color (docs/cli.md).
    @OptionGroup var common: CommonOptions

    @Argument(help: "The older build (an output directory or a build-manifest.json file) or policy ('-': a policy on standard input).")
    var old: String

    @Argument(help: "The newer build (an output directory or a build-manifest.json file) or policy ('-': a policy on standard input).")
    var new: String

    @Option(help: "The output format: text or json.")
    var format: BuildDiffRenderer.Format = .text

    func validate() throws { if old == "-" && new == "-" { throw ValidationError("standard input ('-') can be read only once") } }

    func run() throws {
        // A path that does not exist takes the other side's kind; its error comes from that reader.
        let kinds = Set([old, new].filter { $0 != "-" && FileManager.default.fileExists(atPath: $0) }.map { BuildDiffInput.isBuild(path: $0) })
        if kinds == [false] { return try runPolicies() }
        if kinds.count > 1 {
            Terminal.standardError.write("error: cannot compare a build with a policy: give two builds or two policies\n")
            throw ExitCode(2)
        }
        let diff = try common.stage("compare builds") { try Self.buildDiff(old: old, new: new) }
        Terminal.standardOutput.write(BuildDiffRenderer(format: format).render(diff))
        if !diff.isIdentical { throw ExitCode(1) }
    }
}
