import Foundation
import Testing
import TestSupport
@testable import Packaging

/// The output directory a build owns: staged, swapped in whole, locked, recovered.
@Suite struct OutputDirectoryTests {
    /// A finished build in `directory`: its outputs and a manifest listing them.
    func writeBuild(_ dir: TemporaryDirectory, at relative: String, outputs: [String: String]) throws {
        let list = outputs.keys.sorted().map { "{\"name\": \"\($0)\", \"sha256\": \"\", \"size\": 0}" }.joined(separator: ", ")
        try dir.write("\(relative)/build-manifest.json", "{\"formatVersion\": 1, \"outputs\": [\(list)]}")
        try dir.write("\(relative)/SHA256SUMS", "")
        for (name, text) in outputs { try dir.write("\(relative)/\(name)", text) }
    }

    @Test func aCommitReplacesThePreviousBuildWhole() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try writeBuild(dir, at: "out", outputs: ["acme-1.0.tar.gz": "old", "tree/a/b.txt": "old"])
        let output = try OutputDirectory(dir.file("out"))
        try "new".write(to: output.staging.appendingPathComponent("acme-1.1.tar.gz"), atomically: false, encoding: .utf8)
        // Until the commit, the previous build is whole.
        #expect(try String(contentsOf: dir.file("out/acme-1.0.tar.gz"), encoding: .utf8) == "old")
        try output.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("out").path) == ["acme-1.1.tar.gz"])
        // No staging or old directory is left beside it (only the lock file).
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == [".out.lock", "out"])
    }

    @Test func foreignFilesAreRefusedUnlessTakenOver() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try writeBuild(dir, at: "out", outputs: ["acme.reg": "x", "macos/Library/x.json": "x"])
        try dir.write("out/notes.txt", "mine")
        try dir.write("out/macos/extra.txt", "mine")
        #expect(OutputDirectory.foreignFiles(in: dir.file("out")) == ["macos/extra.txt", "notes.txt"])
        do {
            _ = try OutputDirectory(dir.file("out"))
            Issue.record("expected a refusal")
        } catch {
            #expect(error.kind == .destinationNotEmpty)
            #expect(error.message.contains("notes.txt") && error.message.contains("--force"))
        }
        #expect(FileManager.default.fileExists(atPath: dir.file("out/notes.txt").path))
        let forced = try OutputDirectory(dir.file("out"), takeOver: true)
        try forced.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("out").path).isEmpty)
    }

    @Test func aDirectoryWithoutManifestIsForeignAndAFileIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("src/main.swift", "")
        #expect(throws: PackagingError.self) { try OutputDirectory(dir.file("src")) }
        try dir.write("file", "")
        #expect(throws: PackagingError.self) { try OutputDirectory(dir.file("file"), takeOver: true) }
        // An empty or missing directory is free.
        try FileManager.default.createDirectory(at: dir.file("empty"), withIntermediateDirectories: true)
        _ = try OutputDirectory(dir.file("empty"))
        _ = try OutputDirectory(dir.file("missing/deeper"))
    }

    @Test func aSecondBuildIntoTheSameDirectoryIsRefusedWhileTheFirstHoldsTheLock() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let first = try OutputDirectory(dir.file("out"))
        do {
            _ = try OutputDirectory(dir.file("out"))
            Issue.record("expected the lock to refuse a second build")
        } catch {
            #expect(error.message.contains("another build is writing"))
        }
        // The refused one did not touch the first one's staging directory.
        #expect(FileManager.default.fileExists(atPath: first.staging.path))
        try first.commit()
        _ = try OutputDirectory(dir.file("out"))
    }

    @Test func anUncommittedBuildLeavesNothingAndLeftoversOfKilledBuildsAreRecovered() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try writeBuild(dir, at: "out", outputs: ["a.zip": "old"])
        do {
            let abandoned = try OutputDirectory(dir.file("out"))
            try "partial".write(to: abandoned.staging.appendingPathComponent("a.zip"), atomically: false, encoding: .utf8)
        }
        #expect(try String(contentsOf: dir.file("out/a.zip"), encoding: .utf8) == "old")
        // A killed build's staging, and a previous build left aside by a kill between the
        // fallback's two renames (the output directory itself missing).
        try dir.write(".out.build-1-dead/a.zip", "partial")
        try FileManager.default.moveItem(at: dir.file("out"), to: dir.file(".out.old-1-dead"))
        let next = try OutputDirectory(dir.file("out"))
        #expect(try String(contentsOf: dir.file("out/a.zip"), encoding: .utf8) == "old")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == [".out.lock", next.staging.lastPathComponent, "out"].sorted())
    }

    @Test func cleanEmptiesFirst() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("out/whatever.txt", "x")
        _ = try OutputDirectory(dir.file("out"), clean: true)
        #expect(!FileManager.default.fileExists(atPath: dir.file("out").path))
    }
}
