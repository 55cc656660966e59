import Foundation
import Testing
import TestSupport

/// Every input in the hostile corpus, run through the built binary: each must end in a
/// clean error — exit 1 or 2, `file:line:column` where a file is involved, no crash, no
/// hang (a generous guard kills a run that does not finish), nothing written, no secret
/// printed. The figures are printed, and every case is reported by name on failure.
@Suite(.serialized) struct HostileCorpusTests {
    @Test func everyHostileInputEndsInACleanError() throws {
        let work = try TemporaryDirectory(prefix: "cowork-dist-hostile")
        // 10,000-deep trees are beyond FileManager's path handling; rm -rf copes.
        defer { _ = try? ProcessRunner.run("rm", ["-rf", work.path]) }
        var corpus = HostileCorpus(work: work.url)
        corpus.addCommitted()
        try corpus.addGeneratedDocuments()
        try corpus.addDistributions()
        #expect(corpus.cases.count >= 100, "the corpus shrank to \(corpus.cases.count) cases")

        var clean = 0, crashes: [String] = [], hangs: [String] = [], unclean: [String] = []
        var slow: [String] = []
        for hostile in corpus.cases {
            let started = Date()
            let outcome = HostileRunner.run(hostile, cwd: work.url)
            // Reported, never asserted: a hint for `make bench`, not a test of speed.
            let seconds = Date().timeIntervalSince(started)
            if seconds > 10 { slow.append("\(hostile.name) (\(Int(seconds)) s)") }
            switch outcome {
            case .cleanError: clean += 1
            case .crash(let detail): crashes.append("\(hostile.name): \(detail)")
            case .hang: hangs.append(hostile.name)
            case .unclean(let detail): unclean.append("\(hostile.name): \(detail)")
            }
        }
        print("hostile corpus: \(corpus.cases.count) cases (\(corpus.committed) from committed files, "
              + "\(corpus.cases.count - corpus.committed) generated): \(clean) clean errors, "
              + "\(crashes.count) crashes, \(hangs.count) hangs, \(unclean.count) unclean")
        if !slow.isEmpty { print("hostile corpus: slowest cases: \(slow.joined(separator: ", "))") }
        #expect(crashes.isEmpty, "crashes:\n\(crashes.joined(separator: "\n"))")
        #expect(hangs.isEmpty, "hangs:\n\(hangs.joined(separator: "\n"))")
        #expect(unclean.isEmpty, "not a clean error:\n\(unclean.joined(separator: "\n"))")
        #expect(clean == corpus.cases.count)
    }
}
