import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport
@testable import Documents

/// Regression cases for hostile input at the document layer: exponents from the input
/// never reach checked arithmetic, special files are refused before they are read, CRLF
/// front matter is read, and large mappings stay linear.
@Suite struct RobustnessTests {
    @Test(arguments: [
        ("1e-9223372036854775808", false), ("1.5e-9223372036854775808", false), ("0.5e-99999999999999999999999", false),
        ("1e9223372036854775807", true), ("12.5e99999999999999999999999", true), ("0e-9223372036854775808", true),
        ("1.0e-9223372036854775807", false), ("100e-2", true), ("1e+400", true), ("-2.55e1", false), ("-2.50e2", true),
    ])
    func wholeNumbersWithAnyExponent(_ literal: String, _ whole: Bool) {
        #expect(JSONNumber(literal: literal).isWhole == whole, "\(literal)")
    }

    @Test func nonZeroDigitsIgnoreTheExponent() {
        #expect(JSONNumber(literal: "1e-400").hasNonZeroDigit)
        #expect(!JSONNumber(literal: "0.000e5").hasNonZeroDigit)
        #expect(!JSONNumber(literal: "-0").hasNonZeroDigit)
    }

    @Test func specialFilesAreRefusedBeforeReading() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fifo = dir.file("pipe.json")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let zero = dir.file("zero.json")
        try FileManager.default.createSymbolicLink(atPath: zero.path, withDestinationPath: "/dev/zero")
        for (path, code) in [(fifo.path, "file-not-regular"), (zero.path, "file-not-regular"), (dir.path, "file-is-directory"),
                             (dir.file("none.json").path, "file-not-found")] {
            do {
                _ = try DocumentLoader().load(path: path, format: .json)
                Issue.record("\(path) was read")
            } catch {
                #expect(error.code == code, "\(path): \(error)")
                #expect(error.location.line == 1 && error.location.column == 1)
            }
        }
        let big = try dir.write("big.json", Data(count: 2048))
        #expect(throws: DocumentError.self) { try SafeFile.read(path: big.path, maxBytes: 1024) }
    }

    @Test func aLoadRecordsTheDigestOfWhatItParsedUnlessToldNotTo() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let text = "{\"a\": [1, 2]}\n"
        let file = try dir.write("c.json", text)
        let recorded = try DocumentLoader().load(path: file.path)
        // The SHA-256 of the bytes, computed here by a different route than the loader's.
        #expect(recorded.source == SourceDigest(of: Array(text.utf8)))
        #expect(recorded.source?.size == text.utf8.count)
        #expect(recorded.source?.sha256 == SourceDigest.hex(SHA256.hash(data: Data(text.utf8))))
        let unrecorded = try DocumentLoader().load(path: file.path, digest: false)
        #expect(unrecorded.source == nil)
        #expect(unrecorded.value == recorded.value)
    }

    @Test func fileOutsideItsRootIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let outside = try dir.write("outside.txt", "x")
        try FileManager.default.createDirectory(at: dir.file("root"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.file("root/link.txt").path, withDestinationPath: outside.path)
        do {
            _ = try SafeFile.read(path: dir.file("root/link.txt").path, maxBytes: 10, root: dir.file("root").path)
            Issue.record("a link out of the root was read")
        } catch {
            #expect(error.code == "file-outside-root")
        }
    }

    @Test func frontMatterWithCRLFLineEndings() throws {
        let text = "---\r\nname: acme-help\r\ndescription: Helps.\r\n---\r\nBody\r\n"
        let document = try #require(try FrontMatter.parse(text, file: "SKILL.md"))
        #expect(document.value["name"]?.stringValue == "acme-help")
        #expect(document.location(of: "/description").line == 3)
    }

    @Test func largeMappingsAndSequencesReadInFull() throws {
        var text = ""
        for index in 0..<40_000 { text += "key\(index): [\(index), \(index + 1)]\n" }
        let document = try DocumentLoader().parse(bytes: Array(text.utf8), format: .yaml, file: "big.yaml")
        #expect(document.value.objectValue?.count == 40_000)
        #expect(document.location(of: "/key39999").line == 40_000)
        let duplicate = text + "key7: again\n"
        #expect(throws: DocumentError.self) {
            try DocumentLoader().parse(bytes: Array(duplicate.utf8), format: .yaml, file: "big.yaml")
        }
    }

    /// `SafeFile.writeAll` delivers every byte, and reports the errno of a write that fails.
    @Test func writeAllDeliversEveryByteOrTheError() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("out.bin").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        let payload = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(payload.withUnsafeBytes { SafeFile.writeAll(descriptor, $0) } == 0)
        close(descriptor)
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == payload)
        // A closed descriptor: nothing written, its errno returned.
        #expect(payload.withUnsafeBytes { SafeFile.writeAll(descriptor, $0) } == EBADF)
    }
}
