import Foundation
import Testing
import TestSupport

/// Runs the built `cowork-dist convert` and checks stdout, stderr and the exit code.
@Suite struct ConvertCommandTests {
    let binary = ProcessRunner.coworkDistBinary.path

    @Test func convertsYAMLToCanonicalJSON() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("o.yaml", "b: [1, yes]\na: {x: 0x10}\n")
        let result = try ProcessRunner.run(binary, ["convert", file.path])
        #expect(result.status == 0)
        #expect(result.stdout == "{\n  \"b\": [\n    1,\n    \"yes\"\n  ],\n  \"a\": {\n    \"x\": 16\n  }\n}\n")
    }

    @Test func parseErrorExitsTwoWithFileLineColumn() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("bad.json", "{\n  \"a\": [1, 2,]\n}\n")
        let result = try ProcessRunner.run(binary, ["convert", file.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "\(file.path):2:14: error: expected a JSON value, found ']'\n")
        // The same text is valid JSONC.
        let jsonc = try ProcessRunner.run(binary, ["convert", file.path, "--from", "jsonc"])
        #expect(jsonc.status == 0)
    }

    @Test func duplicateJSONKeyWarnsOnStderrAndKeepsLastValue() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("d.json", "{\"a\": 1, \"a\": 2}")
        let result = try ProcessRunner.run(binary, ["convert", file.path])
        #expect(result.status == 0)
        #expect(result.stdout == "{\n  \"a\": 2\n}\n")
        #expect(result.stderr.hasPrefix("\(file.path):1:10: warning: duplicate key \"a\""))
    }

    @Test func readsStandardInputWithAnExplicitFormat() throws {
        let result = try ProcessRunner.run(binary, ["convert", "-", "--from", "yaml"], stdin: Data("k: v\n".utf8))
        #expect(result.status == 0)
        #expect(result.stdout == "{\n  \"k\": \"v\"\n}\n")
        let missing = try ProcessRunner.run(binary, ["convert", "-"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("--from"))
    }

    @Test func unknownExtensionAndMissingFileAreClearErrors() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("c.txt", "{}")
        let unknown = try ProcessRunner.run(binary, ["convert", file.path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("cannot tell the format"))
        let missing = try ProcessRunner.run(binary, ["convert", dir.file("nope.json").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file"))
    }
}
