import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestSupport

/// The hostile regression corpus: the committed files under Tests/Fixtures/hostile/
/// (documents, schema/instance pairs, policies, SVGs, fuzz findings) and the inputs that
/// cannot be committed, generated here into `work` (FIFOs, links to /dev/zero,
/// 10,000-deep directories, huge and sparse files, deep nesting, bad archives).
struct HostileCorpus {
    let work: URL
    let fixtures = SharedData.projectRoot.appendingPathComponent("Tests/Fixtures/hostile")
    var cases: [HostileCase] = []
    /// How many cases come from committed files.
    var committed = 0

    init(work: URL) { self.work = work }

    func fixture(_ relative: String) -> String { fixtures.appendingPathComponent(relative).path }

    func files(_ directory: String) -> [String] {
        let url = fixtures.appendingPathComponent(directory)
        return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8]) throws -> URL {
        let url = work.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url
    }

    func fifo(_ relative: String) throws -> URL {
        let url = work.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard mkfifo(url.path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
        return url
    }

    func devZero(_ relative: String) throws -> URL {
        let url = work.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: "/dev/zero")
        return url
    }

    // MARK: - Committed files

    mutating func addCommitted() {
        for name in files("documents") {
            cases.append(HostileCase(name: "convert documents/\(name)", arguments: ["convert", fixture("documents/" + name)],
                                     quietStdout: true))
        }
        let integer = fixture("validate/integer.schema.json")
        for instance in ["huge-negative-exponent.json", "huge-exponent-overflow.json", "min-int-exponent-fraction.json"] {
            cases.append(HostileCase(name: "validate integer × \(instance)",
                                     arguments: ["validate", "--schema", integer, fixture("validate/" + instance)]))
        }
        cases.append(HostileCase(name: "validate ascii-pattern × lone-surrogates",
                                 arguments: ["validate", "--schema", fixture("validate/ascii-pattern.schema.json"),
                                             fixture("validate/lone-surrogates.json")]))
        // Exponential backtracking: stopped at the match limit, reported as violations.
        cases.append(HostileCase(name: "validate backtracking × backtracking",
                                 arguments: ["validate", "--schema", fixture("validate/backtracking.schema.json"),
                                             fixture("validate/backtracking.json")]))
        for schema in files("validate") where schema.hasSuffix(".schema.json")
            && !["integer.schema.json", "ascii-pattern.schema.json", "backtracking.schema.json"].contains(schema) {
            cases.append(HostileCase(name: "validate \(schema) × min-int64",
                                     arguments: ["validate", "--schema", fixture("validate/" + schema), fixture("validate/min-int64.json")]))
        }
        for name in files("policies") {
            cases.append(HostileCase(name: "policy import \(name)", arguments: ["policy", "import", fixture("policies/" + name)],
                                     quietStdout: true))
            cases.append(HostileCase(name: "policy audit \(name)", arguments: ["policy", "audit", fixture("policies/" + name)]))
        }
        for name in files("audit") {
            cases.append(HostileCase(name: "policy audit \(name)", arguments: ["policy", "audit", fixture("audit/" + name)]))
        }
        // Inputs saved by `make fuzz`: each goes to the reader its target fuzzes.
        let fuzzCommands: [String: (String) -> [String]] = [
            "json": { ["convert", "--from", "json", $0] }, "jsonc": { ["convert", "--from", "jsonc", $0] },
            "yaml": { ["convert", "--from", "yaml", $0] }, "manifest": { ["convert", "--from", "yaml", $0] },
            "policy": { ["policy", "import", $0] },
        ]
        for target in files("fuzz") {
            guard let command = fuzzCommands[target] else { continue }
            for name in files("fuzz/" + target) {
                cases.append(HostileCase(name: "fuzz \(target)/\(name)", arguments: command(fixture("fuzz/\(target)/\(name)")),
                                         located: false))
            }
        }
        committed = cases.count
    }

    // MARK: - Generated documents

    mutating func addGeneratedDocuments() throws {
        let deepJSON = try write("docs/deep-200k.json", Array(repeating: UInt8(ascii: "["), count: 200_000))
        let deepYAML = try write("docs/deep-200k.yaml", Array(repeating: UInt8(ascii: "["), count: 200_000))
        var block = ""
        for level in 0..<1_000 { block += String(repeating: " ", count: level) + "k:\n" }
        let deepBlock = try write("docs/deep-block.yaml", Array(block.utf8))
        // 10 MB on one line, never closed.
        let longJSON = try write("docs/long-line.json", Array("[\"".utf8) + Array(repeating: UInt8(ascii: "a"), count: 10 << 20))
        let longYAML = try write("docs/long-line.yaml", Array("a: \"".utf8) + Array(repeating: UInt8(ascii: "a"), count: 10 << 20))
        // 40,000 keys, the last a duplicate of the first: quadratic mapping reads never get there.
        var keys = ""
        for index in 0..<40_000 { keys += "key\(index): \(index)\n" }
        keys += "key0: again\n"
        let manyKeys = try write("docs/many-keys.yaml", Array(keys.utf8))
        // Over the 64 MiB document cap, sparse so it costs no disk.
        let huge = work.appendingPathComponent("docs/huge.json")
        FileManager.default.createFile(atPath: huge.path, contents: nil)
        guard truncate(huge.path, 65 << 20) == 0 else { throw CocoaError(.fileWriteUnknown) }
        let fifo = try fifo("docs/fifo.json")
        let zero = try devZero("docs/zero.json")
        try FileManager.default.createDirectory(at: work.appendingPathComponent("docs/directory.json"), withIntermediateDirectories: true)
        for url in [deepJSON, deepYAML, deepBlock, longJSON, longYAML, manyKeys, huge, fifo, zero,
                    work.appendingPathComponent("docs/directory.json")] {
            cases.append(HostileCase(name: "convert \(url.lastPathComponent)", arguments: ["convert", url.path], quietStdout: true))
        }
        cases.append(HostileCase(name: "validate --schema fifo", arguments: ["validate", "--schema", fifo.path, manyKeys.path]))
        cases.append(HostileCase(name: "policy import /dev/zero link", arguments: ["policy", "import", zero.path], quietStdout: true))
        cases.append(HostileCase(name: "policy audit fifo", arguments: ["policy", "audit", fifo.path]))

        // Ad-hoc check (base + overlay + schema): numbers, size and special files in overlays.
        let base = try write("adhoc/base.json", Array(#"{"contractVersion": 1, "limits": {"count": 1}}"#.utf8))
        let schema = try write("adhoc/schema.json", Array(#"""
            {"type": "object", "additionalProperties": false,
             "properties": {"contractVersion": {"const": 1},
                            "limits": {"type": "object", "additionalProperties": false,
                                       "properties": {"count": {"type": "integer", "multipleOf": 1, "minimum": 0}}}}}
            """#.utf8))
        var unknown = "{\n"
        for index in 0..<12_000 { unknown += "  \"unknownKey\(index)\": {\"nested\": [\(index), \"value\(index)\"]},\n" }
        unknown += "  \"limits\": {\"count\": 1.5e-9223372036854775808}\n}\n"
        let overlays: [(String, URL)] = [
            ("exponent", try write("adhoc/exponent.json", Array("{\n  \"limits\": {\"count\": 12e-9223372036854775807}\n}\n".utf8))),
            ("min-int64", try write("adhoc/min-int64.json", Array("{\n  \"limits\": {\"count\": -9223372036854775808}\n}\n".utf8))),
            ("300 KB of unknown keys", try write("adhoc/unknown.json", Array(unknown.utf8))),
            ("invalid UTF-8", try write("adhoc/utf8.json", [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D])),
            ("FIFO", try self.fifo("adhoc/fifo.json")),
            ("/dev/zero", try devZero("adhoc/zero.yaml")),
        ]
        for (name, overlay) in overlays {
            cases.append(HostileCase(name: "check --overlay \(name)",
                                     arguments: ["check", "--base", base.path, "--overlay", overlay.path, "--schema", schema.path]))
        }
        cases.append(HostileCase(name: "render --base /dev/zero", arguments: ["render", "--base", zero.path], quietStdout: true))

        // uniqueItems over 20,000 distinct objects, then one duplicate.
        var items = (0..<20_000).map { "{\"id\": \($0), \"tags\": [\"t\($0 % 7)\"]}" }
        items.append("{\"tags\": [\"t0\"], \"id\": 0.0}")
        let unique = try write("docs/unique.json", Array(("[\n" + items.joined(separator: ",\n") + "\n]\n").utf8))
        let uniqueSchema = try write("docs/unique.schema.json", Array(#"{"type": "array", "uniqueItems": true}"#.utf8))
        cases.append(HostileCase(name: "validate uniqueItems 20k", arguments: ["validate", "--schema", uniqueSchema.path, unique.path]))

        // A 2 MB XML profile with one unknown key after thousands of long values.
        var plist = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n"
        for index in 0..<20_000 { plist += "<key>x\(index)</key>\n<string>\(String(repeating: "v", count: 80))</string>\n" }
        plist += "<key>inferenceProvider</key>\n<integer>7</integer>\n</dict>\n</plist>\n"
        let big = try write("docs/big.mobileconfig", Array(plist.utf8))
        cases.append(HostileCase(name: "policy audit 2 MB profile", arguments: ["policy", "audit", big.path]))

        // Exporting a value XML cannot carry: refused, nothing written.
        let control = try write("docs/control.yaml", Array("inferenceProvider: vertex\ninferenceVertexRegion: us-east5\ninferenceVertexProjectId: \"a\\u0001b\\uFFFEc\"\n".utf8))
        let exported = work.appendingPathComponent("docs/export-out")
        try FileManager.default.createDirectory(at: exported, withIntermediateDirectories: true)
        cases.append(HostileCase(name: "policy export control characters",
                                 arguments: ["policy", "export", control.path, "--format", "mobileconfig",
                                             "--out", exported.appendingPathComponent("Claude.mobileconfig").path],
                                 output: exported))
    }
}
