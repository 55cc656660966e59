/// Reads RFC 8259 JSON, or JSONC (comments and trailing commas) when asked, from UTF-8
/// bytes into a `Document` that can tell where every node stands (computed on first
/// use: see `SourceMap`).
///
/// Duplicate object keys keep the last value in the first key's position, as
/// JavaScript's `JSON.parse` does (upstream reads config that way), and produce a
/// warning naming both positions.
public struct JSONReader {
    public var allowsComments: Bool
    public var limits: DocumentLimits
    /// When false no source map is kept (large catalogs, benchmarks).
    public var recordsLocations: Bool

    public init(format: DocumentFormat = .json, limits: DocumentLimits = .default, recordsLocations: Bool = true) {
        self.allowsComments = format == .jsonc
        self.limits = limits
        self.recordsLocations = recordsLocations
    }

    public func read(_ text: String, file: String = "<input>") throws(DocumentError) -> Document {
        try read(bytes: Array(text.utf8), file: file)
    }

    public func read(bytes: [UInt8], file: String = "<input>") throws(DocumentError) -> Document {
        try checkSize(bytes, file: file)
        var parser = JSONParser(bytes: bytes, file: file, jsonc: allowsComments, maxDepth: limits.maxDepth,
                                recordsLocations: false)
        let value = try parser.parseDocument()
        guard recordsLocations else { return Document(value: value, file: file, warnings: parser.warnings) }
        // Positions are computed only when first asked for: the same parse again, recording.
        let (jsonc, maxDepth) = (allowsComments, limits.maxDepth)
        let map = SourceMap(deferred: {
            var again = JSONParser(bytes: bytes, file: file, jsonc: jsonc, maxDepth: maxDepth, recordsLocations: true)
            _ = try? again.parseDocument()
            return again.sourceMap.entries
        })
        return Document(value: value, sourceMap: map, file: file, warnings: parser.warnings)
    }
}

extension JSONReader {
    /// Reads a stream of whitespace-separated JSON values (as yaml-test-suite's `in.json`
    /// holds one value per YAML document). An empty stream yields no values.
    public func readSequence(bytes: [UInt8], file: String = "<input>") throws(DocumentError) -> [JSONValue] {
        var parser = JSONParser(bytes: bytes, file: file, jsonc: allowsComments, maxDepth: limits.maxDepth,
                                recordsLocations: false)
        var values: [JSONValue] = []
        try parser.skipTrivia()
        while parser.index < bytes.count {
            values.append(try parser.parseValue(at: nil, key: nil))
            try parser.skipTrivia()
        }
        return values
    }
}

func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

extension JSONReader {
    /// Refuses a document over `limits.maxBytes` before any parsing.
    func checkSize(_ bytes: [UInt8], file: String) throws(DocumentError) {
        if bytes.count > limits.maxBytes {
            throw DocumentError(code: .documentTooLarge,
                                message: "document is \(bytes.count) bytes; the limit is \(limits.maxBytes)",
                                location: SourceLocation(file: file, line: 1, column: 1))
        }
    }
}
