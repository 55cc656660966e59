import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport
@testable import Packaging

/// Archives libarchive cannot open fail cleanly (the reader was freed twice), special
/// files are refused instead of blocking, and deep trees are refused early.
@Suite struct PackagingRobustnessTests {
    @Test(arguments: ["empty", "garbage", "truncated", "fifo", "zero"])
    func unopenableArchivesThrow(_ kind: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let archive = dir.file("a.tar.gz")
        switch kind {
        case "empty": FileManager.default.createFile(atPath: archive.path, contents: Data())
        case "garbage": try Data("not an archive at all".utf8).write(to: archive)
        case "truncated": try Data([0x1F, 0x8B, 0x08, 0x00, 0x00]).write(to: archive)
        case "fifo": #expect(mkfifo(archive.path, 0o644) == 0)
        default: try FileManager.default.createSymbolicLink(atPath: archive.path, withDestinationPath: "/dev/zero")
        }
        let out = dir.file("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        #expect(throws: PackagingError.self) { try SafeArchiveExtractor.extract(archive: archive, into: out) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
        if kind == "fifo" || kind == "zero" {
            #expect(throws: (any Error).self) { try SHA256Digest.file(at: archive) }
        }
    }

    @Test func deepTreesAreRefusedAtTheDepthCap() throws {
        let dir = try TemporaryDirectory()
        defer { _ = try? ProcessRunner.run("rm", ["-rf", dir.path]) }
        var path = dir.file("root")
        for _ in 0..<70 { path.appendPathComponent("d") }
        try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: path.appendingPathComponent("f.txt"))
        let walked = ContentTree(root: dir.file("root")).files(in: dir.file("root"))
        #expect(walked.files.isEmpty)
        #expect(walked.findings.map(\.code) == ["content-too-deep"])
        let shallow = ContentTree(root: dir.file("root"), limits: ContentLimits(maxDepth: 100)).files(in: dir.file("root"))
        #expect(shallow.files.count == 1 && shallow.findings.isEmpty)
    }

    /// A link back to an ancestor is followed once: the walk ends, each file is listed
    /// once under its first path, and a link to a directory visited elsewhere adds nothing.
    @Test func symlinkCyclesEndTheWalk() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let root = dir.file("root")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: root.appendingPathComponent("a/b/f.txt"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("a/b/up").path, withDestinationPath: "../..")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("z").path, withDestinationPath: "a")
        let walked = ContentTree(root: root).files(in: root)
        #expect(walked.files.map(\.relativePath) == ["a/b/f.txt"])
        #expect(walked.findings.isEmpty)
    }
}
