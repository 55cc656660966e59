import Diagnostics
import Documents
import Foundation
import Schema

/// `validate`: documents checked against a JSON Schema file. What cannot be read is
/// reported as a line for standard error, in input order, and never stops the others.
public struct DocumentValidation: Sendable {
    /// One document to validate.
    public enum Input: Sendable {
        /// A file, loaded by its extension.
        case file(String)
        /// Bytes read by the caller (standard input), in `format`.
        case bytes([UInt8], format: DocumentFormat, name: String)
        /// An input the caller already found unreadable, with its message.
        case unreadable(String)
    }

    /// Every violation, and a line per input that could not be read (exit 2).
    public struct Result: Sendable {
        public var findings: [Finding] = []
        public var unreadable: [String] = []
    }

    let validator: JSONSchema
    let loader = DocumentLoader()
    /// The schema as read, held as long as the compiled schema: a caller that keeps this
    /// value until exit (as `validate` does) never pays for freeing the tree node by node.
    let schemaDocument: Document

    /// Compiles the schema (`partial` relaxes it for overlay layers); throws the message
    /// to show, located at the offending keyword when the schema itself is wrong.
    public init(schema path: String, partial: Bool) throws(DocumentValidationError) {
        let document: Document
        do { document = try DocumentLoader().load(path: path, format: nil, digest: false) } catch {
            throw DocumentValidationError(message: "\(error)")
        }
        do {
            let compiled = try JSONSchema(compiling: document.value, baseURI: URL(fileURLWithPath: path).absoluteString)
            validator = partial ? compiled.partial() : compiled
            schemaDocument = document
        } catch {
            throw DocumentValidationError(message: "\(document.location(of: error.schemaPointer)): error: \(error)")
        }
    }

    public func validate(_ inputs: [Input]) -> Result {
        var result = Result()
        for input in inputs {
            do {
                let document: Document
                switch input {
                case .file(let path): document = try loader.load(path: path, format: nil, digest: false)
                case .bytes(let bytes, let format, let name): document = try loader.parse(bytes: bytes, format: format, file: name)
                case .unreadable(let message):
                    result.unreadable.append(message)
                    continue
                }
                result.findings += document.warnings.map(Finding.init(warning:))
                result.findings += validator.validate(document.value).findings(in: document)
            } catch {
                result.unreadable.append("\(error)")
            }
        }
        return result
    }
}

/// A schema that cannot be read or compiled, with the line to show.
public struct DocumentValidationError: Error, Sendable {
    public var message: String
}
