import Testing
import TestSupport

/// Every command is listed by `--help`, and every subcommand's help shows an example.
@Suite struct HelpTests {
    let binary = ProcessRunner.coworkDistBinary.path
    static let commands = ["init", "convert", "render", "explain", "check", "build", "validate", "policy",
                           "audit-models", "diff", "schema"]
    static let leaves = ["init", "convert", "render", "explain", "check", "build", "validate", "audit-models", "diff",
                         "policy check", "policy show", "policy export", "policy import", "policy audit", "schema"]

    @Test func topLevelHelpListsEveryCommandAndVersionPrints() throws {
        let help = try ProcessRunner.run(binary, ["--help"])
        #expect(help.status == 0)
        let listed = help.stdout.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.drop { $0 == " " }
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let word = trimmed.split(separator: " ").first else { return nil }
            return String(word)
        }
        for command in Self.commands { #expect(listed.contains(command), "\(command) missing from --help") }
        let version = try ProcessRunner.run(binary, ["--version"])
        #expect(version.status == 0 && version.stdout.split(separator: ".").count == 3)
    }

    @Test(arguments: [["convert"], ["check", "--format", "xml"], ["build", "--target", "mobile"], ["nosuch"]])
    func usageErrorsExitTwoWithTheUsage(arguments: [String]) throws {
        let result = try ProcessRunner.run(binary, arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains("Usage: cowork-dist"))
    }

    @Test(arguments: leaves)
    func subcommandHelpHasAnExample(command: String) throws {
        let help = try ProcessRunner.run(binary, ["help"] + command.split(separator: " ").map(String.init))
        #expect(help.status == 0)
        #expect(help.stdout.contains("Example"), "no example in `\(command)` help")
        #expect(help.stdout.contains("cowork-dist \(command)"), "the example does not run `cowork-dist \(command)`")
    }
}
