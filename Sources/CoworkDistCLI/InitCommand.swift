import ArgumentParser
import Distribution
import Foundation

/// `cowork-dist init NAME`: a new distribution from the built-in templates (`templates/init`).
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new distribution directory that passes check out of the box.",
        discussion: """
            Writes distribution.yaml (commented), and for desktop kinds a branding overlay \
            with an identity of its own, a placeholder logo, a skill and a copy of the \
            bundled example upstream in upstream/ (or a reference to --upstream). For \
            claude-3p it writes a managed policy on the standard security profile with a \
            gateway provider, and an organisation plugin. Values marked REPLACE validate \
            but are placeholders. Refuses to write into a non-empty directory (exit 2); a \
            fresh repository holding only .git/.gitignore is fine. With --upstream, the \
            release is pinned by the sha256 of its open-cowork.config.json.

            The templates are built into cowork-dist; $COWORK_DIST_TEMPLATES may name a \
            templates directory (holding init/ and upstream-base/) to use instead.

            Examples:
              cowork-dist init acme-cowork
              cowork-dist init acme-3p --kind claude-3p --directory deploy/acme-3p
              cowork-dist init acme --kind both --upstream ../open-cowork-release
            """
    )

    @OptionGroup var common: CommonOptions

    @Argument(help: "The distribution name, kebab-case (e.g. acme-cowork), or a path whose last component is the name.")
    var name: String

    @Option(help: "What it builds: desktop (Open Cowork), claude-3p (Cowork on 3P policy) or both.")
    var kind: DistributionTemplate.Kind = .desktop

    @Option(help: "An Open Cowork release directory to reference instead of copying the bundled example.")
    var upstream: String?

    @Option(help: "Where to create the distribution (default: ./NAME).")
    var directory: String?

    func validate() throws {
        if name.contains("/") && directory != nil {
            throw ValidationError("give the name as a path or --directory, not both")
        }
    }

    func run() throws {
        let (name, directory) = DistributionTemplate.nameAndDirectory(self.name, directory: self.directory)
        do {
            let written = try DistributionTemplate.create(name: name, kind: kind, upstream: upstream, directory: directory,
                                                          environment: ProcessInfo.processInfo.environment)
            common.info(written.summary(shown: directory, kind: kind))
            for file in written.files { common.detail("  wrote \(directory)/\(file)") }
        } catch let error as DistributionTemplateError { throw Terminal.failure("error: \(error)") }
    }
}
