import Testing
@testable import Documents

@Suite struct YAMLReaderTests {
    let reader = YAMLReader()

    @Test func coreSchemaTypesOnlyCorePlainScalars() throws {
        let doc = try reader.read("""
            t: true
            f: False
            n1: null
            n2: ~
            n3:
            yes: yes
            no: no
            on: off
            i: -12
            oct: 0o17
            hex: 0x1F
            lead: 007
            fl: 1.5e3
            dot: .5
            trail: 1.
            quoted: "true"
            single: '12'
            version: 1.2.3
            tagged: !!str 12
            """)
        let v = doc.value
        #expect(v["t"] == true)
        #expect(v["f"] == false)
        #expect(v["n1"] == .null && v["n2"] == .null && v["n3"] == .null)
        #expect(v["yes"] == "yes" && v["no"] == "no" && v["on"] == "off")
        #expect(v["i"] == -12)
        #expect(v["oct"] == 15)
        #expect(v["hex"] == 31)
        #expect(v["lead"]?.numberValue?.literal == "7")
        #expect(v["fl"]?.numberValue?.literal == "1.5e3")
        #expect(v["dot"]?.numberValue?.literal == "0.5")
        #expect(v["trail"]?.numberValue?.literal == "1.0")
        #expect(v["quoted"] == "true" && v["single"] == "12")
        #expect(v["version"] == "1.2.3")
        #expect(v["tagged"] == "12")
    }

    @Test func scalarKeysBecomeTheirText() throws {
        let doc = try reader.read("1: a\ntrue: b\n1.50: c\n")
        guard case .object(let object) = doc.value else { Issue.record("not an object"); return }
        #expect(object.keys == ["1", "true", "1.50"])
    }

    @Test func recordsPositionsForEveryNode() throws {
        let doc = try reader.read("branding:\n  name: Acme\n  list:\n    - one\n    - two\n", file: "o.yaml")
        #expect(doc.sourceMap["/branding"]?.key == SourceLocation(file: "o.yaml", line: 1, column: 1))
        #expect(doc.sourceMap["/branding/name"]?.value == SourceLocation(file: "o.yaml", line: 2, column: 9))
        #expect(doc.sourceMap["/branding/name"]?.key == SourceLocation(file: "o.yaml", line: 2, column: 3))
        #expect(doc.sourceMap["/branding/list/1"]?.value == SourceLocation(file: "o.yaml", line: 5, column: 7))
    }

    @Test func valuesJSONCannotHoldAreErrorsWithPositions() {
        let inf = #expect(throws: DocumentError.self) { try reader.read("a:\n  b: .inf\n", file: "x.yaml") }
        #expect(inf?.location == SourceLocation(file: "x.yaml", line: 2, column: 6))
        #expect(throws: DocumentError.self) { try reader.read("a: .nan\n") }
        let complex = #expect(throws: DocumentError.self) { try reader.read("? [a, b]\n: c\n") }
        #expect(complex?.code == "yaml-complex-key")
    }

    @Test func duplicateKeysAreErrors() {
        let error = #expect(throws: DocumentError.self) { try reader.read("a: 1\nb: 2\na: 3\n", file: "d.yaml") }
        #expect(error?.code == "yaml-duplicate-key")
        #expect(error?.location == SourceLocation(file: "d.yaml", line: 3, column: 1))
        #expect(error?.message.contains("first at 1:1") == true)
    }

    @Test func syntaxErrorsReportLibyamlPosition() {
        let error = #expect(throws: DocumentError.self) { try reader.read("a: [1, 2\nb: 3\n", file: "s.yaml") }
        #expect(error?.code == "yaml-syntax")
        #expect(error?.location.file == "s.yaml")
        #expect(error?.location.line == 2)
    }

    @Test func exactlyOneDocumentPerConfigFile() throws {
        let two = #expect(throws: DocumentError.self) { try reader.read("a: 1\n---\nb: 2\n", file: "m.yaml") }
        #expect(two?.code == "yaml-document-count")
        #expect(two?.location.line == 3)
        #expect(throws: DocumentError.self) { try reader.read("") }
        #expect(try reader.readAll("a: 1\n---\nb: 2\n").map(\.value) == [["a": 1], ["b": 2]])
    }

    @Test func aliasesExpandAndAliasBombsAreRefused() throws {
        let doc = try reader.read("base: &b {x: 1}\ncopy: *b\n")
        #expect(doc.value["copy"] == ["x": 1])
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<9 {
            let prev = Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(level - 1)))
            let name = Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(level)))
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(prev)", count: 10).joined(separator: ", ") + "]\n"
        }
        let error = #expect(throws: DocumentError.self) { try reader.read(bomb) }
        #expect(error?.code == "yaml-alias-bomb")
    }

    @Test func mergeKeysMergeWithExplicitKeysWinning() throws {
        let doc = try reader.read("""
            x-defaults: &d {a: 1, b: 2}
            x-more: &m {b: 3, c: 4}
            item:
              <<: [*d, *m]
              b: 9
            """)
        #expect(doc.value["item"] == ["a": 1, "b": 9, "c": 4])
        let strict = YAMLReader(mergeKeys: false)
        #expect(try strict.read("a:\n  <<: {x: 1}\n").value["a"]?["<<"] == ["x": 1])
        let bad = #expect(throws: DocumentError.self) { try reader.read("a:\n  <<: 3\n") }
        #expect(bad?.code == "yaml-merge")
    }

    @Test func depthLimitIsAClearError() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        let error = #expect(throws: DocumentError.self) { try reader.read(deep) }
        #expect(error?.code == "nesting-too-deep")
    }
}

@Suite struct FrontMatterTests {
    @Test func readsFrontMatterWithFileLineNumbers() throws {
        let text = "---\nname: clock\ndescription: Tells the time.\n---\n\n# Clock\n"
        let doc = try #require(try FrontMatter.parse(text, file: "SKILL.md"))
        #expect(doc.value == ["name": "clock", "description": "Tells the time."])
        #expect(doc.sourceMap["/description"]?.key == SourceLocation(file: "SKILL.md", line: 3, column: 1))
    }

    @Test func absentUnterminatedAndInvalidFrontMatter() {
        #expect((try? FrontMatter.parse("# No front matter\n", file: "a.md")) == nil)
        let open = #expect(throws: DocumentError.self) { try FrontMatter.parse("---\nname: x\n", file: "b.md") }
        #expect(open?.code == "front-matter-unterminated")
        let bad = #expect(throws: DocumentError.self) { try FrontMatter.parse("---\nname: [x\n---\n", file: "c.md") }
        #expect(bad?.location.file == "c.md")
    }
}
