import Foundation
import Testing
import TestSupport
@testable import Packaging

@Suite struct SafeArchiveExtractorTests {
    private func listing(_ url: URL) -> [String] {
        (FileManager.default.subpaths(atPath: url.path) ?? []).sorted()
    }

    @Test(arguments: ["tar.gz", "zip"])
    func extractsANormalArchive(ext: String) throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let archive = tmp.file("ok.\(ext)")
        var entries = [PythonArchive.dir("pkg/"), PythonArchive.file("pkg/README.md", "hello\n"),
                       PythonArchive.file("pkg/bin/run", "#!/bin/sh\n", mode: 0o775),
                       PythonArchive.symlink("pkg/latest", to: "bin/run")]
        if ext == "tar.gz" { entries.append(PythonArchive.hardlink("pkg/COPY.md", to: "pkg/README.md")) }
        try PythonArchive.make(entries, at: archive)
        let out = tmp.file("out")
        let paths = try SafeArchiveExtractor.extract(archive: archive, into: out)
        var expected = ["pkg", "pkg/README.md", "pkg/bin/run", "pkg/latest"]
        if ext == "tar.gz" { expected.append("pkg/COPY.md") }
        #expect(paths == expected.sorted(by: ArchivePath.byteOrder))
        #expect(try String(contentsOf: out.appendingPathComponent("pkg/README.md"), encoding: .utf8) == "hello\n")
        let fm = FileManager.default
        #expect(try fm.destinationOfSymbolicLink(atPath: out.appendingPathComponent("pkg/latest").path) == "bin/run")
        let runMode = try fm.attributesOfItem(atPath: out.appendingPathComponent("pkg/bin/run").path)[.posixPermissions] as? Int
        #expect(runMode == 0o755)
        let readmeMode = try fm.attributesOfItem(atPath: out.appendingPathComponent("pkg/README.md").path)[.posixPermissions] as? Int
        #expect(readmeMode == 0o644)
        if ext == "tar.gz" {
            #expect(try String(contentsOf: out.appendingPathComponent("pkg/COPY.md"), encoding: .utf8) == "hello\n")
        }
    }

    struct Hostile: CustomTestStringConvertible, Sendable {
        var label: String
        var ext: String
        var entry: @Sendable () -> [PythonArchive.Entry]
        var offending: String
        var testDescription: String { "\(label) (\(ext))" }
    }

    static let hostile: [Hostile] = [
        Hostile(label: "dot-dot", ext: "tar.gz", entry: { [PythonArchive.file("../escape")] }, offending: "../escape"),
        Hostile(label: "nested dot-dot", ext: "tar.gz", entry: { [PythonArchive.file("a/../../escape")] }, offending: "a/../../escape"),
        Hostile(label: "absolute", ext: "tar.gz", entry: { [PythonArchive.file("/abs")] }, offending: "/abs"),
        Hostile(label: "symlink outside", ext: "tar.gz", entry: { [PythonArchive.symlink("link", to: "../outside")] }, offending: "link"),
        Hostile(label: "absolute symlink", ext: "tar.gz", entry: { [PythonArchive.symlink("link", to: "/etc/passwd")] }, offending: "link"),
        Hostile(label: "symlink through symlink", ext: "tar.gz",
                entry: { [PythonArchive.symlink("r", to: "."), PythonArchive.symlink("x", to: "r/..")] }, offending: "x"),
        Hostile(label: "write through symlink", ext: "tar.gz",
                entry: { [PythonArchive.symlink("d", to: "."), PythonArchive.file("d/f")] }, offending: "d/f"),
        Hostile(label: "hardlink outside", ext: "tar.gz", entry: { [PythonArchive.hardlink("h", to: "../outside")] }, offending: "h"),
        Hostile(label: "hardlink absolute", ext: "tar.gz", entry: { [PythonArchive.hardlink("h", to: "/etc/passwd")] }, offending: "h"),
        Hostile(label: "fifo", ext: "tar.gz", entry: { [PythonArchive.fifo("pipe")] }, offending: "pipe"),
        Hostile(label: "control character", ext: "tar.gz", entry: { [PythonArchive.file("bad\u{1}name")] }, offending: "bad\\u{1}name"),
        Hostile(label: "duplicate", ext: "tar.gz", entry: { [PythonArchive.file("ok.txt")] }, offending: "ok.txt"),
        Hostile(label: "dot-dot", ext: "zip", entry: { [PythonArchive.file("../escape")] }, offending: "../escape"),
        Hostile(label: "absolute", ext: "zip", entry: { [PythonArchive.file("/abs")] }, offending: "/abs"),
        Hostile(label: "symlink outside", ext: "zip", entry: { [PythonArchive.symlink("link", to: "../../outside")] }, offending: "link"),
        Hostile(label: "backslash", ext: "zip", entry: { [PythonArchive.file("a\\..\\b")] },
                // libarchive turns a zip's backslashes into slashes; the `..` is then refused.
                offending: "a/../b"),
    ]

    @Test(arguments: hostile)
    func refusesHostileArchive(_ testCase: Hostile) throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let archive = tmp.file("hostile.\(testCase.ext)")
        // A harmless entry first: the refusal must still leave nothing behind.
        try PythonArchive.make([PythonArchive.file("ok.txt", "fine")] + testCase.entry(), at: archive)
        let out = tmp.file("target")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let error = #expect(throws: PackagingError.self) {
            try SafeArchiveExtractor.extract(archive: archive, into: out)
        }
        #expect(error?.path == testCase.offending)
        #expect(error?.kind == .unsafeEntry || error?.kind == .duplicatePath)
        #expect(listing(out).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: tmp.file("escape").path))
        #expect(!FileManager.default.fileExists(atPath: tmp.file("outside").path))
    }

    @Test func enforcesSizeAndCountCaps() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let archive = tmp.file("big.tar.gz")
        try PythonArchive.make([PythonArchive.file("a", String(repeating: "x", count: 100)),
                                PythonArchive.file("b", "y"), PythonArchive.file("c", "z")], at: archive)
        let perEntry = #expect(throws: PackagingError.self) {
            try SafeArchiveExtractor.extract(archive: archive, into: tmp.file("o1"),
                                             limits: ExtractionLimits(maxEntries: 10, maxEntryBytes: 50, maxTotalBytes: 1000))
        }
        #expect(perEntry?.kind == .limitExceeded && perEntry?.path == "a")
        let total = #expect(throws: PackagingError.self) {
            try SafeArchiveExtractor.extract(archive: archive, into: tmp.file("o2"),
                                             limits: ExtractionLimits(maxEntries: 10, maxEntryBytes: 500, maxTotalBytes: 101))
        }
        #expect(total?.kind == .limitExceeded && total?.path == "c")
        let count = #expect(throws: PackagingError.self) {
            try SafeArchiveExtractor.extract(archive: archive, into: tmp.file("o3"),
                                             limits: ExtractionLimits(maxEntries: 2, maxEntryBytes: 500, maxTotalBytes: 1000))
        }
        #expect(count?.kind == .limitExceeded && count?.path == "c")
        // Directories the extractor created are removed again.
        for name in ["o1", "o2", "o3"] { #expect(!FileManager.default.fileExists(atPath: tmp.file(name).path)) }
    }

    @Test func refusesNonEmptyDestination() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let archive = tmp.file("ok.tar.gz")
        try PythonArchive.make([PythonArchive.file("a")], at: archive)
        try tmp.write("out/keep.txt", "mine")
        let error = #expect(throws: PackagingError.self) {
            try SafeArchiveExtractor.extract(archive: archive, into: tmp.file("out"))
        }
        #expect(error?.kind == .destinationNotEmpty)
        #expect(try String(contentsOf: tmp.file("out/keep.txt"), encoding: .utf8) == "mine")
    }
}
