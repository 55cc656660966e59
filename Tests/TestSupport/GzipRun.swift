/// A gzip member whose content is one byte repeated `count` times, written by hand with
/// fixed-Huffman deflate (one literal, then back-references of 258 bytes at distance 1,
/// 13 bits each), so a few kilobytes inflate to megabytes: a small, exact gzip bomb for
/// tests of decoded-size caps. Needs no zlib and has a real CRC and length trailer.
public enum GzipRun {
    /// The gzip bytes and the exact inflated size (1 + a multiple of 258, at least `count`).
    public static func make(byte: UInt8, atLeast count: Int) -> (gzip: [UInt8], inflatedSize: Int) {
        let matches = max(0, (count - 1 + 257) / 258)
        let total = 1 + matches * 258
        var writer = BitWriter()
        writer.put(1, bits: 1) // BFINAL
        writer.put(1, bits: 2) // BTYPE 01: fixed Huffman
        writer.literal(byte)
        for _ in 0..<matches {
            writer.code(0xC5, bits: 8) // length code 285: 258 bytes
            writer.code(0, bits: 5)    // distance code 0: distance 1
        }
        writer.code(0, bits: 7)        // end of block (256)
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        out += writer.bytes
        out += littleEndian(crc32(repeating: byte, count: total))
        out += littleEndian(UInt32(truncatingIfNeeded: total))
        return (out, total)
    }

    static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }

    static func crc32(repeating byte: UInt8, count: Int) -> UInt32 {
        var table = [UInt32](repeating: 0, count: 256)
        for n in 0..<256 {
            var c = UInt32(n)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            table[n] = c
        }
        var crc: UInt32 = 0xFFFF_FFFF
        for _ in 0..<count { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    struct BitWriter {
        var bytes: [UInt8] = []
        var used = 0 // bits used in the last byte

        /// A header field: least significant bit first.
        mutating func put(_ value: Int, bits: Int) {
            for i in 0..<bits { push(value >> i & 1) }
        }

        /// A Huffman code: most significant bit first.
        mutating func code(_ value: Int, bits: Int) {
            for i in stride(from: bits - 1, through: 0, by: -1) { push(value >> i & 1) }
        }

        /// A literal byte: 0...143 are the 8-bit codes 0x30..., 144...255 the 9-bit codes 0x190....
        mutating func literal(_ byte: UInt8) {
            if byte < 144 { code(0x30 + Int(byte), bits: 8) } else { code(0x190 + Int(byte) - 144, bits: 9) }
        }

        mutating func push(_ bit: Int) {
            if used == 0 { bytes.append(0) }
            bytes[bytes.count - 1] |= UInt8(bit) << UInt8(used)
            used = (used + 1) % 8
        }
    }
}
