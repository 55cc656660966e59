import ArgumentParser
import Distribution
import Documents
import ManagedPolicy

/// `cowork-dist schema distribution|policy`: JSON Schemas for editors.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (2020-12) of distribution.yaml or of a 3P policy file, for editors.",
        discussion: """
            Made from the same definitions the readers use. Save it and point your editor \
            at it with a first line in the YAML file (yaml-language-server, used by the \
            VS Code YAML extension and others):

              # yaml-language-server: $schema=distribution.schema.json

            Examples:
              cowork-dist schema distribution > distribution.schema.json
              cowork-dist schema policy > policy/policy.schema.json
            """
    )

    enum Kind: String, ListedArgument { case distribution, policy }

    @Argument(help: "Which schema: distribution or policy.")
    var kind: Kind

    /// --quiet, --verbose, --color (docs/cli.md).
    @OptionGroup var common: CommonOptions

    func run() throws {
        let schema: JSONValue
        switch kind {
        case .distribution:
            schema = EditorSchemas.distribution()
        case .policy:
            do {
                let loader = try PolicyLoader.bundled()
                schema = EditorSchemas.policy(registry: loader.registry, presetNames: Array(loader.presets.keys))
            } catch {
                Terminal.standardError.write("error: \(error)\n")
                throw ExitCode(2)
            }
        }
        Terminal.standardOutput.write(JSONWriter().string(schema))
    }
}
