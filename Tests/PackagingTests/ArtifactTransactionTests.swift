import Foundation
import Testing
import TestSupport
@testable import Packaging

@Suite struct ArtifactTransactionTests {
    private func names(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }

    @Test func commitRenamesEverythingIntoPlace() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let out = tmp.file("dist")
        let transaction = try ArtifactTransaction(directory: out)
        let archive = try transaction.temporaryURL(for: "acme.tar.gz")
        let sums = try transaction.temporaryURL(for: "SHA256SUMS")
        #expect(archive.deletingLastPathComponent().path == out.path)
        #expect(archive.lastPathComponent.hasPrefix(".acme.tar.gz.partial-"))
        try ArchiveWriter.write([.text("a.txt", "a\n")], format: .tarGzip, to: archive)
        try Data("x".utf8).write(to: sums)
        #expect(names(out).allSatisfy { $0.hasPrefix(".") })
        try transaction.commit()
        #expect(names(out) == ["SHA256SUMS", "acme.tar.gz"])
        #expect(transaction.finalNames == ["SHA256SUMS", "acme.tar.gz"])
    }

    @Test func failureLeavesEarlierArtifactsUntouched() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let out = tmp.file("dist")
        try tmp.write("dist/acme.zip", "earlier")
        do {
            let transaction = try ArtifactTransaction(directory: out)
            let url = try transaction.temporaryURL(for: "acme.zip")
            #expect(throws: PackagingError.self) {
                try ArchiveWriter.write([.file("x", source: tmp.file("nope"))], format: .zip, to: url)
            }
            // Dropped without commit: rolled back by deinit.
        }
        #expect(names(out) == ["acme.zip"])
        #expect(try String(contentsOf: tmp.file("dist/acme.zip"), encoding: .utf8) == "earlier")
    }

    @Test func commitRefusesWhenAnArtifactWasNeverWritten() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let out = tmp.file("dist")
        let transaction = try ArtifactTransaction(directory: out)
        try Data("a".utf8).write(to: try transaction.temporaryURL(for: "a.txt"))
        _ = try transaction.temporaryURL(for: "b.txt")
        #expect(throws: PackagingError.self) { try transaction.commit() }
        #expect(names(out).isEmpty)
    }

    @Test func rollbackAndStaleSweep() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let out = tmp.file("dist")
        try tmp.write("dist/.old.tar.gz.partial-123-abc", "stale")
        try tmp.write("dist/macos/.tree.partial-9-ff/file", "stale")
        try tmp.write("dist/keep.txt", "keep")
        let transaction = try ArtifactTransaction(directory: out)
        #expect(names(out) == ["keep.txt", "macos"])
        #expect(names(out.appendingPathComponent("macos")).isEmpty)
        let staged = try transaction.temporaryURL(for: "linux/etc/acme")
        try FileManager.default.createDirectory(at: staged, withIntermediateDirectories: true)
        transaction.rollback()
        #expect(names(out.appendingPathComponent("linux/etc")).isEmpty)
        #expect(throws: PackagingError.self) { try transaction.temporaryURL(for: "x") }
    }

    @Test func replacesAnExistingDirectoryTree() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let out = tmp.file("dist")
        try tmp.write("dist/linux/etc/acme/old.json", "{}")
        let transaction = try ArtifactTransaction(directory: out)
        let staged = try transaction.temporaryURL(for: "linux/etc/acme")
        try FileManager.default.createDirectory(at: staged, withIntermediateDirectories: true)
        try Data("new".utf8).write(to: staged.appendingPathComponent("new.json"))
        try transaction.commit()
        #expect(names(out.appendingPathComponent("linux/etc")) == ["acme"])
        #expect(names(out.appendingPathComponent("linux/etc/acme")) == ["new.json"])
    }
}
