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

    /// --quiet, --verbose, --color (docs/cli.md).
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
            if file == "-" {
                do {
                    let bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
                    let document = try loader.parse(bytes: bytes, format: from ?? .json, file: "<stdin>")
                    findings += document.warnings.map(Finding.init(warning:))
                    findings += validator.validate(document.value).findings(in: document)
                } catch {
                    Terminal.standardError.write("\(error)\n")
                    unreadable = true
                }
                continue
            }
            if let problem = InputFile.problem(file) {
                Terminal.standardError.write("error: \(file): \(problem)\n")
                unreadable = true
                continue
            }
            do {
                let document = try loader.load(path: file, format: nil)
                findings += document.warnings.map(Finding.init(warning:))
                findings += validator.validate(document.value).findings(in: document)
            } catch {
                Terminal.standardError.write("\(error)\n")
                unreadable = true
            }
        }
        common.detail("validated \(files.count) document(s) against \(schema): \(findings.errorCount) error(s)")
        let status = output.emit(findings)
        if unreadable { throw ExitCode(2) }
        if status != 0 { throw ExitCode(status) }
    }
}

