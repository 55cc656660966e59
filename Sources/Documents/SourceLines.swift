/// Turns byte offsets in a document into `line:column` positions, so a reader can keep
/// plain offsets while parsing and pay for positions only when one is asked for.
///
/// Lines end at LF (a CR is an ordinary column); columns count Unicode scalars (every
/// byte that is not a UTF-8 continuation byte), from 1. Bytes before `origin` (a
/// byte order mark) take no column.
struct SourceLines: Sendable {
    /// The offset of each line's first byte.
    private let starts: [Int]
    private let origin: Int

    /// Indexes every line of `bytes` (one pass; used when many positions are needed).
    init(bytes: [UInt8], origin: Int) {
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            for i in buffer.indices where buffer[i] == 0x0A { starts.append(i + 1) }
        }
        self.starts = starts
        self.origin = origin
    }

    func location(of offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        // The last line starting at or before `offset`.
        var low = 0, high = starts.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if starts[mid] <= offset { low = mid } else { high = mid }
        }
        let column = Self.column(from: max(starts[low], origin), to: offset, in: bytes)
        return SourceLocation(file: file, line: low + 1, column: column)
    }

    /// One position without an index: a scan from the start (errors, met once).
    static func location(of offset: Int, in bytes: [UInt8], origin: Int, file: String) -> SourceLocation {
        var line = 1, lineStart = 0
        bytes.withUnsafeBufferPointer { buffer in
            for i in 0..<min(offset, buffer.count) where buffer[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
        }
        return SourceLocation(file: file, line: line, column: column(from: max(lineStart, origin), to: offset, in: bytes))
    }

    private static func column(from start: Int, to offset: Int, in bytes: [UInt8]) -> Int {
        var column = 1
        bytes.withUnsafeBufferPointer { buffer in
            var i = start
            let end = min(offset, buffer.count)
            while i < end {
                if buffer[i] & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
        }
        return column
    }
}
