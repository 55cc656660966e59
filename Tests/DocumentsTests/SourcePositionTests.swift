import Testing
@testable import Documents

/// The reader keeps byte offsets and turns them into `line:column` only when asked:
/// these check that the on-demand positions are the ones an editor shows (lines end at
/// LF, a CR is a column, columns count Unicode scalars, a BOM takes no column).
@Suite struct SourcePositionTests {
    /// The position of every scalar of `text`, by walking its scalars: the reference.
    static func referencePositions(_ text: String, origin: Int) -> [Int: (line: Int, column: Int)] {
        var positions: [Int: (line: Int, column: Int)] = [:]
        var offset = 0, line = 1, column = 1
        for scalar in text.unicodeScalars {
            positions[offset] = (line, column)
            offset += String(scalar).utf8.count
            if scalar == "\n" { line += 1; column = 1 } else if offset > origin { column += 1 }
        }
        positions[offset] = (line, column)
        return positions
    }

    @Test(arguments: [
        "{\"a\": 1}",
        "{\r\n  \"k\\u00e9y\": [1, [\"ü\", {\"x\": null}]],\r\n  \"🚀\": \"a\\\"b\"\r\n}",
        "\u{FEFF}[\"é€\",\n\n  \"\\n\", 12]\n",
        "\n\n\"tab\\there\" ",
    ])
    func indexedAndScannedPositionsMatchAScalarWalk(text: String) {
        let bytes = Array(text.utf8)
        let origin = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let lines = SourceLines(bytes: bytes, origin: origin)
        for (offset, expected) in Self.referencePositions(text, origin: origin) where offset >= origin {
            let indexed = lines.location(of: offset, in: bytes, file: "t.json")
            let scanned = SourceLines.location(of: offset, in: bytes, origin: origin, file: "t.json")
            #expect(indexed == scanned, "offset \(offset)")
            #expect(indexed.line == expected.line && indexed.column == expected.column,
                    "offset \(offset): \(indexed) against \(expected.line):\(expected.column)")
        }
    }

    @Test func nodePositionsCoverKeysValuesNestedArraysEscapesNonASCIIAndCRLF() throws {
        let text = "{\r\n  \"k\\u00e9y\": [1, [\"ü\", {\"x\": null}]],\r\n  \"🚀\": \"a\\\"b\"\r\n}"
        let doc = try JSONReader().read(text, file: "p.json")
        func at(_ line: Int, _ column: Int) -> Documents.SourceLocation { SourceLocation(file: "p.json", line: line, column: column) }
        #expect(doc.sourceMap[.root]?.value == at(1, 1))
        #expect(doc.sourceMap["/kéy"]?.key == at(2, 3))
        #expect(doc.sourceMap["/kéy"]?.value == at(2, 15))
        #expect(doc.sourceMap["/kéy/0"]?.value == at(2, 16))
        #expect(doc.sourceMap["/kéy/1"]?.value == at(2, 19))
        #expect(doc.sourceMap["/kéy/1/0"]?.value == at(2, 20))
        #expect(doc.sourceMap["/kéy/1/1"]?.value == at(2, 25))
        #expect(doc.sourceMap["/kéy/1/1/x"]?.key == at(2, 26))
        #expect(doc.sourceMap["/kéy/1/1/x"]?.value == at(2, 31))
        #expect(doc.sourceMap["/🚀"]?.key == at(3, 3))
        #expect(doc.sourceMap["/🚀"]?.value == at(3, 8))
        #expect(doc.value["🚀"] == "a\"b")
        #expect(doc.location(of: "/kéy/1/1/x/deeper", preferKey: true) == at(2, 26))
    }

    @Test func errorsAfterNonASCIIAndCRLFAndABOMKeepTheirColumns() {
        let cases: [(String, Int, Int)] = [
            ("\u{FEFF}[1,]", 1, 4),
            ("[\"é\",\r\n x]", 2, 2),
            ("[\"🚀\", \"\\q\"]", 1, 8),
            ("{\"a\":\n\n  \"ü\" 1}", 3, 7),
        ]
        for (text, line, column) in cases {
            let error = #expect(throws: DocumentError.self) { try JSONReader().read(text, file: "e.json") }
            #expect(error?.location == SourceLocation(file: "e.json", line: line, column: column), "\(text.debugDescription): \(String(describing: error))")
        }
    }

    @Test func duplicateKeysNameBothPositionsAfterNonASCIIAndCRLF() throws {
        let doc = try JSONReader().read("{\"a\": 1,\r\n \"é\": 2, \"é\": 3}", file: "d.json")
        let warning = try #require(doc.warnings.first)
        #expect(warning.location == SourceLocation(file: "d.json", line: 2, column: 10))
        #expect(warning.related == SourceLocation(file: "d.json", line: 2, column: 2))
        #expect(warning.message.contains("(first at 2:2)"))
        #expect(doc.value["é"] == 3)
    }

    @Test func duplicateKeysInALargeObjectUseItsKeyIndex() throws {
        let members = (0..<20).map { "\"k\($0)\": \($0)" }.joined(separator: ",\n")
        let doc = try JSONReader().read("{\n" + members + ",\n\"k5\": 99}", file: "l.json")
        guard case .object(let object) = doc.value else { Issue.record("not an object"); return }
        #expect(object.keys == (0..<20).map { "k\($0)" })
        #expect(object["k5"] == 99)
        #expect(doc.warnings.count == 1)
        #expect(doc.warnings.first?.location == SourceLocation(file: "l.json", line: 22, column: 1))
        #expect(doc.warnings.first?.related == SourceLocation(file: "l.json", line: 7, column: 1))
    }
}
