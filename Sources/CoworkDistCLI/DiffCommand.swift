import ArgumentParser
import Packaging

/// `cowork-dist diff A B`: what changed between two builds, as release notes or JSON.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two builds.",
        discussion: """
            Each build is an output directory of `cowork-dist build` (its build-manifest.json \
            and, when present, config.resolved.json) or a build-manifest.json file. Reports \
            distribution and upstream changes, placeholder names, config changes by JSON \
            pointer, content files and artifacts with their archive entries.

            Exit status, as diff(1): 0 when the builds are identical, 1 when they differ, \
            2 when an input cannot be read or the arguments are wrong, as for every subcommand.

            Example:
              cowork-dist diff releases/1.0.0 out > RELEASE-NOTES.txt
              cowork-dist diff old/build-manifest.json out --format json
            """
    )

    /// --quiet, --verbose, --color (docs/cli.md).
    @OptionGroup var common: CommonOptions

    @Argument(help: "The older build: an output directory or a build-manifest.json file.")
    var old: String

    @Argument(help: "The newer build: an output directory or a build-manifest.json file.")
    var new: String

    @Option(help: "The output format: text or json.")
    var format: BuildDiffRenderer.Format = .text

    func run() throws {
        let diff: BuildDiff
        do {
            diff = BuildDiff(old: try BuildDiffInput.load(path: old), new: try BuildDiffInput.load(path: new))
        } catch {
            // Some messages already name the file; do not print the path twice.
            let text = error.message.contains(error.path) ? "\(error.message) [\(error.code)]" : "\(error)"
            Terminal.standardError.write("error: \(text)\n")
            throw ExitCode(2)
        }
        Terminal.standardOutput.write(BuildDiffRenderer(format: format).render(diff))
        if !diff.isIdentical { throw ExitCode(1) }
    }
}

extension BuildDiffRenderer.Format: ExpressibleByArgument {}
