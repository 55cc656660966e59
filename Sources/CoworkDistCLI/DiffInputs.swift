import ArgumentParser
import Diagnostics
import ManagedPolicy
import Packaging

/// The two kinds of `diff` input read and compared; DiffCommand only chooses and prints.
extension DiffCommand {
    /// Two builds (directories or build-manifest.json files); an unreadable one is exit 2.
    static func buildDiff(old: String, new: String) throws -> BuildDiff {
        let workflow = try PolicyCommand.workflow(target: nil)
        do {
            return BuildDiff(old: try BuildDiffInput.load(path: old), new: try BuildDiffInput.load(path: new),
                             comparer: PolicyArtifactComparer(registry: workflow.registry))
        } catch {
            // Some messages already name the file; do not print the path twice.
            let text = error.message.contains(error.path) ? "\(error.message) [\(error.code)]" : "\(error)"
            throw Terminal.failure("error: \(text)")
        }
    }

    /// Two policies (one may be `-`): key-level changes; one that cannot be read fully is exit 2.
    func runPolicies() throws {
        let sources = try [old, new].map(InputFile.source)
        let workflow = try PolicyCommand.workflow(target: nil)
        let (compared, findings) = common.stage("compare policies") { PolicyDiff.compare(old: sources[0], new: sources[1], loader: workflow.loader) }
        Terminal.standardError.writeFindings(findings)
        guard let diff = compared else { throw ExitCode(2) }
        Terminal.standardOutput.write(PolicyDiffRenderer(format: format).render(diff))
        if !diff.isIdentical { throw ExitCode(1) }
    }
}
