import Testing
@testable import Documents

/// The string scanner's eight-bytes-at-a-time fast path agrees with a byte-by-byte scan.
@Suite struct JSONPlainRunTests {
    /// What `plainRun` must return: the bytes from `start` up to the first `"`, `\`,
    /// control character or non-ASCII byte.
    static func expected(_ bytes: [UInt8], from start: Int) -> Int {
        var end = start
        while end < bytes.count {
            let b = bytes[end]
            if b == 0x22 || b == 0x5C || b < 0x20 || b >= 0x80 { break }
            end += 1
        }
        return end - start
    }

    @Test func everyByteValueInEveryLaneOfAWord() {
        for lane in 0..<8 {
            for value in 0...255 {
                var word = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
                word[lane] = UInt8(value)
                let packed = word.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
                let stops = value == 0x22 || value == 0x5C || value < 0x20 || value >= 0x80
                #expect(JSONParser.endsPlainRun(packed) == stops, "byte \(value) in lane \(lane)")
            }
        }
    }

    @Test func runsAgreeWithAByteScan() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x61, 0x20, 0x7E, 0x21, 0x23, 0x5B, 0x5D, 0x22, 0x5C, 0x1F, 0x00, 0x7F, 0x80, 0xC3, 0xFF]
        for _ in 0..<400 {
            let count = Int.random(in: 0...40, using: &generator)
            let bytes = (0..<count).map { _ in
                // Mostly plain bytes, so long runs cross several words.
                Int.random(in: 0..<10, using: &generator) < 8 ? UInt8.random(in: 0x23...0x5B, using: &generator)
                    : alphabet.randomElement(using: &generator)!
            }
            let parser = JSONParser(bytes: bytes, file: "t", jsonc: false, maxDepth: 10, recordsLocations: false)
            for start in 0...count {
                #expect(parser.plainRun(from: start) == Self.expected(bytes, from: start), "\(bytes) from \(start)")
            }
        }
    }
}
