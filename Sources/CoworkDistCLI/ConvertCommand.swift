import Foundation
import ArgumentParser
import Documents

/// `cowork-dist convert FILE`: reads JSON, JSONC or YAML and prints canonical JSON.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Print a JSON, JSONC or YAML document as canonical JSON.",
        discussion: """
            The format comes from the file extension (.json, .jsonc, .yaml, .yml) unless \
            --from is given. Errors are printed as file:line:column: error: message.

            Example:
              cowork-dist convert config/branding.yaml > branding.json
            """
    )

    /// --quiet, --verbose, --color (docs/cli.md).
    @OptionGroup var common: CommonOptions

    @Argument(help: "The document to convert ('-' reads standard input; then --from is required).")
    var file: String

    @Option(help: "The input format: json, jsonc or yaml.")
    var from: DocumentFormat?

    func validate() throws {
        if file == "-" && from == nil { throw ValidationError("reading standard input needs --from json|jsonc|yaml") }
    }

    func run() throws {
        try InputFile.require(file, allowStandardInput: true)
        let document: Document
        do {
            if file == "-" {
                let bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
                document = try DocumentLoader().parse(bytes: bytes, format: from ?? .json, file: "<stdin>")
            } else {
                document = try DocumentLoader().load(path: file, format: from, digest: false)
            }
        } catch {
            Terminal.standardError.write("\(error)\n")
            throw ExitCode(2)
        }
        for warning in document.warnings {
            Terminal.standardError.write("\(warning.location): warning: \(warning.message)\n")
        }
        // Streamed in pieces: the whole text is never held next to the document.
        do {
            try JSONWriter().write(document.value) { try FileHandle.standardOutput.write(contentsOf: $0) }
        } catch {
            throw Terminal.failure("cannot write the output: \(error.localizedDescription)")
        }
    }
}
