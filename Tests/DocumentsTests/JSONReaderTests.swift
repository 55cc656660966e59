import Testing
@testable import Documents

@Suite struct JSONReaderTests {
    let strict = JSONReader(format: .json)
    let jsonc = JSONReader(format: .jsonc)

    @Test func readsEveryKindAndKeepsKeyOrder() throws {
        let doc = try strict.read(#"{"z": 1, "a": [true, false, null], "m": {"k": "v"}, "n": -1.50e3}"#)
        guard case .object(let object) = doc.value else { Issue.record("not an object"); return }
        #expect(object.keys == ["z", "a", "m", "n"])
        #expect(doc.value["a"] == [true, false, nil])
        #expect(doc.value["m"]?["k"] == "v")
        #expect(doc.value["n"]?.numberValue?.literal == "-1.50e3")
    }

    @Test func recordsPositionsOfValuesAndKeys() throws {
        let text = "{\n  \"branding\": {\n    \"name\": \"Acme\",\n    \"size\": 12\n  },\n  \"list\": [1,\n    2]\n}\n"
        let doc = try strict.read(text, file: "c.json")
        #expect(doc.sourceMap["/branding/name"]?.value == SourceLocation(file: "c.json", line: 3, column: 13))
        #expect(doc.sourceMap["/branding/name"]?.key == SourceLocation(file: "c.json", line: 3, column: 5))
        #expect(doc.sourceMap["/branding/size"]?.value.line == 4)
        #expect(doc.sourceMap["/list/1"]?.value == SourceLocation(file: "c.json", line: 7, column: 5))
        #expect(doc.location(of: "/branding/missing/deeper") == SourceLocation(file: "c.json", line: 2, column: 15))
    }

    @Test func columnsCountUnicodeScalarsNotBytes() throws {
        let error = #expect(throws: DocumentError.self) { try strict.read("{\"é€\": x}", file: "u.json") }
        #expect(error?.location.column == 8)
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9, "expected a string key"),
        ("[1, 2", 1, 6, "unterminated array"),
        ("{\"a\" 1}", 1, 6, "expected ':'"),
        ("{\n  \"a\": tru\n}", 2, 8, "invalid literal"),
        ("[01]", 1, 2, "leading zeros"),
        ("\"abc", 1, 1, "unterminated string"),
        ("[1]\n// c", 2, 1, "after the JSON value"),
        ("\"a\tb\"", 1, 3, "must be escaped"),
    ])
    func strictErrorsReportLineAndColumn(text: String, line: Int, column: Int, message: String) {
        let error = #expect(throws: DocumentError.self) { try strict.read(text, file: "bad.json") }
        #expect(error?.location.line == line)
        #expect(error?.location.column == column)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
        #expect(error?.description.hasPrefix("bad.json:\(line):\(column): error: ") == true)
    }

    @Test func jsoncAcceptsCommentsAndTrailingCommas() throws {
        let text = """
            // leading comment
            {
              /* block
                 comment */
              "a": [1, 2,], // trailing
              "b": {"c": 3,},
            }
            """
        let doc = try jsonc.read(text, file: "c.jsonc")
        #expect(doc.value == ["a": [1, 2], "b": ["c": 3]])
        #expect(doc.sourceMap["/b/c"]?.value.line == 6)
        #expect(throws: DocumentError.self) { try strict.read(text) }
    }

    @Test func jsoncUnterminatedBlockCommentPointsAtItsStart() {
        let error = #expect(throws: DocumentError.self) { try jsonc.read("{\n  /* open\n", file: "c.jsonc") }
        #expect(error?.location == SourceLocation(file: "c.jsonc", line: 2, column: 3))
        #expect(error?.message == "unterminated block comment")
    }

    @Test func duplicateKeysKeepLastValueInFirstPositionAndWarn() throws {
        let doc = try strict.read("{\"a\": 1, \"b\": 2,\n \"a\": 3}", file: "d.json")
        guard case .object(let object) = doc.value else { Issue.record("not an object"); return }
        #expect(object.keys == ["a", "b"])
        #expect(doc.value["a"] == 3)
        let warning = try #require(doc.warnings.first)
        #expect(warning.code == "duplicate-key")
        #expect(warning.location == SourceLocation(file: "d.json", line: 2, column: 2))
        #expect(warning.related == SourceLocation(file: "d.json", line: 1, column: 2))
    }

    @Test func depthAndSizeLimitsAreClearErrors() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        let depthError = #expect(throws: DocumentError.self) { try strict.read(deep) }
        #expect(depthError?.code == "nesting-too-deep")
        let small = JSONReader(limits: DocumentLimits(maxBytes: 10))
        let sizeError = #expect(throws: DocumentError.self) { try small.read("[1, 2, 3, 4, 5]") }
        #expect(sizeError?.code == "document-too-large")
    }

    @Test func escapesAndSurrogatePairsDecode() throws {
        let doc = try strict.read(#"["\u00e9\n\"\\\/", "\ud83d\ude00", "\ud800x"]"#)
        #expect(doc.value[0] == .string("é\n\"\\/"))
        #expect(doc.value[1] == .string("😀"))
        #expect(doc.value[2] == .string("\u{FFFD}x"))
    }

    @Test func invalidUTF8IsRejected() {
        #expect(throws: DocumentError.self) { try strict.read(bytes: [0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: DocumentError.self) { try strict.read(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22]) }
    }

    @Test func numbersCompareByValueAndKeepTheirLiteral() throws {
        let doc = try strict.read("[1, 1.0, 1e0, 10000000000000000000001, -0, 0.1]")
        #expect(doc.value[0] == doc.value[1])
        #expect(doc.value[1] == doc.value[2])
        #expect(doc.value[3]?.numberValue?.literal == "10000000000000000000001")
        #expect(doc.value[4] == 0)
        #expect(doc.value[1]?.numberValue?.isWhole == true)
        #expect(doc.value[5]?.numberValue?.isWhole == false)
    }

    @Test func sequenceReaderReadsConcatenatedValues() throws {
        let values = try strict.readSequence(bytes: Array("{\"a\": 1}\n[2]\n\"x\"\n".utf8))
        #expect(values == [["a": 1], [2], "x"])
        #expect(try strict.readSequence(bytes: Array("  \n".utf8)).isEmpty)
    }
}
