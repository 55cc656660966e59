import Foundation

/// Reads configuration documents from disk, choosing the reader by format.
public struct DocumentLoader: Sendable {
    public var limits: DocumentLimits

    public init(limits: DocumentLimits = .default) { self.limits = limits }

    /// Parses `bytes` in `format`; `file` names the source in positions.
    public func parse(bytes: [UInt8], format: DocumentFormat, file: String) throws(DocumentError) -> Document {
        switch format {
        case .json, .jsonc: return try JSONReader(format: format, limits: limits).read(bytes: bytes, file: file)
        case .yaml: return try YAMLReader(limits: limits).read(bytes: bytes, file: file)
        }
    }

    /// Loads a file. The format defaults to the one its extension implies; an unknown
    /// extension is an error unless a format is given. `digest: false` leaves
    /// `Document.source` nil: a caller that only checks or converts the document has no
    /// record of inputs to write, and SHA-256 of a schema is a tenth of a `validate`.
    public func load(path: String, format: DocumentFormat? = nil, displayName: String? = nil,
                     digest: Bool = true) throws(DocumentError) -> Document {
        let name = displayName ?? path
        let start = SourceLocation(file: name, line: 1, column: 1)
        guard let chosen = format ?? DocumentFormat(pathExtension: (path as NSString).pathExtension) else {
            throw DocumentError(code: .unknownFormat,
                                message: "cannot tell the format of '\(path)' from its extension; use .json, .jsonc, .yaml or .yml",
                                location: start)
        }
        let bytes = try DocumentLoader.readFile(path: path, displayName: name, maxBytes: limits.maxBytes)
        var document = try parse(bytes: bytes, format: chosen, file: name)
        if digest { document.source = SourceDigest(of: bytes) }
        return document
    }

    /// Reads a regular file through `SafeFile`: FIFOs, devices and directories are
    /// refused, and files over `maxBytes` before they are read.
    public static func readFile(path: String, displayName: String? = nil, maxBytes: Int,
                                root: String? = nil) throws(DocumentError) -> [UInt8] {
        try SafeFile.read(path: path, displayName: displayName, maxBytes: maxBytes, root: root)
    }
}
