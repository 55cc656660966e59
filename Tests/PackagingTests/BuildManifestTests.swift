import Foundation
import Documents
import Testing
@testable import Packaging

@Suite struct BuildManifestTests {
    let manifest = BuildManifest(
        toolVersion: "0.1.0", name: "acme", version: "1.0.0", upstreamSource: "../up", upstreamSHA256: "ab",
        upstreamPinned: true, sourceDateEpoch: 315_532_800, targets: ["desktop"], placeholdersKept: ["Z", "A"],
        placeholdersResolved: ["R"], configSHA256: "cd",
        inputs: [.init(path: "overlays/b.yaml", sha256: "1", size: 1), .init(path: "distribution.yaml", sha256: "2", size: 2)],
        content: [.init(path: "config.json", sha256: "3", size: 3, mode: "0644")],
        outputs: [.init(name: "acme.zip", sha256: "4", size: 4, entries: [.init(path: "config.json", sha256: "3", size: 3, mode: "0644")]),
                  .init(name: "SHA256SUMS", sha256: "5", size: 5)])

    @Test func listsAreSortedAndTheJSONReadsBack() throws {
        #expect(manifest.inputs.map(\.path) == ["distribution.yaml", "overlays/b.yaml"])
        #expect(manifest.placeholdersKept == ["A", "Z"])
        #expect(manifest.outputs.map(\.name) == ["SHA256SUMS", "acme.zip"])
        let text = JSONWriter().string(manifest.json)
        let again = try BuildManifest(json: try JSONReader().read(text).value)
        #expect(again == manifest)
    }

    @Test func aForeignDocumentNamesTheMissingField() throws {
        var json = manifest.json
        if case .object(var object) = json { object["distribution"] = ["name": "x"]; json = .object(object) }
        let error = #expect(throws: PackagingError.self) { try BuildManifest(json: json, file: "m.json") }
        #expect(error?.message.contains("/distribution/version") == true)
    }
}

@Suite struct BuildManifestStreamingTests {
    @Test(arguments: [0, 1, 3])
    func streamedFileEqualsTheCanonicalText(outputCount: Int) throws {
        let record = BuildManifest.FileRecord(path: "a/b.md", sha256: "ff", size: 3, mode: "0644")
        let outputs = (0..<outputCount).map {
            BuildManifest.Output(name: "o\($0).zip", sha256: "aa", size: $0, entries: $0 == 1 ? nil : [record, record])
        }
        let manifest = BuildManifest(
            toolVersion: "1", name: "n", version: "1.0.0", upstreamSource: "u", upstreamSHA256: "s", upstreamPinned: false,
            sourceDateEpoch: 0, targets: [], placeholdersKept: [], placeholdersResolved: ["X"], configSHA256: "c",
            inputs: [], content: [record], outputs: outputs)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try manifest.write(to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == JSONWriter().string(manifest.json))
    }
}
