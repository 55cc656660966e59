import Foundation
import Testing
import TestSupport
@testable import Packaging

@Suite struct ChecksumsTests {
    @Test func sortedLinesPassSha256sumCheck() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        try tmp.write("b.txt", "bee\n")
        try tmp.write("A.txt", "ay\n")
        try ArchiveWriter.write([.text("x", "x")], format: .zip, to: tmp.file("a.zip"))
        let text = try Checksums.sha256sums(of: ["b.txt", "a.zip", "A.txt"], in: tmp.url)
        let lines = text.split(separator: "\n")
        #expect(lines.map { String($0.dropFirst(66)) } == ["A.txt", "a.zip", "b.txt"])
        #expect(lines[2].hasPrefix(SHA256Digest.hex(of: Data("bee\n".utf8)) + "  "))
        try tmp.write(Checksums.fileName, text)
        let check = try ProcessRunner.run("sha256sum", ["-c", Checksums.fileName], cwd: tmp.url)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        try tmp.write("b.txt", "changed\n")
        #expect(try ProcessRunner.run("sha256sum", ["-c", Checksums.fileName], cwd: tmp.url).status != 0)
    }

    @Test func refusesNamesSha256sumWouldEscape() {
        #expect(throws: PackagingError.self) { try Checksums.sha256sums(["a\nb": "00"]) }
        #expect(throws: PackagingError.self) { try Checksums.sha256sums(["a\\b": "00"]) }
    }
}
