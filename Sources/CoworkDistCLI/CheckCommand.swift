import ArgumentParser
import Diagnostics
import Distribution
import Foundation
import Documents
import OpenCowork

/// `cowork-dist check [DIST]`: stages 1-5, every finding at once.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a distribution: schema, upstream rules, branding, links, secrets, content and 3P policy.",
        discussion: """
            Reports every problem at once with file:line:column, JSON pointer and a hint. \
            Waivers in distribution.yaml turn matching findings into notes. Exit status: \
            0 clean, 1 errors (or warnings with --strict), 2 unreadable or invalid input.

            Examples:
              cowork-dist check distributions/acme-desktop
              cowork-dist check --base open-cowork.config.json --overlay acme.yaml --schema open-cowork.config.schema.json
              cowork-dist check . --format sarif > cowork-dist.sarif
            """
    )

    /// --quiet, --verbose, --color (docs/cli.md).
    @OptionGroup var common: CommonOptions

    @OptionGroup var source: DistributionOptions
    @OptionGroup var output: FindingsOutput

    @Option(help: "Validate against this JSON Schema instead of the upstream's own.")
    var schema: String?

    @Option(name: .customLong("app-version"), help: "The Claude desktop release the 3P policy must suit, e.g. 1.19367.0.")
    var appVersion: String?

    @Flag(name: .customLong("check-links"), help: "Also request every URL in the config (HEAD, then GET) to find broken links.")
    var checkLinks = false

    func validate() throws {
        try source.validateSingleSource()
        try Self.validateAppVersion(appVersion)
    }

    func run() throws {
        try source.requireFiles()
        let (loaded, loadFindings) = source.loadDistribution()
        guard let loaded else {
            _ = output.emit(loadFindings)
            throw ExitCode(2)
        }
        defer { loaded.removeTemporaryFiles() }
        // Live link findings go through the check stage so waivers apply to them too.
        var live: [Finding] = []
        if checkLinks, let desktop = loaded.desktop {
            let provenance = desktop.provenance
            live = LinkProbe.run(RulesContext(config: desktop.value, locate: { provenance.location(of: $0) }))
        }
        let options = CheckOptions(schemaPath: schema, appVersion: appVersion, liveFindings: live)
        let findings = loadFindings + CheckStage(options: options).run(loaded).findings
        common.detail("checked \(source.distribution ?? source.base ?? "."): \(findings.errorCount) error(s), \(findings.warningCount) warning(s)\(checkLinks ? ", \(live.count) link finding(s)" : "")")
        let status = output.emit(findings)
        if status != 0 { throw ExitCode(status) }
    }
}

/// Runs the asynchronous link checker from a synchronous command.
enum LinkProbe {
    static func run(_ context: RulesContext) -> [Finding] {
        let links = LinkRules.links(in: context)
        let box = FindingsBox()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.findings = await LinkChecker().check(links)
            done.signal()
        }
        done.wait()
        return box.findings
    }

    final class FindingsBox: @unchecked Sendable { var findings: [Finding] = [] }
}
