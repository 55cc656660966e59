import CYAML

/// Reads YAML through libyaml's event API into the same `JSONValue` the JSON reader
/// yields, with a position for every node.
///
/// Plain scalars are typed by the YAML 1.2 core schema (`yes`/`no`/`on`/`off` stay
/// strings); quoted scalars are strings. Aliases are expanded under a node budget so an
/// alias bomb is refused rather than expanded. Merge keys (`<<`) merge mappings as YAML
/// 1.1 tooling does, when `mergeKeys` is on (the default for config files). Values JSON
/// cannot hold (`.inf`, `.nan`, collection keys) are errors.
public struct YAMLReader {
    public var limits: DocumentLimits
    /// Apply `<<` merge keys; when off, `<<` is an ordinary key (strict YAML 1.2).
    public var mergeKeys: Bool

    public init(limits: DocumentLimits = .default, mergeKeys: Bool = true) {
        self.limits = limits
        self.mergeKeys = mergeKeys
    }

    /// Reads a file that must hold exactly one YAML document.
    public func read(_ text: String, file: String = "<input>") throws(DocumentError) -> Document {
        try read(bytes: Array(text.utf8), file: file)
    }

    public func read(bytes: [UInt8], file: String = "<input>") throws(DocumentError) -> Document {
        let documents = try readAll(bytes: bytes, file: file)
        guard documents.count == 1 else {
            let location = documents.count > 1
                ? documents[1].location(of: .root)
                : SourceLocation(file: file, line: 1, column: 1)
            throw DocumentError(code: .yamlDocumentCount,
                                message: "expected exactly one YAML document, found \(documents.count)",
                                location: location)
        }
        return documents[0]
    }

    /// Reads every document of a stream (used for multi-document data, not config files).
    public func readAll(_ text: String, file: String = "<input>") throws(DocumentError) -> [Document] {
        try readAll(bytes: Array(text.utf8), file: file)
    }

    public func readAll(bytes: [UInt8], file: String = "<input>") throws(DocumentError) -> [Document] {
        if bytes.count > limits.maxBytes {
            throw DocumentError(code: .documentTooLarge,
                                message: "document is \(bytes.count) bytes; the limit is \(limits.maxBytes)",
                                location: SourceLocation(file: file, line: 1, column: 1))
        }
        var builder = YAMLTreeBuilder(file: file, limits: limits, mergeKeys: mergeKeys)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw DocumentError(code: .yamlInternal, message: "could not initialise libyaml",
                                location: SourceLocation(file: file, line: 1, column: 1))
        }
        defer { yaml_parser_delete(&parser) }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(DocumentError) -> [Document] in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var documents: [Document] = []
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw YAMLReader.parserError(parser, file: file)
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { break }
                if let document = try builder.consume(event) { documents.append(document) }
            }
            return documents
        }
    }

    static func parserError(_ parser: yaml_parser_t, file: String) -> DocumentError {
        var problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        if let context = parser.context.map({ String(cString: $0) }) {
            problem += " (\(context) at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
        }
        let mark = parser.problem_mark
        return DocumentError(code: .yamlSyntax, message: problem,
                             location: SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1))
    }
}

/// Builds values from libyaml events: a stack of open collections, an anchor table, and
/// the source map of the document under construction.
struct YAMLTreeBuilder {
    enum Frame {
        case sequence(pointer: JSONPointer, items: [JSONValue], anchor: String?, nodes: Int)
        case mapping(pointer: JSONPointer, object: JSONObject, pendingKey: (String, SourceLocation)?,
                     explicitKeys: Set<String>, merges: [JSONObject], anchor: String?, nodes: Int,
                     keyPositions: [String: SourceLocation])
    }

    let file: String
    let limits: DocumentLimits
    let mergeKeys: Bool
    var stack: [Frame] = []
    var anchors: [String: (value: JSONValue, nodes: Int)] = [:]
    var sourceMap = SourceMap()
    var root: JSONValue?
    var expandedNodes = 0
    static let mergeKey = "<<"

    init(file: String, limits: DocumentLimits, mergeKeys: Bool) {
        self.file = file
        self.limits = limits
        self.mergeKeys = mergeKeys
    }

    func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    func error(_ message: String, _ mark: yaml_mark_t, code: FindingCode = .yamlValue) -> DocumentError {
        DocumentError(code: code, message: message, location: location(mark))
    }

    /// The pointer the next node will take: inside a sequence its index, inside a mapping
    /// the pending key (or nil when the next node is itself a key).
    var nextPointer: JSONPointer? {
        switch stack.last {
        case nil: return .root
        case .sequence(let pointer, let items, _, _)?: return pointer / items.count
        case .mapping(let pointer, _, let pendingKey, _, _, _, _, _)?:
            return pendingKey.map { pointer / $0.0 }
        }
    }

    mutating func consume(_ event: yaml_event_t) throws(DocumentError) -> Document? {
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            anchors = [:]
            sourceMap = SourceMap()
            root = nil
            expandedNodes = 0
            return nil
        case YAML_DOCUMENT_END_EVENT:
            let document = Document(value: root ?? .null, sourceMap: sourceMap, file: file)
            root = nil
            return document
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let tag = scalar.tag.map { String(cString: $0) }
            let anchor = scalar.anchor.map { String(cString: $0) }
            if case .mapping(_, _, nil, _, _, _, _, _)? = stack.last {
                try acceptKey(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE, tag: tag, anchor: anchor, mark: event.start_mark)
                return nil
            }
            let value = try resolveScalar(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE, tag: tag, mark: event.start_mark)
            if let anchor { anchors[anchor] = (value, 1) }
            try attach(value, nodes: 1, mark: event.start_mark)
            return nil
        case YAML_ALIAS_EVENT:
            let name = String(cString: event.data.alias.anchor)
            guard let target = anchors[name] else {
                throw error("unknown alias *\(name)", event.start_mark, code: .yamlAlias)
            }
            expandedNodes += target.nodes
            if expandedNodes > limits.maxAliasExpansion {
                throw error("aliases expand to more than \(limits.maxAliasExpansion) nodes; refusing a possible alias bomb",
                            event.start_mark, code: .yamlAliasBomb)
            }
            if case .mapping(_, _, nil, _, _, _, _, _)? = stack.last {
                guard case .string(let key)? = scalarKeyText(target.value) else {
                    throw error("a collection cannot be a mapping key (JSON keys are strings)", event.start_mark, code: .yamlComplexKey)
                }
                try acceptKey(key, plain: false, tag: "tag:yaml.org,2002:str", anchor: nil, mark: event.start_mark)
                return nil
            }
            try attach(target.value, nodes: target.nodes, mark: event.start_mark)
            return nil
        case YAML_SEQUENCE_START_EVENT:
            try requireValuePosition(event.start_mark)
            try checkDepth(event.start_mark)
            let pointer = nextPointer ?? .root
            sourceMap.record(pointer, NodeLocation(value: location(event.start_mark), key: pendingKeyLocation))
            stack.append(.sequence(pointer: pointer, items: [],
                                   anchor: event.data.sequence_start.anchor.map { String(cString: $0) }, nodes: 1))
            return nil
        case YAML_MAPPING_START_EVENT:
            try requireValuePosition(event.start_mark)
            try checkDepth(event.start_mark)
            let pointer = nextPointer ?? .root
            sourceMap.record(pointer, NodeLocation(value: location(event.start_mark), key: pendingKeyLocation))
            stack.append(.mapping(pointer: pointer, object: JSONObject(), pendingKey: nil, explicitKeys: [],
                                  merges: [], anchor: event.data.mapping_start.anchor.map { String(cString: $0) },
                                  nodes: 1, keyPositions: [:]))
            return nil
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return nil }
            let value: JSONValue, anchor: String?, nodes: Int
            switch frame {
            case .sequence(_, let items, let a, let n):
                (value, anchor, nodes) = (.array(items), a, n)
            case .mapping(_, var object, _, _, let merges, let a, let n, _):
                // Explicit keys win over merged ones; earlier merge sources win over later.
                for source in merges {
                    for (key, member) in source where !object.contains(key) { object[key] = member }
                }
                (value, anchor, nodes) = (.object(object), a, n)
            }
            if let anchor { anchors[anchor] = (value, nodes) }
            try attach(value, nodes: nodes, mark: event.start_mark, recorded: true)
            return nil
        default:
            return nil
        }
    }

    var pendingKeyLocation: SourceLocation? {
        if case .mapping(_, _, let pendingKey?, _, _, _, _, _)? = stack.last { return pendingKey.1 }
        return nil
    }

    func requireValuePosition(_ mark: yaml_mark_t) throws(DocumentError) {
        if case .mapping(_, _, nil, _, _, _, _, _)? = stack.last {
            throw error("a collection cannot be a mapping key (JSON keys are strings)", mark, code: .yamlComplexKey)
        }
    }

    func checkDepth(_ mark: yaml_mark_t) throws(DocumentError) {
        if stack.count >= limits.maxDepth {
            throw error("nesting deeper than \(limits.maxDepth) levels", mark, code: .nestingTooDeep)
        }
    }

    /// The text a scalar takes when used as a key: its characters, whatever type it resolves to.
    func scalarKeyText(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .string: return value
        case .null: return .string("null")
        case .bool(let b): return .string(b ? "true" : "false")
        case .number(let n): return .string(n.literal)
        default: return nil
        }
    }

    mutating func acceptKey(_ text: String, plain: Bool, tag: String?, anchor: String?, mark: yaml_mark_t) throws(DocumentError) {
        // The frame is taken off the stack while it changes: bound from `stack.last`, its
        // key tables would be shared with the stack and copied on every key (quadratic).
        guard case .mapping(let pointer, let object, nil, var explicitKeys, let merges, let a, let n, var keyPositions)? = stack.last
        else { return }
        stack.removeLast()
        let keyLocation = location(mark)
        if let first = keyPositions[text] {
            throw DocumentError(code: .yamlDuplicateKey,
                                message: "duplicate key \"\(text)\" (first at \(first.line):\(first.column))",
                                location: keyLocation)
        }
        if !(mergeKeys && plain && text == YAMLTreeBuilder.mergeKey) {
            keyPositions[text] = keyLocation
            explicitKeys.insert(text)
        }
        if let anchor { anchors[anchor] = (.string(text), 1) }
        stack.append(.mapping(pointer: pointer, object: object, pendingKey: (text, keyLocation),
                                          explicitKeys: explicitKeys, merges: merges, anchor: a, nodes: n,
                                          keyPositions: keyPositions))
    }

    /// Places a finished node into its parent (or makes it the document root).
    mutating func attach(_ value: JSONValue, nodes: Int, mark: yaml_mark_t, recorded: Bool = false) throws(DocumentError) {
        if !recorded, let pointer = nextPointer {
            sourceMap.record(pointer, NodeLocation(value: location(mark), key: pendingKeyLocation))
        }
        guard !stack.isEmpty else {
            root = value
            return
        }
        // Switching on the removed frame directly (not on a named copy) leaves its items
        // uniquely owned, so appending does not copy them.
        switch stack.removeLast() {
        case .sequence(let pointer, var items, let anchor, let n):
            items.append(value)
            stack.append(.sequence(pointer: pointer, items: items, anchor: anchor, nodes: n + nodes))
        case .mapping(let pointer, var object, let pendingKey, let explicitKeys, var merges, let anchor, let n, let keyPositions):
            guard let (key, keyLocation) = pendingKey else { return }
            if mergeKeys && key == YAMLTreeBuilder.mergeKey && !explicitKeys.contains(key) {
                switch value {
                case .object(let source):
                    merges.append(source)
                case .array(let sources):
                    for source in sources {
                        guard case .object(let o) = source else {
                            throw DocumentError(code: .yamlMerge, message: "a merge key '<<' takes a mapping or a list of mappings",
                                                location: keyLocation)
                        }
                        merges.append(o)
                    }
                default:
                    throw DocumentError(code: .yamlMerge, message: "a merge key '<<' takes a mapping or a list of mappings",
                                        location: keyLocation)
                }
            } else {
                object[key] = value
            }
            stack.append(.mapping(pointer: pointer, object: object, pendingKey: nil, explicitKeys: explicitKeys,
                                  merges: merges, anchor: anchor, nodes: n + nodes, keyPositions: keyPositions))
        }
    }

    func resolveScalar(_ text: String, plain: Bool, tag: String?, mark: yaml_mark_t) throws(DocumentError) -> JSONValue {
        let resolved: YAMLCoreSchema.Scalar
        switch tag {
        case nil where plain, "?":
            resolved = YAMLCoreSchema.resolve(text)
        case "tag:yaml.org,2002:null": resolved = .null
        case "tag:yaml.org,2002:bool":
            guard case .bool = YAMLCoreSchema.resolve(text) else { throw error("'\(text)' is not a boolean", mark) }
            resolved = YAMLCoreSchema.resolve(text)
        case "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
            let r = YAMLCoreSchema.resolve(text)
            switch r {
            case .integer, .float, .infinity, .nan: resolved = r
            default: throw error("'\(text)' is not a number", mark)
            }
        default:
            resolved = .string(text)
        }
        switch resolved {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .integer(let literal), .float(let literal): return .number(JSONNumber(literal: literal))
        case .infinity: throw error("'\(text)' (infinity) cannot be represented in JSON", mark)
        case .nan: throw error("'\(text)' (not-a-number) cannot be represented in JSON", mark)
        case .outOfRange: throw error("integer '\(text)' is out of range", mark)
        }
    }
}
