import Testing
import Documents

/// `JSONWriter.write(_:chunkSize:to:)` (what `convert` uses) hands the same bytes as
/// `data(_:)`, in pieces, and stops at a failing sink.
@Suite struct JSONWriterStreamTests {
    static let value: JSONValue = [
        "items": [["id": "a\"b", "n": 1.5, "tags": ["x", "é"]], ["id": "\u{01}", "ok": true, "none": nil]],
        "empty": [:], "list": [],
    ]

    @Test(arguments: [1, 7, 64, 1 << 16])
    func chunksConcatenateToTheWholeDocument(chunkSize: Int) throws {
        for writer in [JSONWriter(), JSONWriter.compact] {
            var pieces: [[UInt8]] = []
            try writer.write(Self.value, chunkSize: chunkSize) { pieces.append($0) }
            #expect(pieces.joined().elementsEqual(writer.data(Self.value)))
            #expect(pieces.allSatisfy { !$0.isEmpty })
            if chunkSize == 1 { #expect(pieces.count > 1) }
        }
    }

    struct SinkFailed: Error {}

    @Test func aFailingSinkStopsTheWrite() {
        var calls = 0
        #expect(throws: SinkFailed.self) {
            try JSONWriter().write(Self.value, chunkSize: 1) { _ in
                calls += 1
                throw SinkFailed()
            }
        }
        #expect(calls == 1)
    }
}
