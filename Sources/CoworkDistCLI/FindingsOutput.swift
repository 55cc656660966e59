import ArgumentParser
import Diagnostics

/// The report options every findings-producing command shares.
struct FindingsOutput: ParsableArguments {
    @Option(help: "Report format: text, json, sarif (2.1.0) or github (workflow commands).")
    var format: ReportFormat = .text

    @Flag(help: "Fail (exit 1) on warnings too, not only on errors.")
    var strict = false

    /// Prints the findings in the chosen format on standard output (colour only for
    /// text on a terminal without NO_COLOR) and returns the exit status they call for.
    func emit(_ findings: [Finding]) -> Int32 {
        let options = ReportOptions(color: format == .text && Terminal.standardOutput.allowsColor,
                                    toolVersion: CoworkDist.version)
        // --quiet keeps text reports to errors; machine formats always carry every finding.
        let shown = format == .text && OutputSettings.shared.quiet ? findings.filter { $0.severity == .error } : findings
        Terminal.standardOutput.write(ReportRenderer(format: format, options: options).render(shown))
        return findings.exitStatus(strict: strict)
    }
}

extension Terminal {
    /// Findings beside a command's real output (an artifact, a config, an export) go
    /// here as text: colour on a terminal unless NO_COLOR, nothing when there are none.
    func writeFindings(_ findings: [Finding]) {
        // --quiet keeps errors only.
        let shown = OutputSettings.shared.quiet ? findings.filter { $0.severity == .error } : findings
        guard !shown.isEmpty else { return }
        write(ReportRenderer(format: .text, options: ReportOptions(color: allowsColor)).render(shown))
    }
}

extension FindingsOutput {
    /// `check --explain CODE`: what a finding code means and how to fix it.
    static func explain(_ code: String) throws {
        guard let entry = FindingCatalogue.entry(for: code) else {
            Terminal.standardError.write("error: '\(code)' is not a finding code (see docs/findings.md)\n")
            throw ExitCode(2)
        }
        Terminal.standardOutput.write(entry.explanation)
    }
}
