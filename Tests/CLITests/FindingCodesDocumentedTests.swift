import Foundation
import Testing
import TestSupport

/// Every finding code the sources can emit is documented: findings are made only with
/// `FindingCode` constants, which scripts/generate-finding-catalogue.py generates from
/// docs/findings.md (and the code tables of topic pages), so an undocumented code does
/// not compile. These tests keep the generated files in step with the docs and keep code
/// names out of string literals, where the compiler could not check them.
@Suite struct FindingCodesDocumentedTests {
    @Test func noSourceSpellsACodeAsAString() throws {
        let root = SharedData.projectRoot
        let catalogue = try String(contentsOf: root.appendingPathComponent("Sources/Documents/FindingCode+Catalogue.swift"), encoding: .utf8)
        let constant = try NSRegularExpression(pattern: #"FindingCode\("([a-z0-9-]+)"\)"#)
        let codes = Set(constant.matches(in: catalogue, range: NSRange(catalogue.startIndex..., in: catalogue)).compactMap {
            Range($0.range(at: 1), in: catalogue).map { String(catalogue[$0]) }
        })
        #expect(codes.count > 250, "the generated constants no longer parse")
        let literal = try NSRegularExpression(pattern: #""([a-z0-9]+(?:-[a-z0-9]+)+)""#)
        var spelled: [String] = []
        let base = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") && !file.hasPrefix("Documents/FindingCode")
            && !file.hasSuffix("FindingCatalogue+Entries.swift") {
            let text = try String(contentsOf: base.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(line)
                guard !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") else { continue }
                for match in literal.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
                    if let r = Range(match.range(at: 1), in: line), codes.contains(String(line[r])) {
                        spelled.append("\(file):\(number + 1): \(line[r])")
                    }
                }
            }
        }
        #expect(spelled.isEmpty, "write these codes as FindingCode constants (.camelCase): \(spelled)")
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
