import Foundation
import Testing
import TestSupport
@testable import Packaging

/// Archives built from content compressed once and shared: every reader must see an
/// ordinary tar.gz / zip, and the shared work must really be done once.
@Suite struct SharedContentArchiveTests {
    /// Sources with several deflate blocks (pseudo-random text), one larger than a
    /// one-shot compression buffer (streamed through zlib instead), an empty file, one
    /// incompressible file and a path long enough for a pax header.
    private func sources(in tmp: TemporaryDirectory) throws -> [ArchiveEntry] {
        var generator = SplitMix(seed: 7)
        var text = ""
        for _ in 0..<40_000 { text += ["alpha ", "beta ", "gamma\n", "delta ", "{x: 1}\n"][Int(generator.next() % 5)] }
        let big = try tmp.write("src/big.txt", text)
        let large = try tmp.write("src/large.txt", String(repeating: text, count: OneShotDeflater.bufferLimit / text.utf8.count + 2))
        let noise = tmp.file("src/noise.bin")
        try Data((0..<300_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }).write(to: noise)
        let empty = try tmp.write("src/empty.txt", "")
        let deep = String(repeating: "a", count: 90) + "/" + String(repeating: "b", count: 90) + "/"
            + String(repeating: "c", count: 90) + "/file.md"
        return [
            .file("big.txt", source: big), .file("noise.bin", source: noise), .file("empty.txt", source: empty),
            .text(deep, "deep\n"), .text("config.json", "{}\n"), .symlink("link", target: "big.txt"),
            .file("large.txt", source: large),
        ]
    }

    private func prefixed(_ entries: [ArchiveEntry], _ prefix: String) -> [ArchiveEntry] {
        entries.map { var moved = $0; moved.path = prefix + $0.path; return moved }
    }

    @Test func eachContentIsCompressedOnceForEveryArchive() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let entries = try sources(in: tmp)
        let store = DeflatedContentStore(scratchDirectory: tmp.url)
        try store.add(entries)
        let pieces = entries.compactMap { store.content(of: $0) }
        #expect(pieces.count == 6)
        let jobs = [ArchiveWriter.Job(entries: entries, format: .tarGzip, url: tmp.file("root.tar.gz")),
                    ArchiveWriter.Job(entries: entries, format: .zip, url: tmp.file("root.zip")),
                    ArchiveWriter.Job(entries: prefixed(entries, "etc/acme/"), format: .tarGzip, url: tmp.file("tree.tar.gz")),
                    ArchiveWriter.Job(entries: prefixed(entries, "etc/acme/"), format: .zip, url: tmp.file("tree.zip"))]
        let written = try ArchiveWriter.writeAll(jobs, store: store)
        // Nothing new was compressed: every archive reused the pieces compressed above.
        #expect(entries.compactMap { store.content(of: $0) } == pieces)
        for (job, result) in zip(jobs, written) {
            let digest = try SHA256Digest.file(at: job.url)
            #expect(result.hex == digest.hex && result.size == digest.size, "\(job.url.lastPathComponent)")
        }
        // The digests the store computed are those of the sources.
        let big = try #require(store.content(of: entries[0]))
        #expect(big.sha256 == (try SHA256Digest.file(at: tmp.file("src/big.txt"))).hex)
    }

    /// A failed add (a source vanished) leaves nothing half-held: the store answers for
    /// what it held before, and a later add of the same entries compresses them all.
    @Test func aFailedAddLeavesTheStoreAsItWas() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let entries = try sources(in: tmp)
        let store = DeflatedContentStore(scratchDirectory: tmp.url)
        try store.add(Array(entries.prefix(2)))
        let before = entries.prefix(2).compactMap { store.content(of: $0) }
        let missing = ArchiveEntry.file("missing.txt", source: tmp.file("src/missing.txt"))
        #expect(throws: PackagingError.self) { try store.add(entries + [missing]) }
        #expect(entries.prefix(2).compactMap { store.content(of: $0) } == before)
        #expect(entries.dropFirst(2).allSatisfy { store.content(of: $0) == nil })
        try store.add(entries)
        let after = entries.compactMap { store.content(of: $0) }
        #expect(after.count == 6)
        #expect(Array(after.prefix(2)) == before)
        // Each record names its own content: sizes are those of the sources.
        for (entry, content) in zip(entries.filter { store.content(of: $0) != nil }, after) {
            if case .file(let source) = entry.kind {
                let size = try FileManager.default.attributesOfItem(atPath: source.path)[.size] as? Int
                #expect(Int64(size ?? -1) == content.size, "\(entry.path)")
            }
        }
    }

    @Test func everyReaderReadsTheSharedContentArchives() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let entries = try sources(in: tmp)
        let store = DeflatedContentStore(scratchDirectory: tmp.url)
        let tgz = tmp.file("a.tar.gz"), zip = tmp.file("a.zip")
        _ = try ArchiveWriter.writeAll([.init(entries: entries, format: .tarGzip, url: tgz),
                                        .init(entries: entries, format: .zip, url: zip)], store: store)
        #expect(try ProcessRunner.run("gzip", ["-t", tgz.path]).status == 0)
        let gnu = try ProcessRunner.run("tar", ["-tzf", tgz.path])
        #expect(gnu.status == 0, "\(gnu.stderr)")
        #expect(gnu.stdout.split(separator: "\n").contains { $0.hasSuffix("/file.md") })
        #expect(try ProcessRunner.run("bsdtar", ["-tf", tgz.path]).status == 0)
        let unzip = try ProcessRunner.run("unzip", ["-t", zip.path])
        #expect(unzip.status == 0, "\(unzip.stdout)\(unzip.stderr)")
        // Python reads both and every file's bytes match its source.
        let out = try PythonArchive.run("""
        import hashlib, json, sys, tarfile, zipfile
        rows = {}
        with tarfile.open(sys.argv[1]) as t:
            for m in t.getmembers():
                if m.isfile(): rows['tar:' + m.name] = hashlib.sha256(t.extractfile(m).read()).hexdigest()
                if m.issym(): rows['tar:' + m.name] = '->' + m.linkname
        with zipfile.ZipFile(sys.argv[2]) as z:
            assert z.testzip() is None
            for i in z.infolist():
                if not i.is_dir(): rows['zip:' + i.filename] = hashlib.sha256(z.read(i)).hexdigest()
        print(json.dumps(rows, sort_keys=True))
        """, [tgz.path, zip.path])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: String])
        for entry in entries {
            let expected: String
            switch entry.kind {
            case .file(let source): expected = try SHA256Digest.file(at: URL(fileURLWithPath: source.path)).hex
            case .data(let bytes): expected = SHA256Digest.hex(of: bytes)
            default: continue
            }
            #expect(rows["tar:" + entry.path] == expected, "tar \(entry.path)")
            #expect(rows["zip:" + entry.path] == expected, "zip \(entry.path)")
        }
        #expect(rows["tar:link"] == "->big.txt")
        #expect(rows["zip:link"] == SHA256Digest.hex(of: Array("big.txt".utf8)))
    }

    /// The documented layout: one gzip member per non-empty content, between members of
    /// the archive's own bytes; decompressed in sequence they are one tar stream.
    @Test func tarGzipIsOneMemberPerContentPlusGlue() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let entries = try sources(in: tmp)
        let store = DeflatedContentStore(scratchDirectory: tmp.url)
        let tgz = tmp.file("m.tar.gz")
        _ = try ArchiveWriter.writeAll([.init(entries: entries, format: .tarGzip, url: tgz)], store: store)
        let out = try PythonArchive.run("""
        import sys, zlib
        data = open(sys.argv[1], 'rb').read()
        members, total = 0, 0
        while data:
            d = zlib.decompressobj(31)
            total += len(d.decompress(data)) + len(d.flush())
            assert d.eof, 'truncated member'
            data = d.unused_data
            members += 1
        print(members, total % 512)
        """, [tgz.path])
        let nonEmpty = entries.compactMap { store.content(of: $0) }.filter { $0.size > 0 }.count
        // Each non-empty content is a member, and so is each run of headers before one,
        // plus the last run (padding and end blocks).
        #expect(out == "\(2 * nonEmpty + 1) 0\n")
    }

    @Test func sharedContentArchivesAreByteIdenticalWhateverTheWorkerCount() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let entries = try sources(in: tmp)
        var digests: [[String]] = []
        for workers in [1, 3] {
            let store = DeflatedContentStore(scratchDirectory: tmp.url)
            try store.add(Array(entries.reversed()), workers: workers)
            let results = try ArchiveWriter.writeAll(
                [.init(entries: entries, format: .tarGzip, url: tmp.file("w\(workers).tar.gz")),
                 .init(entries: entries, format: .zip, url: tmp.file("w\(workers).zip"))], store: store)
            digests.append(results.map(\.hex))
        }
        #expect(digests[0] == digests[1])
    }

    @Test func anUnreadableSourceFailsTheBatchWithItsPath() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let missing = tmp.file("gone.txt")
        let store = DeflatedContentStore(scratchDirectory: tmp.url)
        let error = #expect(throws: PackagingError.self) {
            try ArchiveWriter.writeAll([.init(entries: [.text("a", "a"), .file("b/gone.txt", source: missing)],
                                              format: .zip, url: tmp.file("x.zip"))], store: store)
        }
        #expect(error?.path == missing.path)
        #expect(error?.message.contains("b/gone.txt") == true)
    }

    @Test func tarHeadersSplitLongNamesAndFallBackToPax() {
        let short = TarHeader.splitName(Array("a/b.txt".utf8))
        #expect(short?.prefix == [] && short?.name == Array("a/b.txt".utf8))
        let long = String(repeating: "p", count: 120) + "/" + String(repeating: "n", count: 60)
        let split = TarHeader.splitName(Array(long.utf8))
        #expect(split?.prefix.count == 120 && split?.name.count == 60)
        #expect(TarHeader.splitName(Array((String(repeating: "x", count: 150) + "/" + String(repeating: "y", count: 101)).utf8)) == nil)
        let blocks = TarHeader.blocks(path: "é/" + long, kind: .file(size: 1), mode: 0o644, mtime: 0)
        #expect(blocks.count == 3 * 512)  // pax header, its records, the ustar header
        #expect(blocks[156] == UInt8(ascii: "x"))
    }
}

