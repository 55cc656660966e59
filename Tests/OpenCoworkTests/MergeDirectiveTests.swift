import Testing
import Documents
import Diagnostics
@testable import OpenCowork

/// List directives ($append, $prepend, $upsert, $remove, $delete) and their errors.
@Suite struct MergeDirectiveTests {
    let base = """
        {
          "list": ["a", "b"],
          "items": [{"id": "x", "v": 1}, {"id": "y", "v": 2}],
          "keep": {"gone": 1, "stay": 2},
          "scalar": "text"
        }
        """

    func run(_ overlay: String, name: String = "over.yaml") throws -> (JSONValue?, [Finding], PipelineResult?) {
        let (result, findings, dir) = try LayerFixtures.load([("base.json", base), (name, overlay)])
        defer { dir.remove() }
        return (result?.value, findings, result)
    }

    func compact(_ value: JSONValue?) -> String { value.map { JSONWriter.compact.string($0) } ?? "nil" }

    @Test func appendAndPrepend() throws {
        let (value, findings, result) = try run("list: {$append: [c, d]}\nitems: {$prepend: [{id: w}]}\n")
        #expect(findings.isEmpty)
        #expect(compact(value?["list"]) == #"["a","b","c","d"]"#)
        #expect(compact(value?["items"]) == #"[{"id":"w"},{"id":"x","v":1},{"id":"y","v":2}]"#)
        // Provenance follows elements to their new index.
        let moved = try #require(result?.provenance.origin(of: "/items/1/v"))
        #expect(moved.layerIndex == 0 && moved.location.line == 3)
        let added = try #require(result?.provenance.origin(of: "/list/2"))
        #expect(added.layerIndex == 1 && added.location.file == "over.yaml" && added.location.line == 1)
        #expect(result?.provenance.origin(of: "/list")?.directive == "$append")
    }

    @Test func upsertReplacesByKeyAndAppendsNew() throws {
        let (value, findings, _) = try run("items:\n  $upsert:\n    key: id\n    items:\n      - {id: y, v: 20}\n      - {id: z, v: 3}\n")
        #expect(findings.isEmpty)
        #expect(compact(value?["items"]) == #"[{"id":"x","v":1},{"id":"y","v":20},{"id":"z","v":3}]"#)
    }

    @Test func removeByKeyAndByValue() throws {
        let (value, findings, _) = try run("items: {$remove: {key: id, values: [x]}}\nlist: {$remove: {values: [a]}}\n")
        #expect(findings.isEmpty)
        #expect(compact(value?["items"]) == #"[{"id":"y","v":2}]"#)
        #expect(compact(value?["list"]) == #"["b"]"#)
    }

    @Test func deleteRemovesTheMember() throws {
        let (value, findings, result) = try run("keep:\n  gone: {$delete: true}\n")
        #expect(findings.isEmpty)
        #expect(compact(value?["keep"]) == #"{"stay":2}"#)
        let history = result?.provenance.history(of: "/keep/gone") ?? []
        #expect(history.count == 2 && history.last?.value == nil && history.last?.directive == "$delete")
    }

    @Test func directivesNeverReachTheOutput() throws {
        let (value, _, _) = try run("list: {$append: [z]}\nkeep: {stay: {$delete: true}}\n")
        #expect(!compact(value).contains("$"))
    }

    @Test func directiveAgainstANonArrayIsAnErrorAtItsKey() throws {
        let (value, findings, _) = try run("# comment\nscalar:\n  $append: [1]\n")
        let finding = try #require(findings.first)
        #expect(finding.code == "directive-target" && finding.severity == .error)
        #expect(finding.location == SourceLocation(file: "over.yaml", line: 3, column: 3))
        #expect(value?["scalar"] == "text")
    }

    @Test func unknownDirectiveSuggestsTheNearest() throws {
        let (_, findings, _) = try run("list:\n  $apend: [c]\n")
        let finding = try #require(findings.first)
        #expect(finding.code == "directive-unknown")
        #expect(finding.message.contains("did you mean '$append'"))
        #expect(finding.location?.line == 2 && finding.location?.column == 3)
    }

    @Test func upsertItemWithoutTheKeyIsAnError() throws {
        let overlay = """
            {
              "items": {"$upsert": {"key": "id", "items": [
                {"id": "x"},
                {"name": "no id"}
              ]}}
            }
            """
        let (_, findings, _) = try run(overlay, name: "over.json")
        let finding = try #require(findings.first)
        #expect(finding.code == "directive-upsert-key")
        #expect(finding.location == SourceLocation(file: "over.json", line: 4, column: 5))
    }

    @Test func mixedDirectiveObjectIsAnError() throws {
        let (_, findings, _) = try run("list: {$append: [c], other: 1}\n")
        #expect(findings.map(\.code) == ["directive-mixed"])
    }

    @Test func dollarSchemaBesideOrdinaryKeysIsData() throws {
        let (value, findings, _) = try run("keep: {$schema: x, more: 1}\n")
        #expect(findings.isEmpty)
        #expect(value?["keep"]?["$schema"] == "x")
    }
}

@Suite struct LayerSchemaViewTests {
    let layer: JSONValue = [
        "agents": ["$append": [["name": "a", "model": 3]]],
        "tools": ["$upsert": ["key": "id", "items": [["id": "t"]]]],
        "skills": ["$remove": ["key": "sourceName", "values": ["x"]]],
        "branding": ["appIcon": ["$delete": true], "name": "Acme"],
    ]

    @Test func directivesShowAsTheElementsTheyAdd() {
        let view = LayerSchemaView.view(of: layer)
        #expect(view["agents"] == [["name": "a", "model": 3]])
        #expect(view["tools"] == [["id": "t"]])
        #expect(view["skills"] == nil)
        #expect(view["branding"] == ["name": "Acme"])
    }

    @Test func pointersMapBackThroughDirectives() {
        #expect(LayerSchemaView.originalPointer("/agents/0/model", in: layer) == "/agents/$append/0/model")
        #expect(LayerSchemaView.originalPointer("/tools/0/id", in: layer) == "/tools/$upsert/items/0/id")
        #expect(LayerSchemaView.originalPointer("/branding/name", in: layer) == "/branding/name")
    }
}
