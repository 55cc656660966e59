import Foundation
import Testing
import TestSupport

/// Every finding code the sources can emit is documented (docs/findings.md and the
/// reference pages it links), so a user who meets a code can look up its fix.
@Suite struct FindingCodesDocumentedTests {
    /// Code literals as the sources write them: `code: "x"`, `.error, "x"` helpers,
    /// `refuse("x"` (content walk, documented with its prefix) and `error("x"`/`fail("x"`.
    static let patterns = [#"code: "([a-z0-9-]+)""#, #"\.(?:error|warning|note), "([a-z0-9-]+)""#,
                           #"(?:refuse|error|fail)\("([a-z0-9-]+)""#]

    @Test func everyEmittedCodeIsInTheDocs() throws {
        let root = SharedData.projectRoot
        var sourceText = ""
        var docsText = ""
        for (directory, ext) in [("Sources", "swift"), ("docs", "md")] {
            let base = root.appendingPathComponent(directory)
            let files = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
            for file in files where file.hasSuffix("." + ext) && !file.hasSuffix("FindingCatalogue+Entries.swift") {
                let text = try String(contentsOf: base.appendingPathComponent(file), encoding: .utf8)
                if ext == "swift" { sourceText += text } else { docsText += text }
            }
        }
        var codes = Set<String>()
        for pattern in Self.patterns {
            let regex = try NSRegularExpression(pattern: pattern)
            let range = NSRange(sourceText.startIndex..., in: sourceText)
            for match in regex.matches(in: sourceText, range: range) {
                if let r = Range(match.range(at: 1), in: sourceText), sourceText[r].contains("-") || sourceText[r].count > 3 {
                    codes.insert(String(sourceText[r]))
                }
            }
        }
        #expect(codes.count > 150, "the code patterns no longer match the sources")
        let undocumented = codes.filter { !docsText.contains($0) }.sorted()
        #expect(undocumented.isEmpty, "finding codes missing from docs/: \(undocumented)")
    }

    /// The catalogue compiled into the binary (SARIF rules, `check --explain`) is the one
    /// docs/findings.md holds.
    @Test func theCompiledCatalogueIsGeneratedFromTheDocs() throws {
        let run = try ProcessRunner.run("python3", ["scripts/generate-finding-catalogue.py", "--check"], cwd: SharedData.projectRoot)
        #expect(run.status == 0, "run scripts/generate-finding-catalogue.py after editing docs/findings.md")
    }

    @Test func explainPrintsTheDocumentedHelp() throws {
        let run = try ProcessRunner.run(ProcessRunner.coworkDistBinary.path, ["check", "--explain", "delivery-runtime-removal"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("delivery-runtime-removal (error): Delivery"))
        #expect(run.stdout.contains("Fix: deliver with `app-resources` only"))
        let unknown = try ProcessRunner.run(ProcessRunner.coworkDistBinary.path, ["check", "--explain", "no-such-code"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no-such-code"))
    }
}
