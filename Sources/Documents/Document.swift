/// The formats configuration documents come in.
public enum DocumentFormat: String, Sendable, CaseIterable {
    /// RFC 8259 JSON, nothing more.
    case json
    /// JSON with `//` and `/* */` comments and trailing commas, as upstream reads config files.
    case jsonc
    /// YAML 1.2 (core schema), read through libyaml.
    case yaml

    /// The format a file name implies: `.json` strict, `.jsonc` JSONC, `.yaml`/`.yml` YAML.
    public init?(pathExtension ext: String) {
        switch ext.lowercased() {
        case "json": self = .json
        case "jsonc": self = .jsonc
        case "yaml", "yml": self = .yaml
        default: return nil
        }
    }
}

/// A parsed document: its value, where every node stands, and warnings met on the way
/// (such as duplicate keys in JSON).
public struct Document: Sendable {
    public var value: JSONValue
    public var sourceMap: SourceMap
    public var file: String
    public var warnings: [DocumentDiagnostic]
    /// The digest of the bytes this document was parsed from, when it was read from a
    /// file, so records of the inputs (build-manifest.json) name exactly what was checked
    /// instead of reading the file again.
    public var source: SourceDigest?

    public init(value: JSONValue, sourceMap: SourceMap = SourceMap(), file: String, warnings: [DocumentDiagnostic] = []) {
        self.value = value
        self.sourceMap = sourceMap
        self.file = file
        self.warnings = warnings
    }

    /// The position of a node, falling back to its nearest recorded ancestor, then to
    /// the start of the file.
    public func location(of pointer: JSONPointer, preferKey: Bool = false) -> SourceLocation {
        guard let node = sourceMap.nearest(pointer) else { return SourceLocation(file: file, line: 1, column: 1) }
        return preferKey ? (node.key ?? node.value) : node.value
    }
}

/// A problem met while reading a document, at a position. Parse errors are thrown as
/// `DocumentError`; warnings ride along in `Document.warnings`.
public struct DocumentDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public var code: FindingCode
    public var message: String
    public var location: SourceLocation
    public var related: SourceLocation?

    public init(code: FindingCode, message: String, location: SourceLocation, related: SourceLocation? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.related = related
    }

    public var description: String { "\(location): \(message)" }
}

/// A document that could not be read: syntax errors, limits exceeded, values JSON cannot
/// hold, I/O failures. `description` is `file:line:column: error: message`.
public struct DocumentError: Error, Sendable, CustomStringConvertible {
    public var code: FindingCode
    public var message: String
    public var location: SourceLocation

    public init(code: FindingCode, message: String, location: SourceLocation) {
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): error: \(message)" }
}

/// Limits that protect every reader from hostile input.
public struct DocumentLimits: Sendable {
    /// Largest accepted input, in bytes.
    public var maxBytes: Int
    /// Deepest accepted nesting of arrays and objects.
    public var maxDepth: Int
    /// Most nodes a YAML document may expand to through aliases.
    public var maxAliasExpansion: Int

    public init(maxBytes: Int = 64 << 20, maxDepth: Int = 256, maxAliasExpansion: Int = 100_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }

    public static let `default` = DocumentLimits()
}
