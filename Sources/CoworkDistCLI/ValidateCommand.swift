import Foundation
import ArgumentParser
import Documents
import Diagnostics
import Schema

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

    @Option(help: "The JSON Schema to validate against.")
    var schema: String

    @Argument(help: "The documents to validate.")
    var files: [String]

    @OptionGroup var output: FindingsOutput

    @Flag(help: "Drop every 'required' from the schema, as upstream does for each overlay layer.")
    var partial = false

    func run() throws {
        let loader = DocumentLoader()
        let compiled: JSONSchema
        do {
            let document = try loader.load(path: schema, format: nil)
            do {
                compiled = try JSONSchema(compiling: document.value, baseURI: URL(fileURLWithPath: schema).absoluteString)
            } catch {
                // Located at the offending keyword, like every other error about a file.
                Terminal.standardError.write("\(document.location(of: error.schemaPointer)): error: \(error)\n")
                throw ExitCode(2)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Terminal.standardError.write("\(error)\n")
            throw ExitCode(2)
        }
        let validator = partial ? compiled.partial() : compiled
        var findings: [Finding] = []
        var unreadable = false
        for file in files {
            do {
                let document = try loader.load(path: file, format: nil)
                findings += document.warnings.map(Finding.init(warning:))
                findings += validator.validate(document.value).findings(in: document)
            } catch {
                Terminal.standardError.write("\(error)\n")
                unreadable = true
            }
        }
        let status = output.emit(findings)
        if unreadable { throw ExitCode(2) }
        if status != 0 { throw ExitCode(status) }
    }
}

