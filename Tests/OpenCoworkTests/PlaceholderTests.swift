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
        let base = #"{"allowedEnvPlaceholders": [], "providers": {"custom": {"corp": {"options": {"apiKey": "{env:CORP_KEY}"}}}}}"#
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
}
