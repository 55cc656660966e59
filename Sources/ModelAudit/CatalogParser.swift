import Documents

/// Why a catalog body could not be read as a model list.
public struct CatalogParseError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Turns a catalog response body into a `Catalog`, following a `CatalogSpec`.
///
/// Large catalogs (OpenRouter lists hundreds of models; the benchmark uses 100,000) are
/// read without a source map, and each record keeps only the fields the audit needs.
public struct CatalogParser: Sendable {
    /// Record fields that announce the end of a model's life, checked in this order.
    public static let expirationFields = ["expiration_date", "deprecation_date", "deprecated_at", "retirement_date"]
    /// Context-length fields tried after the spec's own when it keeps the default name,
    /// so Anthropic-style gateways that report `max_input_tokens` are covered.
    public static let contextLengthFallbacks = ["context_window", "max_input_tokens"]

    public var spec: CatalogSpec

    public init(spec: CatalogSpec) { self.spec = spec }

    public func parse(_ bytes: [UInt8], provider: String, file: String = "<catalog>") throws(CatalogParseError) -> Catalog {
        // The parsed tree is dropped as soon as the entries are out of it, before the
        // catalog's indexes are built, so the two never peak together.
        let entries = try entries(in: bytes, file: file)
        return Catalog(provider: provider, entries: entries)
    }

    func entries(in bytes: [UInt8], file: String) throws(CatalogParseError) -> [CatalogEntry] {
        let limits = DocumentLimits(maxBytes: 512 << 20, maxDepth: 64)
        // Records are turned into entries as they are read (each record's JSON is
        // dropped at once), for every array the response could hold them in; the
        // shape is chosen from the document afterwards, exactly as before.
        var collector = EntryCollector(parser: self)
        let document: Document
        do throws(DocumentError) {
            document = try JSONReader(limits: limits, recordsLocations: false).read(bytes: bytes, file: file, filter: &collector)
        } catch {
            throw CatalogParseError("not JSON: \(error.message) (line \(error.location.line), column \(error.location.column))")
        }
        let (_, _, path) = try modelArray(in: document.value)
        return collector.entries(at: path)
    }

    /// The paths (object keys) a record array may stand at, with the shape each implies.
    func candidatePaths() -> [[String]: CatalogShape?] {
        if let path = spec.responsePath, !path.isEmpty {
            return [path.split(separator: ".", omittingEmptySubsequences: false).map(String.init): nil]
        }
        var paths: [[String]: CatalogShape?] = [[]: nil]
        if spec.detectsShape {
            for shape in CatalogShape.detected where paths[[shape.arrayKey]] == nil { paths[[shape.arrayKey]] = shape }
        }
        return paths
    }

    /// The fields a context length is read from, in order.
    var contextLengthFields: [String] {
        spec.contextLengthField == "context_length" ? [spec.contextLengthField] + Self.contextLengthFallbacks : [spec.contextLengthField]
    }

    /// The record array, the detected shape (nil: the spec's own fields) and the keys
    /// leading to the array.
    func modelArray(in body: JSONValue) throws(CatalogParseError) -> ([JSONValue], CatalogShape?, [String]) {
        if let path = spec.responsePath, !path.isEmpty {
            var node = body
            let parts = path.split(separator: ".", omittingEmptySubsequences: false)
            for part in parts {
                guard let next = node[String(part)] else {
                    throw CatalogParseError("responsePath '\(path)' does not exist in the response (no '\(part)')")
                }
                node = next
            }
            guard let array = node.arrayValue else {
                throw CatalogParseError("responsePath '\(path)' names a \(node.typeName), not an array")
            }
            return (array, nil, parts.map(String.init))
        }
        if let array = body.arrayValue { return (array, nil, []) }
        if spec.detectsShape {
            for shape in CatalogShape.detected {
                if let array = body[shape.arrayKey]?.arrayValue { return (array, shape, [shape.arrayKey]) }
            }
        }
        throw CatalogParseError("the response is a \(body.typeName); expected an array of models"
            + (spec.detectsShape ? " or an object with a 'data' array" : " (set responsePath)"))
    }

    /// A record without a string id is skipped: upstream drops it too.
    func entry(from record: JSONValue, shape: CatalogShape? = nil, contextFields: [String]? = nil) -> CatalogEntry? {
        let idField = shape?.idField ?? spec.idField, nameField = shape?.nameField ?? spec.nameField
        guard case .object(let object) = record, let id = object[idField]?.stringValue, !id.isEmpty else { return nil }
        var context: Int?
        for field in contextFields ?? contextLengthFields {
            if let value = object[field]?.numberValue?.intValue { context = value; break }
        }
        var expiration: (String, String)?
        for field in Self.expirationFields {
            if let date = object[field].flatMap(CatalogDate.day(from:)) { expiration = (date, field); break }
        }
        let aliases = (shape?.aliasFields ?? []).compactMap { object[$0]?.stringValue }.filter { !$0.isEmpty && $0 != id }
        return CatalogEntry(id: id, name: object[nameField]?.stringValue, contextLength: context,
                            expirationDate: expiration?.0, expirationField: expiration?.1,
                            aliases: aliases, routesTo: shape?.routedModels(of: object) ?? [])
    }
}

/// Turns the records of every candidate array into entries while the catalog is read,
/// leaving `null` in the tree in their place. Candidate arrays never nest (elements are
/// not offered paths), so the array being read is kept apart from the finished ones.
struct EntryCollector: JSONElementFilter {
    let parser: CatalogParser
    let shapes: [[String]: CatalogShape?]
    let contextFields: [String]
    private var finished: [[String]: [CatalogEntry]] = [:]
    private var current: (path: [String], shape: CatalogShape?, entries: [CatalogEntry])?

    init(parser: CatalogParser) {
        self.parser = parser
        shapes = parser.candidatePaths()
        contextFields = parser.contextLengthFields
    }

    func wants(_ path: [String]) -> Bool { shapes[path] != nil }

    mutating func arrayStarted(at path: [String]) {
        if let current { finished[current.path] = current.entries }
        // A key met again starts its list again: the last value wins, as in the tree.
        current = (path, shapes[path] ?? nil, [])
    }

    mutating func element(_ value: JSONValue, at path: [String]) -> JSONValue {
        if let entry = parser.entry(from: value, shape: current?.shape, contextFields: contextFields) {
            current?.entries.append(entry)
        }
        return .null
    }

    /// The entries read from the array at `path`.
    func entries(at path: [String]) -> [CatalogEntry] {
        if let current, current.path == path { return current.entries }
        return finished[path] ?? []
    }
}
