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
    /// extension is an error unless a format is given.
    public func load(path: String, format: DocumentFormat? = nil, displayName: String? = nil) throws(DocumentError) -> Document {
        let name = displayName ?? path
        let start = SourceLocation(file: name, line: 1, column: 1)
        guard let chosen = format ?? DocumentFormat(pathExtension: (path as NSString).pathExtension) else {
            throw DocumentError(code: "unknown-format",
                                message: "cannot tell the format of '\(path)' from its extension; use .json, .jsonc, .yaml or .yml",
                                location: start)
        }
        let bytes = try DocumentLoader.readFile(path: path, displayName: name, maxBytes: limits.maxBytes)
        return try parse(bytes: bytes, format: chosen, file: name)
    }

    /// Reads a regular file, refusing directories and files over `maxBytes` before reading them.
    public static func readFile(path: String, displayName: String? = nil, maxBytes: Int) throws(DocumentError) -> [UInt8] {
        let name = displayName ?? path
        let start = SourceLocation(file: name, line: 1, column: 1)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DocumentError(code: "file-not-found", message: "no such file", location: start)
        }
        if isDirectory.boolValue {
            throw DocumentError(code: "file-is-directory", message: "is a directory, not a file", location: start)
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxBytes {
            throw DocumentError(code: "document-too-large", message: "file is \(size) bytes; the limit is \(maxBytes)", location: start)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DocumentError(code: "file-unreadable", message: "cannot read the file", location: start)
        }
        return [UInt8](data)
    }
}
