import Foundation
import Testing
import TestSupport

/// `cowork-dist schema distribution|policy`: valid 2020-12 (Python's jsonschema agrees),
/// accepts every bundled example and every `init` output with cowork-dist's own validator,
/// and stays in step with the distribution.yaml reader key by key.
@Suite struct SchemaCommandTests {
    var binary: String { ProcessRunner.coworkDistBinary.path }
    var root: URL { SharedData.projectRoot }
    let env = ["NO_COLOR": "1", "PATH": "/usr/bin:/bin", "HOME": "/nonexistent"]

    func schema(_ kind: String, into dir: TemporaryDirectory) throws -> URL {
        let result = try ProcessRunner.run(binary, ["schema", kind], environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        return try dir.write("\(kind).schema.json", result.stdout)
    }

    func validate(_ schema: URL, _ files: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try ProcessRunner.run(binary, ["validate", "--schema", schema.path] + files, environment: env)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test func bothSchemasAreValid202012ForPythonsJsonschema() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for kind in ["distribution", "policy"] {
            let file = try schema(kind, into: dir)
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
            #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
            #expect(object?["description"] is String)
            let check = try ProcessRunner.run("python3", ["-c", """
                import json, sys
                from jsonschema import Draft202012Validator
                Draft202012Validator.check_schema(json.load(open(sys.argv[1])))
                print("ok")
                """, file.path])
            #expect(check.status == 0 && check.stdout == "ok\n", "\(kind): \(check.stderr)")
        }
    }

    /// A `$platform` value validates per platform: a right one passes, a wrong type or an
    /// unknown platform name fails, in cowork-dist's validator and in Python's jsonschema.
    @Test func perPlatformValuesValidate() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let policy = try schema("policy", into: dir)
        let good = try dir.write("good.yaml", "inferenceCredentialHelper:\n  $platform: {macos: /usr/local/bin/t, windows: 'C:\\t.exe'}\nchatTabEnabled: false\n")
        try validate(policy, [good.path])
        for bad in ["chatTabEnabled: {$platform: {macos: 3}}\n", "chatTabEnabled: {$platform: {macOS: false}}\n", "chatTabEnabled: {$platform: {}}\n"] {
            let file = try dir.write("bad.yaml", bad)
            let result = try ProcessRunner.run(binary, ["validate", "--schema", policy.path, file.path], environment: env)
            #expect(result.status == 1, "\(bad): \(result.stdout)")
        }
        let check = try ProcessRunner.run("python3", ["-c", """
            import json, sys
            from jsonschema import Draft202012Validator
            v = Draft202012Validator(json.load(open(sys.argv[1])))
            good = {"chatTabEnabled": {"$platform": {"macos": False, "default": True}}}
            bad = {"chatTabEnabled": {"$platform": {"macos": "no"}}}
            print(v.is_valid(good), v.is_valid(bad))
            """, policy.path])
        #expect(check.stdout == "True False\n", "\(check.stderr)")
    }

    @Test func everyBundledExampleAndEveryInitOutputValidates() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let distribution = try schema("distribution", into: dir)
        let policy = try schema("policy", into: dir)
        let examples = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("distributions").path)
            .map { root.appendingPathComponent("distributions/\($0)/distribution.yaml").path }
            .filter { FileManager.default.fileExists(atPath: $0) }
        #expect(examples.count >= 2)
        try validate(distribution, examples)
        try validate(policy, [root.appendingPathComponent("distributions/acme-claude-3p/policy/managed.yaml").path])
        for kind in ["desktop", "claude-3p", "both"] {
            let made = try ProcessRunner.run(binary, ["init", "schema-\(kind)", "--kind", kind, "-q"], cwd: dir.url, environment: env)
            #expect(made.status == 0, "\(made.stderr)")
            let manifest = dir.file("schema-\(kind)/distribution.yaml")
            try validate(distribution, [manifest.path])
            // init names the schema it wrote beside the file, for the editor.
            let text = try String(contentsOf: manifest, encoding: .utf8)
            #expect(text.hasPrefix("# yaml-language-server: $schema=distribution.schema.json\n"))
            #expect(try Data(contentsOf: dir.file("schema-\(kind)/distribution.schema.json")) == Data(contentsOf: distribution))
            if kind != "desktop" {
                try validate(policy, [dir.file("schema-\(kind)/policy/managed.yaml").path])
                #expect(try Data(contentsOf: dir.file("schema-\(kind)/policy/policy.schema.json")) == Data(contentsOf: policy))
            }
        }
    }

    /// Every key the schema lists at every level is one the reader accepts, and a key the
    /// schema does not list is refused by both.
    @Test func theSchemaAndTheReaderAgreeOnEveryKey() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try schema("distribution", into: dir)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        // A value for each schema node: every property present, lists of one item.
        func sample(_ node: [String: Any], bogus: Bool) -> Any {
            switch node["type"] as? String {
            case "object":
                var out: [String: Any] = [:]
                for (key, value) in node["properties"] as? [String: [String: Any]] ?? [:] {
                    out[key] = sample(value, bogus: bogus)
                }
                // Only one of a oneOf's alternatives.
                if node["oneOf"] != nil { out["archive"] = nil }
                if bogus { out["zz-bogus"] = "x" }
                return out
            case "array":
                return [sample(node["items"] as? [String: Any] ?? [:], bogus: bogus)]
            case "boolean":
                return false
            default:
                if let choices = node["enum"] as? [String] { return choices[0] }
                return "x"
            }
        }
        var clean = try #require(sample(schema, bogus: false) as? [String: Any])
        clean["name"] = "acme"
        clean["version"] = "1.0.0"
        var upstream = clean["upstream"] as? [String: Any] ?? [:]
        upstream["sha256"] = String(repeating: "a", count: 64)
        clean["upstream"] = upstream
        clean["env"] = ["resolve": ["ACME_URL"]]
        try dir.write("all-keys/distribution.yaml", Data(try JSONSerialization.data(withJSONObject: clean)))
        let check = try ProcessRunner.run(binary, ["check", "all-keys", "--format", "json"], cwd: dir.url, environment: env)
        #expect(!check.stdout.contains("manifest-unknown-key"), "\(check.stdout)")
        #expect(check.stdout.contains("\"findings\""), "\(check.stdout)\(check.stderr)")
        try validate(file, [dir.file("all-keys/distribution.yaml").path])

        var bogus = try #require(sample(schema, bogus: true) as? [String: Any])
        bogus["name"] = "acme"
        bogus["version"] = "1.0.0"
        try dir.write("bogus/distribution.yaml", Data(try JSONSerialization.data(withJSONObject: bogus)))
        let refused = try ProcessRunner.run(binary, ["check", "bogus", "--format", "json"], cwd: dir.url, environment: env)
        let report = try JSONSerialization.jsonObject(with: Data(refused.stdout.utf8)) as? [String: Any]
        let unknown = (report?["findings"] as? [[String: Any]] ?? []).filter { $0["code"] as? String == "manifest-unknown-key" }
        let objects = ["", "/upstream", "/env", "/content", "/targets", "/targets/desktop", "/targets/claude-3p", "/targets/claude-3p/marketplace", "/waivers/0"]
        #expect(Set(unknown.compactMap { $0["pointer"] as? String }) == Set(objects.map { $0 + "/zz-bogus" }), "\(refused.stdout)")
        let invalid = try ProcessRunner.run(binary, ["validate", "--schema", file.path, dir.file("bogus/distribution.yaml").path, "--format", "json"], environment: env)
        #expect(invalid.status == 1)
        for object in objects {
            #expect(invalid.stdout.contains("\"pointer\": \"\(object)/zz-bogus\""), "schema accepted zz-bogus in \(object.isEmpty ? "/" : object)")
        }
    }
}
