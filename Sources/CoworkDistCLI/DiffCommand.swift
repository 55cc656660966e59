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

    @Argument(help: "The older build (an output directory or a build-manifest.json file) or policy.")
    var old: String

    @Argument(help: "The newer build (an output directory or a build-manifest.json file) or policy.")
    var new: String

    @Option(help: "The output format: text or json.")
    var format: BuildDiffRenderer.Format = .text

    func run() throws {
        // A path that does not exist takes the other side's kind; its error comes from that reader.
        let kinds = Set([old, new].filter { FileManager.default.fileExists(atPath: $0) }.map { BuildDiffInput.isBuild(path: $0) })
        if kinds == [false] { return try runPolicies() }
        if kinds.count > 1 {
            Terminal.standardError.write("error: cannot compare a build with a policy: give two builds or two policies\n")
            throw ExitCode(2)
        }
        let workflow = try PolicyCommand.workflow(target: nil)
        let diff: BuildDiff
        do {
            diff = BuildDiff(old: try BuildDiffInput.load(path: old), new: try BuildDiffInput.load(path: new),
                             comparer: PolicyArtifactComparer(registry: workflow.registry))
        } catch {
            // Some messages already name the file; do not print the path twice.
            let text = error.message.contains(error.path) ? "\(error.message) [\(error.code)]" : "\(error)"
            Terminal.standardError.write("error: \(text)\n")
            throw ExitCode(2)
        }
        Terminal.standardOutput.write(BuildDiffRenderer(format: format).render(diff))
        if !diff.isIdentical { throw ExitCode(1) }
    }

    /// Two policy files: key-level changes; a file that cannot be read fully is exit 2.
    func runPolicies() throws {
        for path in [old, new] { try InputFile.require(path) }
        let workflow = try PolicyCommand.workflow(target: nil)
        let (compared, findings) = PolicyDiff.compare(oldPath: old, newPath: new, loader: workflow.loader)
        Terminal.standardError.writeFindings(findings)
        guard let diff = compared else { throw ExitCode(2) }
        Terminal.standardOutput.write(PolicyDiffRenderer(format: format).render(diff))
        if !diff.isIdentical { throw ExitCode(1) }
    }
}

extension BuildDiffRenderer.Format: ExpressibleByArgument {}
