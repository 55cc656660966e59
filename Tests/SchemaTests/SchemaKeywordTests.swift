import Testing
import Documents
@testable import Schema

/// The compiler's keyword table: each keyword found by its spelling, absent members
/// absent (not JSON null), present nulls present.
@Suite struct SchemaKeywordTests {
    @Test func everyKeywordIsFoundByItsSpellingAndNoOther() {
        #expect(SchemaKeyword.byName.count == SchemaKeyword.allCases.count)
        for keyword in SchemaKeyword.allCases {
            #expect(SchemaKeyword.byName[keyword.name] == keyword)
            var object = JSONObject()
            object[keyword.name] = .string("here")
            object["x-" + keyword.name] = 1
            let members = SchemaKeywordMembers(object)
            #expect(members[keyword] == .string("here"), "\(keyword.name)")
            for other in SchemaKeyword.allCases where other != keyword {
                #expect(members[other] == nil, "\(other.name) found in an object holding only \(keyword.name)")
            }
        }
    }

    /// The keyword table finds exactly its entries: not prefixes, extensions, case
    /// variants or keys beyond the longest keyword, and every entry despite collisions
    /// (the subschema table's 20 keywords in 128 slots, and many keys per slot probed).
    @Test func keywordTableFindsExactlyItsEntries() {
        #expect(SubschemaKeywords.kinds.count == SubschemaKeywords.single.count + SubschemaKeywords.map.count
                + SubschemaKeywords.list.count)
        for keyword in SubschemaKeywords.map { #expect(SubschemaKeywords.kinds[keyword] == .map, "\(keyword)") }
        for keyword in SubschemaKeywords.list { #expect(SubschemaKeywords.kinds[keyword] == .list, "\(keyword)") }
        for keyword in SubschemaKeywords.single { #expect(SubschemaKeywords.kinds[keyword] == .single, "\(keyword)") }
        for miss in ["", "propertie", "propertiesX", "Properties", "$ref", "description", "x-not",
                     String(repeating: "a", count: 200), "ñot", "not "] {
            #expect(SubschemaKeywords.kinds[miss] == nil, "\(miss)")
        }
        // A dense table of many one-letter keys: every one found, every other letter not.
        let letters = (0..<26).map { String(UnicodeScalar(UInt8(97 + $0))) }
        let dense = KeywordTable(letters.enumerated().map { ($0.element, $0.offset) })
        for (value, key) in letters.enumerated() { #expect(dense[key] == value) }
        for miss in ["A", "Z", "aa", "0"] { #expect(dense[miss] == nil) }
    }

    /// Keywords standing far into a large object (one with a key index) are found too.
    @Test func keywordsFarIntoALargeObjectAreFound() {
        var object = JSONObject()
        for index in 0..<300 { object["x-\(index)"] = .number(JSONNumber(index)) }
        object["type"] = "string"
        object["minLength"] = 3
        let members = SchemaKeywordMembers(object)
        #expect(members[.type] == .string("string"))
        #expect(members[.minLength] == .number(JSONNumber(3)))
        #expect(members[.maxLength] == nil)
    }

    @Test func aNullMemberIsNotAnAbsentOne() throws {
        let object = try #require(JSONReader().read(#"{"const": null, "type": "null"}"#).value.objectValue)
        let members = SchemaKeywordMembers(object)
        #expect(members[.const] == .some(.null))
        #expect(members[.ref] == .none)
        #expect(members[.enum] == .none)
        // And the compiled schema tells them apart: const null rejects 0, accepts null.
        let schema = try JSONSchema(compiling: .object(object))
        #expect(schema.validate(.null).isEmpty)
        #expect(!schema.validate(0).isEmpty)
        let noConst = try JSONSchema(compiling: ["type": ["null", "number"]])
        #expect(noConst.validate(0).isEmpty)
    }
}

/// The out-of-line keywords of a compiled node keep value semantics.
@Suite struct SchemaNodeRareKeywordTests {
    @Test func aNodeWithoutRareKeywordsHasNoBoxAndCopiesDoNotShareWrites() {
        var node = SchemaNode(pointer: "/a")
        node.minLength = nil
        node.prefixItems = []
        #expect(node.rare == nil, "writing defaults must not allocate the box")
        node.minLength = 2
        node.minimum = JSONNumber(3)
        var copy = node
        copy.minLength = 5
        copy.maxLength = 9
        #expect(node.minLength == 2 && node.maxLength == nil && node.minimum == JSONNumber(3))
        #expect(copy.minLength == 5 && copy.maxLength == 9 && copy.minimum == JSONNumber(3))
        copy.minLength = nil
        #expect(copy.minLength == nil && node.minLength == 2)
    }

    @Test func compiledRareKeywordsStillApply() throws {
        let schema = try JSONSchema(compiling: try JSONReader().read(#"""
            {"type": "object", "minProperties": 1, "properties": {"n": {"minimum": 2, "multipleOf": 2},
             "s": {"minLength": 2}, "a": {"prefixItems": [{"const": 1}], "contains": {"const": 1}, "maxItems": 2}},
             "dependentRequired": {"x": ["z"]}, "not": {"required": ["x"]}}
            """#).value)
        #expect(schema.validate(try JSONReader().read(#"{"n": 4, "s": "ab", "a": [1]}"#).value).isEmpty)
        let keywords = Set(schema.validate(try JSONReader().read(#"{"n": 3, "s": "a", "a": [2, 3, 4], "x": 0}"#).value)
            .map(\.keyword))
        #expect(keywords.isSuperset(of: ["multipleOf", "minLength", "const", "contains", "maxItems", "dependentRequired", "not"]))
        #expect(!schema.validate(try JSONReader().read("{}").value).isEmpty)
    }
}
