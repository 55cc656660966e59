import Foundation

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
///
/// A JSON document's map is deferred: reading keeps only the bytes, and the positions
/// are computed by one more pass over them the first time any position is asked for
/// (a finding, provenance), then kept. Documents nobody asks about (large catalogs,
/// `convert`, a config that validates) never pay for positions.
public struct SourceMap: Sendable {
    private var recorded: [JSONPointer: NodeLocation] = [:]
    private var deferred: DeferredPositions?

    public init() {}

    /// A map computed from `bytes` on first use by `compute`.
    init(deferred compute: @escaping @Sendable () -> [JSONPointer: NodeLocation]) {
        deferred = DeferredPositions(compute)
    }

    /// Every recorded position (computing deferred ones).
    public var entries: [JSONPointer: NodeLocation] { deferred?.entries ?? recorded }

    public mutating func record(_ pointer: JSONPointer, _ location: NodeLocation) {
        recorded[pointer] = location
    }

    /// The exact entry for a pointer, if the reader recorded one.
    public subscript(pointer: JSONPointer) -> NodeLocation? { entries[pointer] }

    /// The location of the pointer's node, or of its nearest recorded ancestor (nodes
    /// expanded from a YAML alias share the alias's position).
    public func nearest(_ pointer: JSONPointer) -> NodeLocation? {
        let entries = self.entries
        var p = pointer
        while true {
            if let hit = entries[p] { return hit }
            guard let parent = p.parent else { return nil }
            p = parent
        }
    }
}

/// Positions computed once, on first use, from any thread.
final class DeferredPositions: @unchecked Sendable {
    private let lock = NSLock()
    private var compute: (@Sendable () -> [JSONPointer: NodeLocation])?
    private var computed: [JSONPointer: NodeLocation] = [:]

    init(_ compute: @escaping @Sendable () -> [JSONPointer: NodeLocation]) { self.compute = compute }

    var entries: [JSONPointer: NodeLocation] {
        lock.withLock {
            if let compute {
                computed = compute()
                self.compute = nil
            }
            return computed
        }
    }
}
