import Foundation
import Testing
import TestSupport

/// `cowork-dist validate` end to end: the built binary, its output and exit status.
@Suite struct ValidateCommandTests {
    static let schema = #"""
        {"type": "object", "additionalProperties": false, "required": ["name"],
         "properties": {"name": {"type": "string"}, "size": {"type": "integer", "minimum": 16}}}
        """#

    func run(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run(ProcessRunner.coworkDistBinary.path, ["validate"] + arguments)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: ProcessRunner.coworkDistBinary.path)))
    func exitStatusesAndLocations() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let schema = try dir.write("schema.yaml", "# YAML schemas work too\n" + Self.schema)
        let good = try dir.write("good.json", #"{"name": "x", "size": 20}"#)
        let bad = try dir.write("bad.yaml", "size: 8\nnmae: y\n")
        let broken = try dir.write("broken.json", #"{"name": "#)

        let clean = try run(["--schema", schema.path, good.path])
        #expect(clean.status == 0)
        #expect(clean.stdout.isEmpty)

        let failing = try run(["--schema", schema.path, bad.path])
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("bad.yaml:1:1: error: [schema-required] must have required property 'name'"))
        #expect(failing.stdout.contains("bad.yaml:1:7: error: [schema-minimum] size must be >= 16"))
        #expect(failing.stdout.contains("  hint: rename 'nmae' to 'name'"))
        #expect(failing.stdout.contains("3 errors, 0 warnings"))
        #expect(failing.stdout.contains("bad.yaml:2:1: error: [schema-additional-properties] must NOT have additional property 'nmae' (did you mean 'name'?)"))

        let json = try run(["--schema", schema.path, bad.path, "--format", "json"])
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"schema-minimum\""))

        let unreadable = try run(["--schema", schema.path, broken.path])
        #expect(unreadable.status == 2)
        #expect(unreadable.stderr.contains("broken.json:1:"))
        #expect(unreadable.stderr.contains(": error: "))

        let partial = try run(["--schema", schema.path, "--partial", try dir.write("overlay.json", #"{"size": 32}"#).path])
        #expect(partial.status == 0)
        #expect(try run(["--schema", schema.path, dir.file("overlay.json").path]).status == 1)
    }
}
