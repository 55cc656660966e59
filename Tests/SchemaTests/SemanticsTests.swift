import Testing
import Documents
@testable import Schema

/// Corners where a naive validator goes wrong.
@Suite struct SemanticsTests {
    func schema(_ json: String) throws -> JSONSchema {
        let document = try DocumentLoader().parse(bytes: Array(json.utf8), format: .json, file: "schema.json")
        return try JSONSchema(compiling: document.value)
    }

    func value(_ json: String) throws -> JSONValue {
        try DocumentLoader().parse(bytes: Array(json.utf8), format: .json, file: "instance.json").value
    }

    @Test func integerMeansMathematicallyWhole() throws {
        let s = try schema(#"{"type": "integer"}"#)
        #expect(s.isValid(try value("1.0")))
        #expect(s.isValid(try value("1e2")))
        #expect(!s.isValid(try value("1.5")))
        #expect(s.validate(try value("\"1\"")).map(\.message) == ["must be integer"])
        #expect(try schema(#"{"type": ["string", "null"]}"#).validate(1).map(\.message) == ["must be string,null"])
    }

    @Test func lengthCountsCodePoints() throws {
        let s = try schema(#"{"minLength": 2, "maxLength": 2}"#)
        #expect(!s.isValid(.string("💩")))          // one code point (two UTF-16 units)
        #expect(s.isValid(.string("💩💩")))
        #expect(s.isValid(.string("e\u{301}")))     // two code points, one grapheme
        #expect(try schema(#"{"maxLength": 1}"#).validate(.string("ab")).map(\.message)
            == ["must NOT have more than 1 characters"])
        // One to four UTF-8 bytes per code point: every length agrees with Swift's own count.
        for text in ["", "a", "é", "e\u{301}", "€", "💩", "a💩é€\u{0}", String(repeating: "ß💩", count: 50)] {
            let count = text.unicodeScalars.count
            #expect(try schema(#"{"minLength": \#(count), "maxLength": \#(count)}"#).isValid(.string(text)), "\(text)")
            #expect(!(try schema(#"{"minLength": \#(count + 1)}"#).isValid(.string(text))), "\(text)")
            if count > 0 { #expect(!(try schema(#"{"maxLength": \#(count - 1)}"#).isValid(.string(text))), "\(text)") }
        }
    }

    @Test(arguments: [
        (#"^\d+$"#, "123", true), (#"^\d+$"#, "١٢٣", false),                 // Arabic-Indic digits are not \d
        (#"^\w+$"#, "abc_9", true), (#"^\w+$"#, "é", false),
        (#"^[\w-]+$"#, "a-b", true), (#"^[^\d]+$"#, "x٣", true),
        (#"^\s$"#, "\u{FEFF}", true), (#"^\s$"#, "\u{85}", false),
        (#"^\S$"#, "\u{A0}", false), (#"^[\S]$"#, "x", true),
        (#"^abc$"#, "abc\n", false), (#"abc$"#, "xabc", true),
        (#"^.$"#, "\u{85}", true), (#"^.$"#, "\n", false),
        (#"\bcat\b"#, "a cat!", true), (#"\bcat\b"#, "écat", true), (#"\Bcat"#, "bobcat", true),
        (#"^\u{1F600}$"#, "😀", true), (#"^\u0041$"#, "A", true),
        (#"^[^]$"#, "\n", true), (#"a[]"#, "a", false),
        (#"^a{2}$"#, "aa", true), (#"^a{$"#, "a{", true), (#"^[[]$"#, "[", true),
        (#"^\p{Letter}+$"#, "héllo", true), (#"^(?<x>a)\k<x>$"#, "aa", true),
        (#"^\p{gc=Lu}$"#, "É", true), (#"^\p{General_Category=Decimal_Number}$"#, "٣", true),
        (#"^\p{Lu}$"#, "é", false), (#"^\p{Script=Greek}$"#, "λ", true), (#"^[\p{Letter}\d]+$"#, "a1é", true),
        (#"^\p{Assigned}$"#, "\u{378}", false), (#"^\P{Assigned}$"#, "\u{378}", true),
        (#"^\v$"#, "\u{B}", true), (#"^\v$"#, "\n", false), (#"^\cJ$"#, "\n", true), (#"^\x41$"#, "A", true),
        (#"^a\.b\/c$"#, "a.b/c", true), (#"^[a\-z]+$"#, "-", true), (#"^(a)\1$"#, "aa", true), (#"^(?:(a)|b)\1$"#, "b", true),
        (#"^\uD83D\uDE00$"#, "😀", true), (#"^[\uD83D\uDE00x]$"#, "😀", true), (#"^\uD83D\uDE00$"#, "\u{FFFD}", false),
    ] as [(String, String, Bool)])
    func ecmaPatterns(pattern: String, text: String, matches: Bool) throws {
        let s = try JSONSchema(compiling: ["pattern": .string(pattern)])
        #expect(s.isValid(.string(text)) == matches, "\(pattern) on \(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func patternMessageAndInvalidPattern() throws {
        #expect(try schema(#"{"pattern": "^[a-z]+$"}"#).validate("ABC").map(\.message) == [#"must match pattern "^[a-z]+$""#])
        #expect(throws: SchemaError.self) { try JSONSchema(compiling: ["pattern": "(unclosed"]) }
    }

    /// Patterns compile on another thread while the compiler goes on; the error a schema
    /// gives must still be the one a sequential compile stops at.
    @Test func theFirstErrorMetIsReportedWhereverPatternsCompile() throws {
        func failure(_ json: String) throws -> SchemaError? {
            do { _ = try schema(json) } catch let error as SchemaError { return error }
            return nil
        }
        // An invalid pattern met before another error is reported, at its own place.
        let first = try #require(try failure(#"{"properties": {"a": {"pattern": "(unclosed"}, "b": {"minimum": "x"}}}"#))
        #expect(first.code == .schemaInvalidPattern)
        #expect(first.schemaPointer == JSONPointer(tokens: ["properties", "a", "pattern"]))
        // Another error met first wins over a later invalid pattern.
        let other = try #require(try failure(#"{"properties": {"a": {"minimum": "x"}, "b": {"pattern": "(unclosed"}}}"#))
        #expect(other.code == .schemaInvalidKeyword)
        // Of two invalid patterns the first met is named; a repeat is reported where it first appears.
        let twice = try #require(try failure(#"{"properties": {"a": {"pattern": "[z-a]"}, "b": {"pattern": "(unclosed"}, "c": {"pattern": "[z-a]"}}}"#))
        #expect(twice.message.contains("[z-a]"))
        #expect(twice.schemaPointer == JSONPointer(tokens: ["properties", "a", "pattern"]))
        // patternProperties keys too.
        let keyed = try #require(try failure(#"{"patternProperties": {"(x": {}}}"#))
        #expect(keyed.schemaPointer == JSONPointer(tokens: ["patternProperties", "(x"]))
        // Valid patterns are ready to match once compiling returns.
        let valid = try schema(#"{"patternProperties": {"^x-": {"type": "string"}}, "properties": {"id": {"pattern": "^[a-z]+$"}}}"#)
        #expect(valid.validate(try value(#"{"x-a": 1, "id": "ABC"}"#)).count == 2)
        #expect(valid.isValid(try value(#"{"x-a": "s", "id": "abc"}"#)))
    }

    /// Branches are first applied for their verdict only; the branch that is reported is
    /// described in full, messages and hints included, however deep the combinators nest.
    @Test func reportedBranchesAreDescribedInFull() throws {
        let named = #"{"type": "object", "properties": {"name": {"type": "string"}}, "additionalProperties": false, "required": ["name"]}"#
        let nested = try schema(#"{"anyOf": [{"oneOf": [\#(named), {"type": "string"}]}, {"type": "number"}]}"#)
        let violations = nested.validate(try value(#"{"nmae": "x"}"#))
        #expect(violations.map(\.keyword) == ["anyOf", "oneOf", "required", "additionalProperties"])
        let extra = try #require(violations.first { $0.keyword == "additionalProperties" })
        #expect(extra.message == "must NOT have additional property 'nmae' (did you mean 'name'?)")
        #expect(extra.suggestion == "rename 'nmae' to 'name'")
        #expect(extra.keywordPath == JSONPointer(tokens: ["anyOf", "0", "oneOf", "0", "additionalProperties"]))
        #expect(violations.allSatisfy { !$0.message.isEmpty })
        // `not` and `if` decide on verdicts alone and describe nothing they do not report.
        let gated = try schema(#"{"if": {"required": ["a"]}, "then": {"properties": {"a": {"enum": ["on", "off"]}}}, "not": {"type": "array"}}"#)
        #expect(gated.validate(try value(#"{"a": "onn"}"#)).map(\.message) == ["must be equal to one of the allowed values: on, off"])
        #expect(gated.validate(try value(#"{"a": "onn"}"#)).first?.suggestion == "did you mean 'on'?")
    }

    /// Escapes the `u` flag forbids make a pattern invalid, as in JavaScript, instead of
    /// taking the engine's meaning (`\Q` quoting, `\K` match reset, `\e` escape, ...).
    @Test(arguments: [#"\a"#, #"\e"#, #"\Q.\E"#, #"a\Kb"#, #"\u{110000}"#, #"\x4"#, #"\c1"#, #"\p{NoSuchProperty}"#,
                      #"\p{gc=Greek}"#, #"\p{}"#, #"[\B]"#, #"\01"#, #"(a)\2"#, #"\"#, #"\uD83D"#, #"\uDE00\uD83D"#])
    func forbiddenEscapes(pattern: String) throws {
        #expect(throws: SchemaError.self, "\(pattern)") { try JSONSchema(compiling: ["pattern": .string(pattern)]) }
    }

    /// A pattern that backtracks exponentially stops at the match limit with a violation
    /// that says so, for `pattern` and for `patternProperties` names alike, instead of
    /// running for hours (or passing a value nobody checked).
    @Test func catastrophicBacktrackingIsAViolationNotAHang() throws {
        let text = String(repeating: "a", count: 40) + "!"
        let violations = try schema(#"{"pattern": "^(a+)+$"}"#).validate(.string(text))
        #expect(violations.map(\.keyword) == ["pattern"])
        #expect(violations.first?.message.hasPrefix("cannot be checked against pattern \"^(a+)+$\": matching stopped") == true)
        let named = try schema(#"{"patternProperties": {"^(a+)+$": {"type": "string"}}, "additionalProperties": false}"#)
        let found = named.validate(.object(JSONObject([(text, .number(JSONNumber(1)))])))
        #expect(found.map(\.keyword) == ["patternProperties"], "\(found.map(\.message))")
        #expect(found.first?.message.hasPrefix("property name cannot be checked") == true)
        // A value the pattern decides quickly is unaffected.
        #expect(try schema(#"{"pattern": "^(a+)+$"}"#).isValid(.string(String(repeating: "a", count: 40))))
    }

    /// Several schemas compiling at once keep their own patterns and errors.
    @Test func concurrentCompilesKeepTheirOwnPatterns() async throws {
        let results = try await withThrowingTaskGroup(of: (Int, Bool, Bool).self) { group in
            for index in 0..<8 {
                group.addTask {
                    let bad = index % 2 == 0
                    let json = bad ? #"{"properties": {"p\#(index)": {"pattern": "(bad\#(index)"}}}"#
                        : #"{"properties": {"p\#(index)": {"pattern": "^v\#(index)$"}}}"#
                    do {
                        let compiled = try self.schema(json)
                        return (index, true, compiled.isValid(try self.value(#"{"p\#(index)": "v\#(index)"}"#)))
                    } catch let error as SchemaError {
                        return (index, false, error.message.contains("(bad\(index)"))
                    }
                }
            }
            var all: [(Int, Bool, Bool)] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 8)
        for (index, compiled, right) in results {
            #expect(compiled == (index % 2 == 1), "schema \(index)")
            #expect(right, "schema \(index)")
        }
    }

    @Test func multipleOfIsExactForDecimals() throws {
        let s = try schema(#"{"multipleOf": 0.0001}"#)
        #expect(s.isValid(try value("0.0075")))
        #expect(s.isValid(try value("19.99")))
        #expect(!s.isValid(try value("0.00751")))
        #expect(try schema(#"{"multipleOf": 0.01}"#).isValid(try value("4.35")))
        #expect(!(try schema(#"{"multipleOf": 0.123456789}"#).isValid(try value("1e308"))))
        #expect(try schema(#"{"multipleOf": 3}"#).validate(7).map(\.message) == ["must be multiple of 3"])
    }

    @Test func constAndEnumUseJSONEquality() throws {
        #expect(try schema(#"{"const": 1}"#).isValid(try value("1.0")))
        #expect(try schema(#"{"const": {"a": 1, "b": [1, 2]}}"#).isValid(try value(#"{"b": [1, 2.0], "a": 1}"#)))
        #expect(!(try schema(#"{"const": false}"#).isValid(0)))
        #expect(!(try schema(#"{"const": "é"}"#).isValid(.string("e\u{301}"))))
        #expect(try schema(#"{"enum": ["a", "b", 3]}"#).validate("c").map(\.message)
            == ["must be equal to one of the allowed values: a, b, 3"])
        #expect(!(try schema(#"{"uniqueItems": true}"#).isValid(try value("[1, 1.0]"))))
    }

    @Test func unevaluatedPropertiesSeesThroughAllOf() throws {
        let s = try schema(#"""
            {"allOf": [{"properties": {"a": {}}}, {"properties": {"b": {}}}],
             "properties": {"c": {}}, "unevaluatedProperties": false}
            """#)
        #expect(s.isValid(try value(#"{"a": 1, "b": 2, "c": 3}"#)))
        let violations = s.validate(try value(#"{"a": 1, "d": 4}"#))
        #expect(violations.map(\.instancePointer) == ["/d"])
        #expect(violations.first?.keyword == "unevaluatedProperties")
        // Annotations of a failing branch do not count.
        let anyOf = try schema(#"""
            {"anyOf": [{"properties": {"a": {"type": "string"}}, "required": ["a"]}, {"required": ["b"]}],
             "unevaluatedProperties": false}
            """#)
        #expect(!anyOf.isValid(try value(#"{"a": 1, "b": 2}"#)))
        #expect(anyOf.isValid(try value(#"{"a": "x"}"#)))
    }

    @Test func anyOfReportsOneViolationAndTheRelevantBranch() throws {
        let s = try schema(#"{"anyOf": [{"type": "string"}, {"type": "object", "required": ["id"]}]}"#)
        let violations = s.validate(try value("{}"))
        #expect(violations.map(\.keyword) == ["anyOf", "required"])
        #expect(s.validate(42).map(\.keyword) == ["anyOf"])
    }

    @Test func refCyclesAndDepthAreBounded() throws {
        let loop = try schema(##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##)
        #expect(!loop.isValid(1))
        let tree = try schema(##"{"type": "array", "items": {"$ref": "#"}}"##)
        var nested: JSONValue = []
        // Each level costs two evaluations (items, then the $ref back to the root).
        for _ in 0..<100 { nested = [nested] }
        #expect(tree.isValid(nested))
        for _ in 0..<100 { nested = [nested] }
        #expect(!tree.isValid(nested))  // deeper than the evaluator allows: a violation, not a crash
        #expect(throws: SchemaError.self) { try JSONSchema(compiling: ["$ref": "#/$defs/missing"]) }
    }

    @Test func refsResolveIdsAnchorsAndRegistry() throws {
        var registry = SchemaRegistry()
        registry.add(try value(#"{"$defs": {"port": {"type": "integer", "maximum": 65535}}}"#),
                     uri: "https://example.com/common.json")
        let root = try value(##"""
            {"$id": "https://example.com/root.json",
             "properties": {"port": {"$ref": "common.json#/$defs/port"}, "name": {"$ref": "#name"}},
             "$defs": {"n": {"$anchor": "name", "type": "string"}}}
            """##)
        let s = try JSONSchema(compiling: root, registry: registry)
        let violations = s.validate(["port": 70000, "name": 1])
        #expect(violations.map(\.keywordPath).sorted() == ["/$defs/n/type", "/$defs/port/maximum"])
    }

    @Test func additionalPropertiesSuggestsTheClosestName() throws {
        let s = try schema(#"{"properties": {"name": {}, "id": {}}, "additionalProperties": false}"#)
        let v = try #require(s.validate(["nmae": 1, "id": 2]).first)
        #expect(v.message == "must NOT have additional property 'nmae' (did you mean 'name'?)")
        #expect(v.instancePointer == "/nmae")
        let far = try #require(s.validate(["zzzzzz": 1]).first)
        #expect(far.suggestion == "remove 'zzzzzz'; allowed properties: name, id")
    }

    @Test func findingCodes() {
        #expect(SchemaViolation.kebab("additionalProperties") == "additional-properties")
        #expect(SchemaViolation.kebab("$ref") == "ref")
        #expect(SchemaViolation.kebab("minimum") == "minimum")
    }
}
