import Documents
import Foundation
import Testing
@testable import Schema

/// Regression cases for numbers and arrays from hostile instances and schemas.
@Suite struct SchemaRobustnessTests {
    func schema(_ text: String) throws -> JSONSchema {
        try JSONSchema(compiling: try DocumentLoader().parse(bytes: Array(text.utf8), format: .json, file: "s.json").value)
    }

    func value(_ text: String) throws -> JSONValue {
        try DocumentLoader().parse(bytes: Array(text.utf8), format: .json, file: "i.json").value
    }

    @Test(arguments: ["0", "-1", "-0.5", "0e5", "0.000"])
    func multipleOfMustBePositive(_ divisor: String) throws {
        #expect(throws: SchemaError.self) { try schema("{\"multipleOf\": \(divisor)}") }
    }

    @Test func int64MinimumDividesWithoutTrapping() throws {
        let one = try schema(#"{"multipleOf": 1}"#)
        #expect(one.validate(try value("-9223372036854775808")).isEmpty)
        let three = try schema(#"{"multipleOf": 3}"#)
        #expect(three.validate(try value("-9223372036854775808")).count == 1)
        #expect(MultipleOf.isMultiple(JSONNumber(literal: "-9223372036854775808"), of: JSONNumber(literal: "-1")))
    }

    @Test func integerTypeWithHugeExponents() throws {
        let integer = try schema(#"{"type": "integer"}"#)
        #expect(integer.validate(try value("1.5e-9223372036854775808")).count == 1)
        // No trap on the exponent; as in JavaScript the value is Infinity, which Ajv's
        // strictNumbers (upstream's strict mode) refuses for every number type.
        #expect(integer.validate(try value("1e9223372036854775807")).count == 1)
    }

    @Test func uniqueItemsUsesJSONEquality() throws {
        let unique = try schema(#"{"uniqueItems": true}"#)
        #expect(unique.validate(try value(#"[1, 1.0]"#)).count == 1)
        #expect(unique.validate(try value(#"[{"a": 1, "b": [2]}, {"b": [2.0], "a": 1}]"#)).count == 1)
        #expect(unique.validate(try value(#"["\u00e9", "e\u0301"]"#)).isEmpty)
        #expect(unique.validate(try value(#"[[1, 2], [2, 1], {"a": 1}, {"a": "1"}, null, false, 0]"#)).isEmpty)
        let items = (0..<20_000).map { "{\"id\": \($0)}" }.joined(separator: ",")
        let violations = unique.validate(try value("[\(items), {\"id\": 19999}]"))
        #expect(violations.count == 1)
        #expect(violations.first?.message.contains("items ## 20000 and 19999") == true, "\(violations)")
    }
}
