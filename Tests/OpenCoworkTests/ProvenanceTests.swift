import Testing
import Documents
@testable import OpenCowork

/// Provenance across several layers.
@Suite struct ProvenanceTests {
    @Test func historyChainsLayerByLayer() throws {
        let (result, findings, dir) = try LayerFixtures.load([
            ("a.json", #"{"x": {"v": 1}, "keep": true}"#),
            ("b.yaml", "x:\n  v: 2\n"),
            ("c.json", "{\n  \"x\": {\"v\": 3}\n}\n"),
        ])
        defer { dir.remove() }
        #expect(findings.isEmpty)
        let provenance = try #require(result?.provenance)
        let history = provenance.history(of: "/x/v")
        #expect(history.map(\.layerIndex) == [0, 1, 2])
        #expect(history.map(\.value) == [1, 2, 3])
        #expect(history.map(\.location.file) == ["a.json", "b.yaml", "c.json"])
        #expect(history[1].location == SourceLocation(file: "b.yaml", line: 2, column: 6))
        #expect(provenance.origin(of: "/keep")?.layerIndex == 0)
        #expect(provenance.layersTouching("/x") == [0, 1, 2])
        #expect(provenance.origin(of: "/absent") == nil)
        // A pointer without its own origin maps to its nearest ancestor's.
        #expect(provenance.location(of: "/x/v/deeper") == SourceLocation(file: "c.json", line: 2, column: 14))
    }

    @Test func replacedSubtreesForgetTheirOldChildren() throws {
        let (result, _, dir) = try LayerFixtures.load([
            ("a.json", #"{"x": {"old": 1}}"#),
            ("b.json", #"{"x": 5}"#),
            ("c.json", #"{"x": {"new": 2}}"#),
        ])
        defer { dir.remove() }
        let provenance = try #require(result?.provenance)
        #expect(result?.value["x"] == ["new": 2])
        #expect(provenance.history(of: "/x/old").isEmpty)
        #expect(provenance.history(of: "/x").map(\.layerIndex) == [0, 1, 2])
    }

    @Test func upsertAndRemoveKeepElementOrigins() throws {
        let (result, findings, dir) = try LayerFixtures.load([
            ("a.json", "{\"l\": [\n  {\"id\": \"p\", \"n\": 1},\n  {\"id\": \"q\", \"n\": 2},\n  {\"id\": \"r\", \"n\": 3}\n]}"),
            ("b.yaml", "l:\n  $remove: {key: id, values: [p]}\n"),
            ("c.yaml", "l:\n  $upsert:\n    key: id\n    items: [{id: q, n: 20}]\n"),
        ])
        defer { dir.remove() }
        #expect(findings.isEmpty)
        let provenance = try #require(result?.provenance)
        #expect(result?.value["l"]?.arrayValue?.count == 2)
        #expect(provenance.origin(of: "/l/0/n")?.location.file == "c.yaml")
        #expect(provenance.origin(of: "/l/1/n")?.location == SourceLocation(file: "a.json", line: 4, column: 20))
        #expect(provenance.history(of: "/l").compactMap(\.directive) == ["$remove", "$upsert"])
    }
}
