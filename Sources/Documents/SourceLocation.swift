/// A position in a source file. Lines and columns count from 1; columns count Unicode
/// scalars, the way editors place a cursor.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// Where a node of a parsed document stands: its value, and for object members the key.
public struct NodeLocation: Hashable, Sendable {
    public var value: SourceLocation
    public var key: SourceLocation?

    public init(value: SourceLocation, key: SourceLocation? = nil) {
        self.value = value
        self.key = key
    }
}

/// Positions of every node of a document, keyed by JSON pointer.
public struct SourceMap: Sendable {
    public private(set) var entries: [JSONPointer: NodeLocation] = [:]

    public init() {}

    public mutating func record(_ pointer: JSONPointer, _ location: NodeLocation) {
        entries[pointer] = location
    }

    /// The exact entry for a pointer, if the reader recorded one.
    public subscript(pointer: JSONPointer) -> NodeLocation? { entries[pointer] }

    /// The location of the pointer's node, or of its nearest recorded ancestor (nodes
    /// expanded from a YAML alias share the alias's position).
    public func nearest(_ pointer: JSONPointer) -> NodeLocation? {
        var p = pointer
        while true {
            if let hit = entries[p] { return hit }
            guard let parent = p.parent else { return nil }
            p = parent
        }
    }
}
