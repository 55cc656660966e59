import Foundation
import ArgumentParser
import Diagnostics
import Distribution
import Documents

/// `cowork-dist validate --schema SCHEMA FILE...`: checks documents against a JSON Schema.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate JSON, JSONC or YAML documents against a JSON Schema (draft 2020-12).",
        discussion: """
            The schema and each file may be JSON, JSONC or YAML (by extension). Every \
            violation is reported with file:line:column, JSON pointer and a hint when one \
            can be guessed. Exit status: 0 clean, 1 violations, 2 unreadable input or schema.

            Example:
              cowork-dist validate --schema open-cowork.config.schema.json config/open-cowork.config.json
              cowork-dist validate --schema schema.json --partial overlays/*.yaml --format github
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(help: "The JSON Schema to validate against.")
    var schema: String

    @Argument(help: "The documents to validate ('-' reads one from standard input).")
    var files: [String]

    @Option(help: "The format of standard input: json, jsonc or yaml (default json).")
    var from: DocumentFormat?

    func validate() throws {
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input ('-') can be read only once") }
        if from != nil && !files.contains("-") { throw ValidationError("--from applies to standard input ('-') only") }
    }

    @OptionGroup var output: FindingsOutput

    @Flag(help: "Use upstream's partial schema for overlay layers: object 'required' relaxed, kept inside anyOf/oneOf/allOf/if/then.")
    var partial = false

    func run() throws {
        try InputFile.require(schema)
        let validation: DocumentValidation
        do { validation = try DocumentValidation(schema: schema, partial: partial) } catch { throw Terminal.failure(error.message) }
        // The compiled schema lives until exit: freeing its node table is work for nothing.
        KeptUntilExit.keep(validation)
        let result = validation.validate(try files.map { file in
            if file == "-" { return .bytes(try InputFile.readStandardInput(), format: from ?? .json, name: "<stdin>") }
            return InputFile.problem(file).map { .unreadable("error: \(file): \($0)") } ?? .file(file)
        })
        for line in result.unreadable { Terminal.standardError.write(line + "\n") }
        common.detail("validated \(files.count) document(s) against \(schema): \(result.findings.errorCount) error(s)")
        let status = output.emit(result.findings)
        if !result.unreadable.isEmpty { throw ExitCode(2) }
        if status != 0 { throw ExitCode(status) }
    }
}
