/// Sees the elements of chosen arrays while a document is read, and may keep something
/// smaller in the tree in their place: a reader of a 100,000-record list turns each
/// record into its own small value as it goes, so the records' JSON nodes never pile
/// up (memory stays near the size of what is kept, not of the whole tree).
///
/// Only arrays reached through object keys alone are offered (`{"data": [...]}`,
/// a top-level array, `{"a": {"b": [...]}}`), named by those keys.
public protocol JSONElementFilter {
    /// Whether the elements of the array at `path` are wanted.
    func wants(_ path: [String]) -> Bool
    /// An array at a wanted `path` begins (a repeated key begins it again).
    mutating func arrayStarted(at path: [String])
    /// One element of the array at a wanted `path`, in order; the value returned takes
    /// its place in the document.
    mutating func element(_ value: JSONValue, at path: [String]) -> JSONValue
}

extension JSONReader {
    /// Reads like `read(bytes:file:)`, offering the elements of the arrays `filter`
    /// wants to it as they are read. No source map is kept.
    public func read<Filter: JSONElementFilter>(bytes: [UInt8], file: String = "<input>",
                                                filter: inout Filter) throws(DocumentError) -> Document {
        try checkSize(bytes, file: file)
        var parser = JSONParser(bytes: bytes, file: file, jsonc: allowsComments, maxDepth: limits.maxDepth,
                                recordsLocations: false)
        let box = FilterBox(filter)
        parser.filter = box
        parser.filterPath = []
        defer { filter = box.filter }
        let value = try parser.parseDocument()
        return Document(value: value, file: file, warnings: parser.warnings)
    }
}

/// Type erasure for the parser (one class, so the parser stays a plain struct).
class AnyElementFilter {
    func wants(_ path: [String]) -> Bool { false }
    func arrayStarted(at path: [String]) {}
    func element(_ value: JSONValue, at path: [String]) -> JSONValue { value }
}

final class FilterBox<Filter: JSONElementFilter>: AnyElementFilter {
    var filter: Filter
    init(_ filter: Filter) { self.filter = filter }
    override func wants(_ path: [String]) -> Bool { filter.wants(path) }
    override func arrayStarted(at path: [String]) { filter.arrayStarted(at: path) }
    override func element(_ value: JSONValue, at path: [String]) -> JSONValue { filter.element(value, at: path) }
}
