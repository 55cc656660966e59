import Testing
@testable import Documents

@Suite struct JSONPointerTests {
    // The example document of RFC 6901 §5.
    let document: JSONValue = [
        "foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5,
        "k\"l": 6, " ": 7, "m~n": 8,
    ]

    @Test(arguments: [
        ("", nil), ("/foo", nil), ("/foo/0", "bar"), ("/", 0), ("/a~1b", 1), ("/c%d", 2), ("/e^f", 3),
        ("/g|h", 4), ("/i\\j", 5), ("/k\"l", 6), ("/ ", 7), ("/m~0n", 8),
    ] as [(String, JSONValue?)])
    func resolvesTheRFCExamples(pointer: String, expected: JSONValue?) throws {
        let parsed = try JSONPointer(parsing: pointer)
        let value = try #require(parsed.resolve(in: document))
        if let expected { #expect(value == expected) }
        #expect(parsed.description == pointer)
    }

    @Test func rejectsMalformedPointers() {
        #expect(throws: JSONPointerError.self) { try JSONPointer(parsing: "foo") }
        #expect(throws: JSONPointerError.self) { try JSONPointer(parsing: "/a~2") }
    }

    @Test func arrayIndicesMustBeCanonical() throws {
        #expect(try JSONPointer(parsing: "/foo/01").resolve(in: document) == nil)
        #expect(try JSONPointer(parsing: "/foo/-").resolve(in: document) == nil)
        #expect(try JSONPointer(parsing: "/foo/2").resolve(in: document) == nil)
    }

    @Test func dottedFormMatchesUpstreamPaths() {
        let config: JSONValue = ["mcps": [["url": "x"], ["url": "y"]], "branding": ["sidebar": ["top": ["mediaSize": 8]]]]
        #expect(JSONPointer("/mcps/1/url").dotted(in: config) == "mcps[1].url")
        #expect(JSONPointer("/branding/sidebar/top/mediaSize").dotted(in: config) == "branding.sidebar.top.mediaSize")
    }

    @Test func buildsAndComparesPaths() {
        let p = JSONPointer.root / "a" / 0 / "b/c"
        #expect(p.description == "/a/0/b~1c")
        #expect(p.parent == JSONPointer(tokens: ["a", "0"]))
        #expect(p.hasPrefix("/a"))
        #expect(!JSONPointer("/ab").hasPrefix("/a"))
    }
}
