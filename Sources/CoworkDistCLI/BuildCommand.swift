import ArgumentParser
import Diagnostics
import Distribution

/// `cowork-dist build [DIST]`: every stage, from distribution.yaml to artifacts.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check a distribution and build its artifacts: archives, install trees, policy files, manifest, checksums.",
        discussion: """
            Runs every check first and writes nothing when any error remains (waived \
            findings do not count). Artifacts are byte-for-byte reproducible: entry times \
            come from SOURCE_DATE_EPOCH (else 1980-01-01), owners are 0, modes 0644/0755. \
            Every artifact is written under a temporary name and renamed into place only \
            when all are complete.

            Examples:
              cowork-dist build distributions/acme-desktop --out dist/acme-desktop
              cowork-dist build . --dry-run
              SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) cowork-dist build . --target desktop
            """
    )

    @OptionGroup var common: CommonOptions

    @OptionGroup var source: DistributionOptions

    @Option(help: "The output directory (default: dist/<name>). A build owns it and replaces it whole; see --force.")
    var out: String?

    @Flag(help: "Replace an output directory holding files no earlier build there wrote.")
    var force = false

    @Flag(help: "Empty the output directory before building (even if the build then fails).")
    var clean = false

    @Option(help: "What to build: desktop, claude-3p or all (every target distribution.yaml declares).")
    var target: TargetChoice = .all

    @Flag(help: "Refuse to build on warnings too.")
    var strict = false

    @Flag(name: .customLong("dry-run"), help: "Print every file that would ship and every artifact, and write nothing.")
    var dryRun = false

    @Option(name: .customLong("app-version"), help: "The Claude desktop release the 3P policy must suit.")
    var appVersion: String?

    func validate() throws {
        if source.base != nil { throw ValidationError("build needs a distribution directory; --base/--overlay only work with check and render") }
        try CheckCommand.validateAppVersion(appVersion)
        if out == "-" { throw ValidationError("--out - is not supported: a build writes several files; give a directory") }
        if dryRun && (force || clean) { throw ValidationError("--dry-run writes nothing; it cannot be combined with --force or --clean") }
    }

    func run() throws {
        let request = BuildRequest(targets: target.buildTargets, output: out, takeOver: force, clean: clean, dryRun: dryRun,
                                   strict: strict, toolVersion: CoworkDist.version)
        let report = BuildReport(common: common, strict: strict)
        try report.show { () throws(BuildError) -> BuildOutcome in
            try DistributionPipeline(events: report.events).build(source.request(check: CheckOptions(appVersion: appVersion)), request)
        }
    }
}
