import Foundation
import Testing
import TestSupport

/// `-` as standard input for every command that reads one document, `--out -` as standard
/// output, and `--verbose` / `--quiet` with one meaning in every subcommand (docs/cli.md).
@Suite struct CLIStandardInputTests {
    var binary: String { ProcessRunner.coworkDistBinary.path }

    static let policy = """
        inferenceProvider: gateway
        inferenceGatewayBaseUrl: https://llm-gateway.acme.example
        inferenceGatewayAuthScheme: bearer
        inferenceCredentialHelper: /usr/local/bin/acme-llm-token
        inferenceModels: [claude-sonnet-4]
        coworkEgressAllowedHosts: ["*.acme.example"]
        inferenceProvidr: typo

        """

    func scratch() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write("p.yaml", Self.policy)
        try dir.write("p.json", "{\"inferenceProvider\": \"gateway\", \"inferenceGatewayBaseUrl\": 7}")
        return dir
    }

    func run(_ arguments: [String], in dir: TemporaryDirectory, stdin: Data? = nil) throws -> ProcessResult {
        try ProcessRunner.run(binary, arguments, cwd: dir.url, environment: ["NO_COLOR": "1", "HOME": dir.path], stdin: stdin)
    }

    /// The same document read from a file and from `-` gives the same status and output,
    /// with `<stdin>` where the file's name was.
    @Test(arguments: [
        (["policy", "check", "@"], "p.yaml"),
        (["policy", "check", "@", "--format", "json"], "p.json"),
        (["policy", "show", "@"], "p.yaml"),
        (["policy", "export", "@", "--format", "json"], "p.json"),
        (["policy", "audit", "@"], "p.yaml"),
        (["policy", "import", "@"], "p.yaml"),
    ])
    func standardInputReadsAsTheFileDoes(_ command: [String], _ file: String) throws {
        let dir = try scratch()
        defer { dir.remove() }
        let fromFile = try run(command.map { $0 == "@" ? file : $0 }, in: dir)
        let bytes = try Data(contentsOf: dir.file(file))
        let fromStdin = try run(command.map { $0 == "@" ? "-" : $0 }, in: dir, stdin: bytes)
        #expect(fromStdin.status == fromFile.status, "\(command): \(fromStdin.stdout)\(fromStdin.stderr)")
        #expect(fromStdin.stdout == fromFile.stdout.replacingOccurrences(of: file, with: "<stdin>"), "\(command)")
        #expect(fromStdin.stderr == fromFile.stderr.replacingOccurrences(of: file, with: "<stdin>"), "\(command)")
        #expect(!(fromStdin.stdout + fromStdin.stderr).contains("cowork-dist-stdin"), "a temporary path leaked")
    }

    @Test func findingsFromStandardInputNameIt() throws {
        let dir = try scratch()
        defer { dir.remove() }
        let checked = try run(["policy", "check", "-"], in: dir, stdin: Data(Self.policy.utf8))
        #expect(checked.status == 1, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("<stdin>:7:1:"), "\(checked.stdout)")
        let garbage = try run(["policy", "check", "-"], in: dir, stdin: Data("a: [\n".utf8))
        #expect(garbage.status == 2 && (garbage.stdout + garbage.stderr).contains("<stdin>:"), "\(garbage.stdout)\(garbage.stderr)")
    }

    @Test func anExportReadFromStandardInputImportsAndAuditsFromStandardInput() throws {
        let dir = try scratch()
        defer { dir.remove() }
        try dir.write("ok.yaml", Self.policy.replacingOccurrences(of: "inferenceProvidr: typo\n", with: ""))
        let exported = try run(["policy", "export", "-", "--format", "mobileconfig", "--out", "-"], in: dir,
                               stdin: try Data(contentsOf: dir.file("ok.yaml")))
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.contains("<plist"), "\(exported.stdout)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("-").path), "--out - wrote a file named '-'")
        let imported = try run(["policy", "import", "-"], in: dir, stdin: Data(exported.stdout.utf8))
        #expect(imported.status == 0 && imported.stdout.contains("Imported from <stdin>"), "\(imported.stdout)\(imported.stderr)")
        #expect(imported.stdout.contains("inferenceGatewayBaseUrl: \"https://llm-gateway.acme.example\""), "\(imported.stdout)")
        let audited = try run(["policy", "audit", "-"], in: dir, stdin: Data(exported.stdout.utf8))
        let auditedFile = try run(["policy", "audit", "ok.mobileconfig"], in: dir, stdin: nil)
        #expect(auditedFile.status == 2, "the file does not exist yet: \(auditedFile.stderr)")
        try dir.write("ok.mobileconfig", exported.stdout)
        let fromFile = try run(["policy", "audit", "ok.mobileconfig"], in: dir)
        #expect(audited.status == fromFile.status)
        #expect(audited.stdout == fromFile.stdout.replacingOccurrences(of: "ok.mobileconfig", with: "<stdin>"))
    }

    /// Commands runnable from a scratch directory: the name --verbose reports, the
    /// arguments, and standard input if any.
    static let verboseCases: [(String, [String], String?)] = [
        ("convert", ["convert", "p.json"], nil),
        ("validate", ["validate", "--schema", "schema.json", "p.json"], nil),
        ("schema", ["schema", "policy"], nil),
        ("init", ["init", "acme"], nil),
        ("policy check", ["policy", "check", "-"], policy),
        ("policy show", ["policy", "show", "p.yaml"], nil),
        ("policy export", ["policy", "export", "-", "--format", "json"], "inferenceProvider: gateway\n"),
        ("policy import", ["policy", "import", "p.json"], nil),
        ("policy audit", ["policy", "audit", "p.json"], nil),
        ("diff", ["diff", "p.json", "p.yaml"], nil),
        ("render", ["render", "--base", "p.json"], nil),
        ("check", ["check", "--base", "p.json"], nil),
    ]

    @Test(arguments: verboseCases)
    func verboseEndsWithOneTimingLineAndIsSilentOtherwise(_ name: String, _ command: [String], _ input: String?) throws {
        let dir = try scratch()
        defer { dir.remove() }
        try dir.write("schema.json", "{\"type\": \"object\"}")
        let stdin = input.map { Data($0.utf8) }
        let plain = try run(command, in: dir, stdin: stdin)
        #expect(!plain.stderr.contains("finished in"), "\(command): \(plain.stderr)")
        try? FileManager.default.removeItem(at: dir.file("acme"))
        let verbose = try run(command + ["--verbose"], in: dir, stdin: stdin)
        #expect(verbose.status == plain.status, "\(command): \(verbose.stderr)")
        let last = verbose.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("cowork-dist \(name): finished in ") && last.hasSuffix(" ms"), "\(command): \(verbose.stderr)")
        // The command's own output does not change with --verbose.
        if name != "init" { #expect(verbose.stdout == plain.stdout, "\(command)") }
    }

    @Test func verboseNamesEachStageAndQuietKeepsOnlyErrors() throws {
        let dir = try scratch()
        defer { dir.remove() }
        let verbose = try run(["policy", "check", "-", "-v"], in: dir, stdin: Data(Self.policy.utf8))
        #expect(verbose.stderr.contains("stage check <stdin>: "), "\(verbose.stderr)")
        let plain = try run(["policy", "show", "p.yaml"], in: dir)
        let quiet = try run(["policy", "show", "p.yaml", "--quiet"], in: dir)
        #expect(plain.stderr.contains(": warning: "), "the case needs a non-error finding: \(plain.stderr)")
        #expect(!quiet.stderr.contains(": warning: ") && !quiet.stderr.contains(": note: "), "\(quiet.stderr)")
        #expect(quiet.stderr.contains("p.yaml:7:1: error: "), "errors stay under --quiet: \(quiet.stderr)")
        #expect(quiet.stdout == plain.stdout)
    }
}

extension CLIStandardInputTests {
    @Test func oneSideOfAPolicyDiffMayBeStandardInput() throws {
        let dir = try scratch()
        defer { dir.remove() }
        try dir.write("new.yaml", Self.policy.replacingOccurrences(of: "bearer", with: "x-api-key"))
        let fromFiles = try run(["diff", "p.yaml", "new.yaml"], in: dir)
        let fromStdin = try run(["diff", "-", "new.yaml"], in: dir, stdin: try Data(contentsOf: dir.file("p.yaml")))
        #expect(fromFiles.status == 1 && fromStdin.status == 1, "\(fromStdin.stdout)\(fromStdin.stderr)")
        #expect(fromStdin.stdout == fromFiles.stdout.replacingOccurrences(of: "p.yaml", with: "<stdin>"), "\(fromStdin.stdout)")
        #expect(fromStdin.stdout.contains("inferenceGatewayAuthScheme"), "\(fromStdin.stdout)")
        let twice = try run(["diff", "-", "-"], in: dir, stdin: Data())
        #expect(twice.status == 2 && twice.stderr.contains("can be read only once"), "\(twice.stderr)")
    }
}
