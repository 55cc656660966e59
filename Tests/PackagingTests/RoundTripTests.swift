import Foundation
import Testing
import TestSupport
@testable import Packaging

@Suite struct RoundTripTests {
    /// A real upstream tree archived and extracted again comes back file for file.
    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"), arguments: ArchiveFormat.allCases)
    func upstreamTreeSurvivesWriteAndExtract(format: ArchiveFormat) throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let source = SharedData.upstreamCurrent
        let entries = try ArchiveEntry.tree(at: source, prefix: "upstream/")
        #expect(entries.count > 10)
        let archive = tmp.file("upstream.\(format.fileExtension)")
        try ArchiveWriter.write(entries, format: format, to: archive)
        let extracted = try SafeArchiveExtractor.extract(archive: archive, into: tmp.file("out"))
        #expect(extracted == (["upstream"] + entries.map(\.path)).sorted(by: ArchivePath.byteOrder))
        for case let entry in entries {
            guard case .file(let source) = entry.kind else { continue }
            let url = URL(fileURLWithPath: source.path)
            let copy = tmp.file("out").appendingPathComponent(entry.path)
            #expect(try SHA256Digest.file(at: copy).hex == SHA256Digest.file(at: url).hex, "\(entry.path)")
        }
    }
}
