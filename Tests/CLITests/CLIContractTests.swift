import Foundation
import Testing
import TestSupport

/// The CLI contract of docs/cli.md, over every subcommand: a missing input, an unreadable
/// one, a directory where a file is expected (or a file where a directory is), a bad flag
/// and --help each give the documented exit code and message shape.
@Suite struct CLIContractTests {
    var binary: String { ProcessRunner.coworkDistBinary.path }

    /// Each subcommand with `@` where its one input goes; `dir` when that input is a
    /// distribution directory rather than a file.
    struct Command: Sendable, CustomStringConvertible {
        var arguments: [String]
        var takesDirectory = false
        var description: String { arguments.joined(separator: " ") }
    }

    static let commands: [Command] = [
        Command(arguments: ["convert", "@"]),
        Command(arguments: ["render", "--base", "@"]),
        Command(arguments: ["explain", "--base", "@"]),
        Command(arguments: ["check", "--base", "@"]),
        Command(arguments: ["validate", "--schema", "@", "doc.json"]),
        Command(arguments: ["validate", "--schema", "schema.json", "@"]),
        Command(arguments: ["policy", "check", "@"]),
        Command(arguments: ["policy", "show", "@"]),
        Command(arguments: ["policy", "export", "@", "--format", "json"]),
        Command(arguments: ["policy", "import", "@"]),
        Command(arguments: ["policy", "audit", "@"]),
        Command(arguments: ["audit-models", "--config", "@", "--offline"]),
        Command(arguments: ["diff", "@", "@"]),
        Command(arguments: ["render", "@"], takesDirectory: true),
        Command(arguments: ["explain", "@"], takesDirectory: true),
        Command(arguments: ["check", "@"], takesDirectory: true),
        Command(arguments: ["build", "@"], takesDirectory: true),
        Command(arguments: ["audit-models", "@"], takesDirectory: true),
    ]

    /// Every leaf subcommand, for --help and a bad flag.
    static let leaves: [[String]] = [["init"], ["convert"], ["render"], ["explain"], ["check"], ["build"], ["validate"],
                                     ["policy", "check"], ["policy", "show"], ["policy", "export"], ["policy", "import"], ["policy", "audit"],
                                     ["audit-models"], ["diff"], ["schema"]]

    enum Fault: String, CaseIterable, Sendable { case missing, wrongKind, unreadable }

    func scratch() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write("schema.json", "{\"type\": \"object\"}")
        try dir.write("doc.json", "{}")
        try dir.write("a-file.yaml", "a: 1\n")
        try dir.write("locked.yaml", "a: 1\n")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: dir.file("locked.yaml").path)
        try FileManager.default.createDirectory(at: dir.file("a-directory/inner"), withIntermediateDirectories: true)
        return dir
    }

    @Test(arguments: commands, Fault.allCases)
    func badInputExitsTwoNamingThePath(_ command: Command, _ fault: Fault) throws {
        if fault == .unreadable && getuid() == 0 {
            // Root reads a mode-000 file; the case cannot be made here.
            return
        }
        let dir = try scratch()
        defer { dir.remove() }
        let input: String
        switch fault {
        case .missing: input = command.takesDirectory ? "no-such-dir" : "no-such-file.yaml"
        case .wrongKind: input = command.takesDirectory ? "a-file.yaml" : "a-directory"
        case .unreadable: input = "locked.yaml"
        }
        let arguments = command.arguments.map { $0 == "@" ? input : $0 }
        let result = try ProcessRunner.run(binary, arguments, cwd: dir.url, environment: ["NO_COLOR": "1", "HOME": dir.path])
        #expect(result.status == 2, "\(arguments): exit \(result.status)\n\(result.stdout)\(result.stderr)")
        // `check` reports a distribution it cannot load as a finding in its report format.
        let message = command.arguments.first == "check" ? result.stdout + result.stderr : result.stderr
        #expect(message.contains(input), "\(arguments): the message does not name \(input): \(result.stdout)\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"), "\(result.stderr)")
    }

    @Test(arguments: leaves)
    func helpExitsZeroAndABadFlagExitsTwo(_ command: [String]) throws {
        let help = try ProcessRunner.run(binary, command + ["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: cowork-dist \(command.joined(separator: " "))"), "\(help.stdout)")
        for option in ["--quiet", "--verbose", "--color"] {
            #expect(help.stdout.contains(option), "\(command) --help does not offer \(option)")
        }
        // Required arguments given, so the unknown option is what the parser reports.
        let required: [String: [String]] = ["init": ["acme"], "convert": ["x.json"], "validate": ["--schema", "s.json", "x.json"],
                                            "policy": ["p.yaml"], "diff": ["a", "b"], "schema": ["policy"]]
        let given = command == ["policy", "export"] ? ["p.yaml", "--format", "json"] : required[command[0]] ?? []
        let bad = try ProcessRunner.run(binary, command + given + ["--no-such-flag"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("Error: Unknown option '--no-such-flag'") && bad.stderr.contains("Usage: cowork-dist"), "\(bad.stderr)")
    }

    @Test(arguments: [
        ["check", "somewhere", "--base", "x.json"],
        ["check", "--app-version", "one"],
        ["build", "--app-version", "one"],
        ["policy", "check", "p.yaml", "--app-version", "one"],
        ["build", "--out", "-"],
        ["check", "--quiet", "--verbose"],
        ["convert", "--color", "sometimes", "x.json"],
    ])
    func conflictingOrMalformedArgumentsAreUsageErrors(_ arguments: [String]) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = try ProcessRunner.run(binary, arguments, cwd: dir.url)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("Usage: cowork-dist") || result.stderr.contains("Error:"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "a usage error wrote something")
    }

    /// Colour: --color decides; under auto NO_COLOR wins, FORCE_COLOR forces it, TERM=dumb
    /// and a pipe turn it off.
    @Test(arguments: [
        ([], [:], false),
        (["--color", "always"], [:], true),
        (["--color", "always"], ["NO_COLOR": "1"], true),
        (["--color", "never"], ["FORCE_COLOR": "1"], false),
        ([], ["FORCE_COLOR": "1"], true),
        ([], ["FORCE_COLOR": "1", "NO_COLOR": "1"], false),
        ([], ["FORCE_COLOR": "0"], false),
        ([], ["FORCE_COLOR": "1", "TERM": "xterm"], true),
    ] as [([String], [String: String], Bool)])
    func colourFollowsTheFlagAndTheEnvironment(_ flags: [String], _ environment: [String: String], _ coloured: Bool) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("schema.json", "{\"type\": \"object\", \"required\": [\"name\"]}")
        try dir.write("doc.json", "{}")
        let result = try ProcessRunner.run(binary, ["validate", "--schema", "schema.json", "doc.json"] + flags,
                                           cwd: dir.url, environment: environment)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("\u{1B}[") == coloured, "\(flags) \(environment): \(result.stdout)")
    }

    @Test func standardInputIsDashForCommandsReadingOneDocument() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("schema.json", "{\"type\": \"object\", \"required\": [\"name\"]}")
        let valid = try ProcessRunner.run(binary, ["validate", "--schema", "schema.json", "-"], cwd: dir.url, stdin: Data("{\"name\": 1}".utf8))
        #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")
        let yaml = try ProcessRunner.run(binary, ["validate", "--schema", "schema.json", "-", "--from", "yaml"], cwd: dir.url,
                                         stdin: Data("other: 1\n".utf8))
        #expect(yaml.status == 1 && yaml.stdout.contains("<stdin>:1:1"), "\(yaml.stdout)\(yaml.stderr)")
        let converted = try ProcessRunner.run(binary, ["convert", "-", "--from", "yaml"], cwd: dir.url, stdin: Data("a: [1, 2]\n".utf8))
        #expect(converted.status == 0 && converted.stdout.contains("\"a\""), "\(converted.stderr)")
        let twice = try ProcessRunner.run(binary, ["validate", "--schema", "schema.json", "-", "-"], cwd: dir.url)
        #expect(twice.status == 2)
    }

    @Test func quietKeepsErrorsOnlyAndJSONCarriesAFormatVersion() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("schema.json", "{\"type\": \"object\", \"required\": [\"name\"]}")
        try dir.write("doc.json", "{}")
        let quiet = try ProcessRunner.run(binary, ["validate", "--schema", "schema.json", "doc.json", "-q"], cwd: dir.url)
        #expect(quiet.status == 1)
        #expect(quiet.stdout.contains("error"))
        let verbose = try ProcessRunner.run(binary, ["validate", "--schema", "schema.json", "doc.json", "-v"], cwd: dir.url)
        #expect(verbose.status == 1 && verbose.stderr.contains("validated 1 document(s) against schema.json: 1 error(s)"), "\(verbose.stderr)")
        #expect(quiet.stderr.isEmpty)
        let json = try ProcessRunner.run(binary, ["validate", "--schema", "schema.json", "doc.json", "--format", "json"], cwd: dir.url)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["formatVersion"] as? Int == 1, "\(json.stdout)")
    }
}
