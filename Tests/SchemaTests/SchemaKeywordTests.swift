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
