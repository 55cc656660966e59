/// The shape of a binary property list, measured on its bytes before Foundation reads
/// it. Objects in `bplist00` are shared by reference, so a few hundred bytes can stand
/// for a tree of 2^40 values, and Foundation expands every reference into its own copy
/// (gigabytes). Here each object is visited once: the expanded size is summed over the
/// reference graph (memoised), with cycles and excessive depth refused, so the cost is
/// linear in the file.
enum BinaryPlistShape {
    enum Verdict: Error, Equatable {
        /// Expanded value count and nesting depth are within bounds.
        case fine
        /// Expands beyond `maxNodes` values or nests deeper than `maxDepth`.
        case tooLarge
        /// Not a well-formed binary plist (bad trailer, offsets or references).
        case malformed(String)
    }

    static let magic: [UInt8] = Array("bplist00".utf8)

    static func isBinary(_ bytes: [UInt8]) -> Bool { bytes.starts(with: magic) }

    static func measure(_ bytes: [UInt8], maxNodes: Int, maxDepth: Int) -> Verdict {
        guard bytes.count >= magic.count + 32 else { return .malformed("the file is too short for a binary plist") }
        let trailer = bytes.count - 32
        let offsetSize = Int(bytes[trailer + 6]), refSize = Int(bytes[trailer + 7])
        guard let count = uint(bytes, trailer + 8, 8), let top = uint(bytes, trailer + 16, 8),
              let table = uint(bytes, trailer + 24, 8),
              (1...8).contains(offsetSize), (1...8).contains(refSize),
              count > 0, count <= UInt64(bytes.count), top < count,
              table <= UInt64(trailer), UInt64(trailer) - table >= count * UInt64(offsetSize)
        else { return .malformed("its trailer is inconsistent") }
        var walk = Walk(bytes: bytes, offsetSize: offsetSize, refSize: refSize, count: Int(count), table: Int(table),
                        maxNodes: maxNodes, maxDepth: maxDepth)
        switch walk.nodes(Int(top), depth: 0) {
        case .failure(let verdict): return verdict
        case .success(let total): return total > maxNodes ? .tooLarge : .fine
        }
    }

    /// A big-endian unsigned integer of `size` bytes at `offset`, if it fits in the file.
    static func uint(_ bytes: [UInt8], _ offset: Int, _ size: Int) -> UInt64? {
        guard offset >= 0, size <= 8, offset <= bytes.count - size else { return nil }
        var value: UInt64 = 0
        for index in offset..<(offset + size) { value = value << 8 | UInt64(bytes[index]) }
        return value
    }

    struct Walk {
        let bytes: [UInt8]
        let offsetSize: Int, refSize: Int, count: Int, table: Int
        let maxNodes: Int, maxDepth: Int
        /// Expanded size of each object once known; -1 while it is being visited.
        var memo: [Int: Int] = [:]

        /// The object's own marker position.
        func offset(of object: Int) -> Int? {
            guard let value = BinaryPlistShape.uint(bytes, table + object * offsetSize, offsetSize),
                  value >= UInt64(BinaryPlistShape.magic.count), value < UInt64(bytes.count - 32) else { return nil }
            return Int(value)
        }

        /// Values the object stands for once every reference is expanded (saturating
        /// just past `maxNodes`).
        mutating func nodes(_ object: Int, depth: Int) -> Result<Int, Verdict> {
            guard depth <= maxDepth else { return .failure(.tooLarge) }
            if let known = memo[object] {
                return known < 0 ? .failure(.malformed("an object contains itself")) : .success(known)
            }
            guard object < count, let start = offset(of: object) else { return .failure(.malformed("a reference points outside the file")) }
            let marker = bytes[start]
            let kind = marker >> 4
            guard kind == 0xA || kind == 0xC || kind == 0xD else { return .success(1) }
            guard let (length, first) = lengthAndStart(marker: marker, at: start) else {
                return .failure(.malformed("a container length is unreadable"))
            }
            let references = kind == 0xD ? length * 2 : length
            guard references <= count * 2, first <= bytes.count - 32 - references * refSize else {
                return .failure(.malformed("a container runs past the object table"))
            }
            memo[object] = -1
            var total = 1
            for index in 0..<references {
                guard let child = BinaryPlistShape.uint(bytes, first + index * refSize, refSize), child < UInt64(count) else {
                    return .failure(.malformed("a reference points outside the object table"))
                }
                switch nodes(Int(child), depth: depth + 1) {
                case .failure(let verdict): return .failure(verdict)
                case .success(let size): total = min(total + size, maxNodes + 1)
                }
            }
            memo[object] = total
            return .success(total)
        }

        /// A container's element count (inline, or in a following int object when the
        /// low nibble is 0xF) and where its references start.
        func lengthAndStart(marker: UInt8, at start: Int) -> (Int, Int)? {
            let inline = Int(marker & 0x0F)
            if inline != 0x0F { return (inline, start + 1) }
            guard start + 1 < bytes.count, bytes[start + 1] >> 4 == 0x1 else { return nil }
            let size = 1 << Int(bytes[start + 1] & 0x0F)
            guard size <= 8, let value = BinaryPlistShape.uint(bytes, start + 2, size), value <= UInt64(Int32.max) else { return nil }
            return (Int(value), start + 2 + size)
        }
    }
}
