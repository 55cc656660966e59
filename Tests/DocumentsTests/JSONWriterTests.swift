import Testing
@testable import Documents

@Suite struct JSONWriterTests {
    @Test func writesTwoSpaceIndentKeyOrderAndTrailingNewline() {
        let value: JSONValue = ["b": [1, "x"], "a": [:], "c": [], "d": ["e": nil, "f": true]]
        let expected = """
            {
              "b": [
                1,
                "x"
              ],
              "a": {},
              "c": [],
              "d": {
                "e": null,
                "f": true
              }
            }

            """
        #expect(JSONWriter().string(value) == expected)
    }

    @Test func escapesLikeJSONStringify() {
        #expect(JSONWriter.quoted("a\"b\\c\n\t\u{01}\u{1F}é/") == #""a\"b\\c\n\t\u0001\u001fé/""#)
    }

    @Test func compactFormHasNoWhitespace() {
        #expect(JSONWriter.compact.string(["a": [1, 2], "b": "c"]) == #"{"a":[1,2],"b":"c"}"#)
    }

    @Test func numbersAreWrittenWithoutDrift() throws {
        let text = "[0.1, 1.0, 1e400, -0, 12345678901234567890, 2.5E-7]"
        let doc = try JSONReader().read(text)
        let written = JSONWriter.compact.string(doc.value)
        #expect(written == "[0.1,1.0,1e400,-0,12345678901234567890,2.5E-7]")
    }

    @Test(arguments: [
        #"{"a": [1, {"b": null}], "c": "é\u0000", "d": 1.25}"#,
        #"[[], {}, "", 0, -1.5e-3, true, false, null]"#,
        #""just a string""#,
    ])
    func outputReReadsToTheSameValue(text: String) throws {
        let value = try JSONReader().read(text).value
        let again = try JSONReader().read(JSONWriter().string(value)).value
        #expect(again == value)
        #expect(JSONWriter().string(again) == JSONWriter().string(value))
    }
}
