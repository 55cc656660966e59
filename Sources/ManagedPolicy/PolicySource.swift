import Foundation
import Diagnostics
import Documents

/// Where one policy document comes from: a file, or bytes already read (standard input)
/// with the name findings show for them (`<stdin>`). Readers take a source so the same
/// checks run whichever way the document arrived.
public enum PolicySource: Sendable, Equatable {
    case file(String)
    case bytes([UInt8], name: String)

    /// The name positions and findings use.
    public var name: String {
        switch self {
        case .file(let path): return path
        case .bytes(_, let name): return name
        }
    }

    /// The bytes, read through the bounded reader for a file.
    func read() throws(DocumentError) -> [UInt8] {
        switch self {
        case .file(let path): return try DocumentLoader.readFile(path: path, maxBytes: DocumentLimits.default.maxBytes)
        case .bytes(let bytes, _): return bytes
        }
    }

    /// The document format: a file's extension decides; bytes without one are JSON when
    /// they open with `{` or `[`, else YAML (a policy file's usual form).
    var documentFormat: DocumentFormat? {
        switch self {
        case .file(let path): return DocumentFormat(pathExtension: (path as NSString).pathExtension)
        case .bytes(let bytes, _):
            let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
            return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .json : .yaml
        }
    }

    /// The parsed document; an unknown file extension is an error naming the file.
    func document() throws(DocumentError) -> Document {
        if case .file(let path) = self { return try DocumentLoader().load(path: path) }
        return try DocumentLoader().parse(bytes: try read(), format: documentFormat ?? .yaml, file: name)
    }
}
