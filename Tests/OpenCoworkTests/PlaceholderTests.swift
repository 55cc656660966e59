import Foundation
import Testing
import Documents
import Diagnostics
@testable import OpenCowork

/// Placeholder rules: per-file allowlist with exact positions, build-time resolution,
/// the final allowlist, raw custom provider options and {file:} targets.
@Suite struct PlaceholderTests {
    @Test func scannerFindsSeveralPerString() {
        let matches = PlaceholderScanner.scan("a{env:ONE}b{env:two}{env:T_3}{file:x.md}{env:}")
        #expect(matches.map(\.argument) == ["ONE", "T_3", "x.md"])
        #expect(matches.map(\.offset) == [1, 20, 29])
    }

    @Test func notAllowedNamesTheFileLineAndColumn() throws {
        let text = """
            {
              "allowedEnvPlaceholders": ["GOOD"],
              "x": "pre {env:GOOD} and {env:BAD}"
            }
            """
        let (_, findings, dir) = try LayerFixtures.load([("base.json", text)])
        defer { dir.remove() }
        #expect(findings.count == 1, "reported once, not again by the final check")
        let finding = try #require(findings.first)
        #expect(finding.code == "placeholder-not-allowed")
        #expect(finding.location == SourceLocation(file: "base.json", line: 3, column: 28))
    }

    @Test func yamlPlainAndQuotedColumns() throws {
        let text = "allowedEnvPlaceholders: []\nplain: abc {env:P}\nquoted: 'x{env:Q}'\n"
        let (_, findings, dir) = try LayerFixtures.load([("base.yaml", text)])
        defer { dir.remove() }
        let locations = findings.sorted().compactMap(\.location)
        #expect(locations == [SourceLocation(file: "base.yaml", line: 2, column: 12),
                              SourceLocation(file: "base.yaml", line: 3, column: 11)])
    }

    @Test func escapedStringsFallBackToTheValuePosition() throws {
        let text = "{\n  \"allowedEnvPlaceholders\": [],\n  \"x\": \"\\u0041 {env:E}\"\n}\n"
        let (_, findings, dir) = try LayerFixtures.load([("base.json", text)])
        defer { dir.remove() }
        #expect(findings.first?.location == SourceLocation(file: "base.json", line: 3, column: 8))
    }

    @Test func allowlistIsPerFile() throws {
        let base = #"{"allowedEnvPlaceholders": ["A"], "x": "{env:A}"}"#
        let over = #"{"y": "{env:A}"}"#
        let (_, findings, dir) = try LayerFixtures.load([("base.json", base), ("over.json", over)])
        defer { dir.remove() }
        #expect(findings.map(\.code) == ["placeholder-not-allowed"])
        #expect(findings.first?.location?.file == "over.json")
    }

    @Test func keptNamesMustBeInTheFinalAllowlist() throws {
        let base = #"{"allowedEnvPlaceholders": ["A"], "x": "{env:A}"}"#
        let over = #"{"allowedEnvPlaceholders": ["B"], "y": "{env:B}"}"#
        let (_, findings, dir) = try LayerFixtures.load([("base.json", base), ("over.json", over)])
        defer { dir.remove() }
        #expect(findings.map(\.code) == ["placeholder-not-allowed-final"])
        #expect(findings.first?.location == SourceLocation(file: "base.json", line: 1, column: 41))
    }

    @Test func resolvedNamesAreSubstitutedAndUnsetIsAnError() throws {
        let base = #"{"allowedEnvPlaceholders": ["URL"], "u": "{env:URL}/x"}"#
        let (ok, findings, dir) = try LayerFixtures.load([("base.json", base)], environment: ["URL": "https://a"], resolve: ["URL"])
        defer { dir.remove() }
        #expect(findings.isEmpty)
        #expect(ok?.value["u"] == "https://a/x")
        #expect(ok?.placeholders.resolved == ["URL"] && ok?.placeholders.kept == [])
        let (_, unset, dir2) = try LayerFixtures.load([("base.json", base)], environment: ["URL": ""], resolve: ["URL"])
        defer { dir2.remove() }
        #expect(unset.map(\.code) == ["placeholder-unset"])
        #expect(unset.first?.location?.column == 43)
    }

    @Test func customProviderOptionsStayRaw() throws {
        let base = #"{"allowedEnvPlaceholders": ["CORP_KEY"], "providers": {"custom": {"corp": {"options": {"apiKey": "{env:CORP_KEY}"}}}}}"#
        let (result, findings, dir) = try LayerFixtures.load([("base.json", base)], environment: ["CORP_KEY": "secret"], resolve: ["CORP_KEY"])
        defer { dir.remove() }
        #expect(findings.map(\.code) == ["env-resolve-unused"])
        #expect(result?.value["/providers/custom/corp/options/apiKey" as JSONPointer] == "{env:CORP_KEY}")
    }

    @Test func fileTargetsMustExistStayInsideAndAreRecorded() throws {
        let bad = #"{"b": "{file:missing.md}", "c": "{file:../up.md}", "d": "{file:~/home.md}", "e": "{file:/etc/hostname}"}"#
        let (_, findings, dir) = try LayerFixtures.load([("base.json", bad)])
        defer { dir.remove() }
        #expect(findings.map(\.code).sorted() == ["placeholder-file-missing", "placeholder-file-outside"])
        #expect(findings.first { $0.code == "placeholder-file-missing" }?.location == SourceLocation(file: "base.json", line: 1, column: 8))

        let good = #"{"a": "{file:prompts/welcome.md}", "gone": "{file:prompts/old.md}"}"#
        let over = #"{"gone": null}"#
        let (result, ok, dir2) = try LayerFixtures.load([("base.json", good), ("over.json", over)],
                                                       support: [("prompts/welcome.md", "hi"), ("prompts/old.md", "old")])
        defer { dir2.remove() }
        #expect(ok.isEmpty)
        // Only targets still referenced by the merged config ship.
        #expect(result?.placeholders.files.map(\.destination) == ["prompts/welcome.md"])
        #expect(result?.placeholders.files.first?.source.lastPathComponent == "welcome.md")
    }

    // MARK: - The app's exact rules (issue 11)

    @Test func unlistedNameInProviderOptionsIsAnErrorAtItsColumn() throws {
        let base = """
            {
              "allowedEnvPlaceholders": [],
              "providers": {"custom": {"corp": {"options": {"apiKey": "{env:CORP_KEY}"}}}}
            }
            """
        let (result, findings, dir) = try LayerFixtures.load([("base.json", base)])
        defer { dir.remove() }
        #expect(findings.map(\.code) == ["placeholder-not-allowed"], "reported once: the final check knows the file said it")
        #expect(findings.first?.location == SourceLocation(file: "base.json", line: 3, column: 60))
        #expect(findings.first?.message.contains("provider options stay raw") == true)
        // Still raw: nothing substituted.
        #expect(result?.value["/providers/custom/corp/options/apiKey" as JSONPointer] == "{env:CORP_KEY}")
    }

    @Test func optionsNamesMustBeInTheFinalAllowlistToo() throws {
        let base = #"{"allowedEnvPlaceholders": ["K"], "providers": {"custom": {"corp": {"options": {"apiKey": "{env:K}"}}}}}"#
        let over = #"{"allowedEnvPlaceholders": ["OTHER"]}"#
        let (result, findings, dir) = try LayerFixtures.load([("base.json", base), ("over.json", over)])
        defer { dir.remove() }
        #expect(findings.map(\.code) == ["placeholder-not-allowed-final"])
        #expect(findings.first?.pointer == "/providers/custom/corp/options/apiKey")
        #expect(result?.placeholders.kept == ["K"])
    }

    @Test func scannerSeesEnvInsideAFilePath() {
        let matches = PlaceholderScanner.scan("x{file:{env:DIR}/a.md}y")
        #expect(matches.map(\.kind) == [.file, .env])
        #expect(matches.map(\.argument) == ["{env:DIR}/a.md", "DIR"])
        #expect(matches.map(\.offset) == [1, 7])
        // The file path ends at the first `}` that does not close an {env:}.
        #expect(PlaceholderScanner.scan("{file:a}b}").map(\.argument) == ["a"])
        #expect(PlaceholderScanner.scan("{file:{env:lower}}").map(\.argument) == ["{env:lower"])
    }

    @Test func envInsideAFilePathIsAllowlistCheckedAndResolvedFirst() throws {
        let unlisted = #"{"allowedEnvPlaceholders": [], "p": "{file:{env:PROMPT_FILE}}"}"#
        let (_, bad, dir) = try LayerFixtures.load([("base.json", unlisted)])
        defer { dir.remove() }
        #expect(bad.map(\.code) == ["placeholder-not-allowed"])
        #expect(bad.first?.location?.column == 44)

        let listed = #"{"allowedEnvPlaceholders": ["PROMPT_FILE"], "p": "{file:{env:PROMPT_FILE}}"}"#
        let (resolved, ok, dir2) = try LayerFixtures.load([("base.json", listed)], environment: ["PROMPT_FILE": "prompts/a.md"],
                                                         resolve: ["PROMPT_FILE"], support: [("prompts/a.md", "hello")])
        defer { dir2.remove() }
        #expect(ok.isEmpty, "\(ok)")
        #expect(resolved?.value["p"] == "{file:prompts/a.md}")
        #expect(resolved?.placeholders.files.map(\.destination) == ["prompts/a.md"])

        let (kept, dynamic, dir3) = try LayerFixtures.load([("base.json", listed)])
        defer { dir3.remove() }
        #expect(dynamic.map(\.code) == ["placeholder-file-dynamic"])
        #expect(dynamic.first?.severity == .warning)
        #expect(kept?.placeholders.files == [] && kept?.placeholders.kept == ["PROMPT_FILE"])
    }

    @Test func filePathsAreTrimmedAsTheAppTrimsThem() throws {
        let base = #"{"a": "{file: prompts/a.md\t}", "b": "{file:  }"}"#
        let (result, findings, dir) = try LayerFixtures.load([("base.json", base)], support: [("prompts/a.md", "hi")])
        defer { dir.remove() }
        // `{file:  }` trims to "", the config's own directory: the app cannot read it either.
        #expect(findings.map(\.code) == ["placeholder-file-missing"])
        #expect(findings.first?.pointer == "/b")
        let shipped = try #require(result?.placeholders.files.first)
        #expect(shipped.destination == "prompts/a.md")
        #expect(shipped.reference == " prompts/a.md\t", "the config keeps the text as written")
        #expect(PlaceholderScanner.javaScriptTrimmed("\u{FEFF}\u{2028} a \u{A0}") == "a")
        #expect(PlaceholderScanner.javaScriptTrimmed("\u{85}a") == "\u{85}a", "JavaScript's trim() keeps NEL")
    }

    @Test func aResolvedValueHoldingAPlaceholderIsAnError() throws {
        let base = #"{"allowedEnvPlaceholders": ["URL"], "u": "{env:URL}"}"#
        for value in ["https://x/{env:TOKEN}", "{file:/etc/passwd}"] {
            let (_, findings, dir) = try LayerFixtures.load([("base.json", base)], environment: ["URL": value], resolve: ["URL"])
            defer { dir.remove() }
            // An {env:} brought in this way is also not in the final allowlist: the app
            // would refuse the merged config for it too.
            let expected = value.contains("{env:") ? ["placeholder-resolved-placeholder", "placeholder-not-allowed-final"]
                                                   : ["placeholder-resolved-placeholder"]
            #expect(findings.map(\.code) == expected, "\(value)")
            #expect(findings.first?.message.contains(value) == false, "the message never repeats the value")
        }
        let (_, harmless, dir) = try LayerFixtures.load([("base.json", base)], environment: ["URL": "https://x/{a}"], resolve: ["URL"])
        defer { dir.remove() }
        #expect(harmless.isEmpty)
    }
}
