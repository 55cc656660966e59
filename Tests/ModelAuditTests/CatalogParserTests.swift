import Foundation
import Testing
import Documents
import TestSupport
@testable import ModelAudit

@Suite("Catalog parsing")
struct CatalogParserTests {
    @Test func readsOpenRouterShapeWithFieldsAndDates() throws {
        let body = CatalogFixtures.openRouter([("a/one", 128_000, nil), ("a/two", nil, "2026-02-01T00:00:00Z")])
        let spec = try #require(CatalogSpec(dynamicCatalog: ["url": "https://x/models", "responsePath": "data"]))
        let catalog = try CatalogParser(spec: spec).parse(Array(body.utf8), provider: "openrouter")
        #expect(catalog.count == 2)
        #expect(catalog["a/one"]?.contextLength == 128_000)
        #expect(catalog["a/one"]?.name == "a/one (test)")
        #expect(catalog["a/two"]?.expirationDate == "2026-02-01")
        #expect(catalog["a/two"]?.expirationField == "expiration_date")
        #expect(spec.cacheTtlMinutes == 60 && spec.idField == "id" && spec.contextLengthField == "context_length")
    }

    @Test func followsCustomFieldsAndNestedPath() throws {
        let body = #"{"result":{"items":[{"slug":"m-1","ctx":9,"deprecated_at":1767225600},{"slug":"m-2"},{"name":"no id"}]}}"#
        let spec = CatalogSpec(responsePath: "result.items", idField: "slug", contextLengthField: "ctx")
        let catalog = try CatalogParser(spec: spec).parse(Array(body.utf8), provider: "p")
        #expect(catalog.sortedIDs == ["m-1", "m-2"])
        #expect(catalog["m-1"]?.contextLength == 9)
        #expect(catalog["m-1"]?.expirationDate == "2026-01-01")
        #expect(catalog["m-1"]?.expirationField == "deprecated_at")
    }

    @Test func bareArrayWithoutResponsePath() throws {
        let catalog = try CatalogParser(spec: CatalogSpec()).parse(Array(#"[{"id":"x"},{"id":"x"},{"id":"y"}]"#.utf8), provider: "p")
        #expect(catalog.count == 2)
    }

    @Test(arguments: [
        (#"{"data":[]}"#, CatalogSpec(), "expected an array"),
        (#"{"data":{}}"#, CatalogSpec(responsePath: "data"), "not an array"),
        (#"{"models":[]}"#, CatalogSpec(responsePath: "data"), "does not exist"),
        (#"{"data":["#, CatalogSpec.detected, "not JSON"),
    ])
    func rejectsBodiesThatDoNotMatchTheSpec(_ item: (body: String, spec: CatalogSpec, message: String)) {
        let error = #expect(throws: CatalogParseError.self) {
            _ = try CatalogParser(spec: item.spec).parse(Array(item.body.utf8), provider: "p")
        }
        #expect(error?.message.contains(item.message) == true, "\(String(describing: error))")
    }

    @Test func detectedShapeAcceptsDataOrModels() throws {
        for body in [#"{"data":[{"id":"a"}]}"#, #"{"models":[{"id":"a"}]}"#, #"[{"id":"a"}]"#] {
            #expect(try CatalogParser(spec: .detected).parse(Array(body.utf8), provider: "p").contains("a"))
        }
    }

    @Test func calendarArithmetic() {
        #expect(CatalogDate.day(fromEpochSeconds: 0) == "1970-01-01")
        #expect(CatalogDate.day(fromEpochSeconds: 951_782_400) == "2000-02-29")
        #expect(CatalogDate.day(from: .number(JSONNumber(1_767_225_600_000))) == "2026-01-01")
        #expect(CatalogDate.isDay("2026-03-01"))
        #expect(!CatalogDate.isDay("2026-13-01"))
        #expect(!CatalogDate.isDay("soon"))
    }

    @Test func prefixRangesComeFromSortedIds() {
        let catalog = Catalog(provider: "p", entries: ["b/x", "a/z", "a/y1", "a/y", "c"].map { CatalogEntry(id: $0) })
        #expect(Array(catalog.ids(withPrefix: "a/", limit: 10)) == ["a/y", "a/y1", "a/z"])
        #expect(Array(catalog.ids(withPrefix: "a/", limit: 2)) == ["a/y", "a/y1"])
        #expect(catalog.ids(withPrefix: "zz", limit: 10).isEmpty)
    }
}

/// `Catalog.sortedByUTF8` orders ids as their UTF-8 bytes do, whatever they hold.
@Suite struct CatalogSortTests {
    @Test func sortedIDsFollowUTF8ByteOrder() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [String] = ["a", "b", "A", "-", "/", "0", "é", "€", "🚀", "z", "ab"]
        let ids = (0..<500).map { _ in
            (0..<Int.random(in: 1...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "a" }.joined()
        }
        let expected = ids.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(Catalog.sortedByUTF8(ids) == expected)
        #expect(Catalog.sortedByUTF8([]) == [])
        let catalog = Catalog(provider: "p", entries: Set(ids).map { CatalogEntry(id: $0) })
        #expect(catalog.sortedIDs == Array(Set(ids)).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        let prefixed = catalog.ids(withPrefix: "é", limit: 1000)
        #expect(Array(prefixed) == catalog.sortedIDs.filter { $0.utf8.starts(with: "é".utf8) })
    }
}

/// Records are turned into entries while the body is read: the array the shape rules
/// pick is the one whose entries are kept, whatever else the body holds.
@Suite struct CatalogStreamingTests {
    @Test func theChosenArrayDecidesEvenWithRepeatedAndNestedKeys() throws {
        let repeated = #"{"data": [{"id": "old"}], "models": [{"id": "m"}], "data": [{"id": "new"}, {"name": "no id"}]}"#
        let catalog = try CatalogParser(spec: .detected).parse(Array(repeated.utf8), provider: "p")
        #expect(catalog.sortedIDs == ["new"])
        let nested = #"{"x": {"data": [{"id": "inner"}]}, "models": [{"id": "m1"}, {"id": "m2"}]}"#
        #expect(try CatalogParser(spec: .detected).parse(Array(nested.utf8), provider: "p").sortedIDs == ["m1", "m2"])
        let dataNotArray = #"{"data": 5, "models": [{"id": "m"}]}"#
        #expect(try CatalogParser(spec: .detected).parse(Array(dataNotArray.utf8), provider: "p").sortedIDs == ["m"])
    }

    @Test func aResponsePathNamesTheArray() throws {
        var spec = CatalogSpec()
        spec.responsePath = "result.items"
        let body = #"{"data": [{"id": "no"}], "result": {"items": [{"id": "b"}, {"id": "a"}]}}"#
        let catalog = try CatalogParser(spec: spec).parse(Array(body.utf8), provider: "p")
        #expect(catalog.sortedIDs == ["a", "b"])
    }
}
