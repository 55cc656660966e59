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
        let text = manifest.text
        let again = try BuildManifest(json: try JSONReader().read(text).value)
        #expect(again == manifest)
    }

    /// A record keeps a 64-digit lowercase hex digest as 32 bytes: it must give back the
    /// very text it was given, and any other text unchanged, and compare as the texts do.
    @Test func aRecordGivesBackItsDigestTextExactly() throws {
        let hex = "00ff10a9b8c7d6e5f4031223344556677889900aabbccddeeff0123456789abc"
        let texts = [hex, hex.uppercased(), String(hex.dropLast()), hex + "0", "", "not-a-digest",
                     String(hex.dropLast()) + "g", String(repeating: "0", count: 64), String(repeating: "f", count: 64)]
        for text in texts {
            let record = BuildManifest.FileRecord(path: "a", sha256: text, size: 1)
            #expect(record.sha256 == text)
            var changed = record
            changed.sha256 = hex
            #expect(changed.sha256 == hex)
            for other in texts {
                let pair = BuildManifest.FileRecord(path: "a", sha256: other, size: 1)
                #expect((record == pair) == (text == other), "\(text) vs \(other)")
                if text == other { #expect(record.hashValue == pair.hashValue) }
            }
        }
        #expect(DigestText(hex) == .bytes(try #require(DigestBytes(lowercaseHex: hex))))
        #expect(DigestBytes(lowercaseHex: hex)?.hex == hex)
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
        #expect(try String(contentsOf: url, encoding: .utf8) == manifest.text)
        #expect(try BuildManifest(json: JSONReader().read(manifest.text).value) == manifest)
    }
}

@Suite struct ContentAddressedManifestTests {
    func record(_ path: String, _ digest: Character, mode: String? = "0644") -> BuildManifest.FileRecord {
        .init(path: path, sha256: String(repeating: String(digest), count: 64), size: 10, mode: mode)
    }

    var content: [BuildManifest.FileRecord] { [record("config.json", "a"), record("skills/x/SKILL.md", "b"), record("tool", "c", mode: "0755")] }

    func manifest() -> BuildManifest {
        let tree = content.map { record("etc/acme/" + $0.path, $0.sha256.first ?? "0", mode: $0.mode) } + [record("README.txt", "d")]
        return BuildManifest(
            toolVersion: "1", name: "n", version: "1.0.0", upstreamSource: "u", upstreamSHA256: "s", upstreamPinned: false,
            sourceDateEpoch: 0, targets: ["desktop"], placeholdersKept: [], placeholdersResolved: [], configSHA256: "c",
            inputs: [record("skills/x/SKILL.md", "b", mode: nil)], content: content,
            outputs: [.sharing(content, name: "root.zip", sha256: "1", size: 1, entries: content),
                      .sharing(content, name: "tree.tar.gz", sha256: "2", size: 2, entries: tree),
                      .sharing(content, name: "other.zip", sha256: "3", size: 3, entries: [record("only.txt", "a")])])
    }

    @Test func eachDigestIsWrittenOnceAndArchivesReferToTheSharedContent() throws {
        let m = manifest()
        let text = m.text
        for digest in ["a", "b", "c", "d"] {
            #expect(text.components(separatedBy: String(repeating: digest, count: 64)).count == 2, "digest \(digest) once")
        }
        #expect(text.contains("\"contentPrefix\": \"etc/acme/\""))
        #expect(text.contains("\"contentPrefix\": \"\""))
        #expect(!text.contains("etc/acme/skills"))
        let again = try BuildManifest(json: JSONReader().read(text).value)
        #expect(again == m)
        let tree = try #require(again.outputs.first { $0.name == "tree.tar.gz" }?.entries)
        #expect(tree.map(\.path) == ["README.txt", "etc/acme/config.json", "etc/acme/skills/x/SKILL.md", "etc/acme/tool"])
        #expect(tree.last?.mode == "0755")
    }

    /// An archive given as own entries plus a shared list under a prefix is recorded
    /// exactly as the same entries joined into one list.
    @Test(arguments: ["", "etc/acme/", "etc/"])
    func sharedListsRecordAsTheJoinedListWould(_ prefix: String) throws {
        let shared = Array(content.dropFirst()) + [record("extra.md", "e")]
        let cases: [[BuildManifest.FileRecord]] = [
            [record(prefix + "config.json", "a"), record("README.txt", "d")],      // covers content under the prefix
            [record(prefix + "config.json", "f")],                                  // a different config: no sharing
            [record("README.txt", "d")],                                            // config missing: no sharing
        ]
        let placed = BuildManifest.Output.PlacedRecords(records: shared, prefix: "x/").placed(under: prefix)
        for own in cases {
            let joined = own + shared.map { record(prefix + $0.path, $0.sha256.first ?? "0", mode: $0.mode) }
            let expected = BuildManifest.Output.sharing(content, name: "a", sha256: "1", size: 1, entries: joined)
            let split = BuildManifest.Output.sharing(content, name: "a", sha256: "1", size: 1, own: own, placed: placed)
            #expect(split == expected && split.ownEntries == expected.ownEntries && split.sharedPrefix == expected.sharedPrefix,
                    "\(own.map(\.path)) under '\(prefix)'")
        }
        let covering = BuildManifest.Output.sharing(content, name: "a", sha256: "1", size: 1, own: cases[0], placed: placed)
        #expect(covering.sharedPrefix == prefix)
        #expect(covering.ownEntries?.map(\.path) == ["README.txt", prefix + "extra.md"].sorted(by: ArchivePath.byteOrder))
    }

    @Test func anArchiveMissingOneContentFileListsItsEntries() throws {
        let partial = Array(content.dropLast())
        let output = BuildManifest.Output.sharing(content, name: "x.zip", sha256: "1", size: 1, entries: partial)
        #expect(output.entries == partial)
        #expect(output.ownEntries == partial)
    }

    @Test func formatOneManifestsStillRead() throws {
        let v1 = """
        {"formatVersion": 1, "tool": {"name": "cowork-dist", "version": "0.1"}, "distribution": {"name": "n", "version": "1"},
         "upstream": {"source": "u", "sha256": "s", "pinned": true}, "sourceDateEpoch": 0, "targets": [],
         "placeholders": {"kept": [], "resolved": []}, "config": {"sha256": "c"},
         "inputs": [{"path": "a.yaml", "sha256": "ff", "size": 2}],
         "content": [{"path": "config.json", "sha256": "ee", "size": 3, "mode": "0644"}],
         "outputs": [{"name": "x.zip", "sha256": "dd", "size": 9,
                      "entries": [{"path": "config.json", "sha256": "ee", "size": 3, "mode": "0644"}]}]}
        """
        let m = try BuildManifest(json: JSONReader().read(v1).value)
        #expect(m.outputs.first?.entries == [.init(path: "config.json", sha256: "ee", size: 3, mode: "0644")])
        #expect(m.inputs.first?.sha256 == "ff")
    }

    @Test func aDanglingDigestIndexIsRefused() throws {
        var text = manifest().text
        text = text.replacingOccurrences(of: "[\"skills/x/SKILL.md\", 1]", with: "[\"skills/x/SKILL.md\", 99]")
        let error = #expect(throws: PackagingError.self) { try BuildManifest(json: JSONReader().read(text).value, file: "m.json") }
        #expect(error?.message.contains("/inputs") == true)
    }
}
