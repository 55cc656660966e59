import ArgumentParser
import Documents

/// `cowork-dist render [DIST]`: prints the merged config as canonical JSON.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the merged config (upstream + overlays) as canonical JSON.",
        discussion: """
            Loads the distribution (distribution.yaml, the pinned upstream, each overlay in \
            order), merges them as Open Cowork does plus list directives, checks \
            placeholders, and prints the result. Problems go to standard error as \
            file:line:column: severity: [code] message.

            Examples:
              cowork-dist render distributions/acme-desktop
              cowork-dist render --base upstream/open-cowork.config.json --overlay ours.yaml
            """
    )

    @OptionGroup var options: DistributionOptions

    func validate() throws {
        if options.base != nil && options.distribution != nil {
            throw ValidationError("give a distribution directory or --base, not both")
        }
    }

    func run() throws {
        let result = try DistributionOptions.require(options.load())
        Terminal.standardOutput.write(JSONWriter().string(result.value))
    }
}
