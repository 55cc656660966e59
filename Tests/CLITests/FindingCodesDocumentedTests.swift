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
            for file in files where file.hasSuffix("." + ext) {
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
}
