import Foundation
import Testing
import TestSupport
@testable import Packaging

/// Process-global state (umask, TZ) changes here, so these tests run one at a time.
@Suite(.serialized) struct ArchiveWriterTests {
    /// A small tree written from `sources`: files, an executable, in-memory data, a
    /// symlink, a long path (pax extension) and a non-ASCII name.
    private func entries(in sources: TemporaryDirectory, sourceMode: Int) throws -> [ArchiveEntry] {
        let readme = try sources.write("src/README.md", "hello\n")
        let tool = try sources.write("src/bin/tool", "#!/bin/sh\necho hi\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
        try FileManager.default.setAttributes([.posixPermissions: sourceMode], ofItemAtPath: readme.path)
        let long = String(repeating: "deep/", count: 25) + "file.txt"
        return [
            .file("pkg/README.md", source: readme),
            .file("pkg/bin/tool", source: tool, executable: try ArchiveEntry.isExecutable(at: tool)),
            .text("pkg/config.json", "{}\n"),
            .symlink("pkg/current", target: "bin/tool"),
            .text("pkg/\(long)", "long\n"),
            .text("pkg/résumé.txt", "é\n"),
            .directory("pkg/empty"),
        ]
    }

    private func withEnvironment<T>(umask mask: mode_t, tz: String, _ body: () throws -> T) rethrows -> T {
        let oldMask = umask(mask)
        let oldTZ = ProcessInfo.processInfo.environment["TZ"]
        setenv("TZ", tz, 1); tzset()
        defer {
            umask(oldMask)
            if let oldTZ { setenv("TZ", oldTZ, 1) } else { unsetenv("TZ") }
            tzset()
        }
        return try body()
    }

    @Test(arguments: ArchiveFormat.allCases)
    func isByteIdenticalAcrossDirectoriesUmaskAndTimeZone(format: ArchiveFormat) throws {
        let one = try TemporaryDirectory(), two = try TemporaryDirectory()
        defer { one.remove(); two.remove() }
        let first = one.file("out.\(format.fileExtension)"), second = two.file("other.\(format.fileExtension)")
        try withEnvironment(umask: 0o022, tz: "UTC") {
            try ArchiveWriter.write(try entries(in: one, sourceMode: 0o644), format: format, to: first)
        }
        try withEnvironment(umask: 0o077, tz: "Asia/Tokyo") {
            // The zone change must be real for this test to prove anything: UTC+9, so
            // the epoch is 09:00 local time (a zone west of UTC would be clamped to 1980).
            var epoch = time_t(ArchiveOptions.fixedEpoch), parts = tm()
            localtime_r(&epoch, &parts)
            #expect(parts.tm_hour == 9 && parts.tm_year == 80)
            try ArchiveWriter.write(try entries(in: two, sourceMode: 0o600), format: format, to: second)
        }
        let a = try Data(contentsOf: first), b = try Data(contentsOf: second)
        #expect(a.count > 100)
        #expect(a == b)
    }

    @Test func tarReadsBackWithPython() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let archive = tmp.file("a.tar.gz")
        try ArchiveWriter.write(try entries(in: tmp, sourceMode: 0o600), format: .tarGzip, to: archive,
                                options: ArchiveOptions(mtime: 1_700_000_000))
        let out = try PythonArchive.run("""
        import json, sys, tarfile
        rows = []
        with tarfile.open(sys.argv[1]) as t:
            for m in t.getmembers():
                data = t.extractfile(m).read().decode() if m.isfile() else ''
                rows.append([m.name, m.type.decode(), oct(m.mode), m.uid, m.gid, m.uname, m.gname, m.mtime, m.linkname, data])
        print(json.dumps(rows))
        """, [archive.path])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[Any]])
        let long = "pkg/" + String(repeating: "deep/", count: 25) + "file.txt"
        let names = rows.compactMap { $0[0] as? String }
        #expect(names == names.sorted(by: ArchivePath.byteOrder))
        #expect(names.contains("pkg") && names.contains("pkg/bin") && names.contains(long) && names.contains("pkg/résumé.txt"))
        for row in rows {
            let name = row[0] as? String ?? ""
            #expect(row[3] as? Int == 0 && row[4] as? Int == 0, "\(name) owner")
            #expect(row[5] as? String == "" && row[6] as? String == "", "\(name) owner names")
            #expect(row[7] as? Int == 1_700_000_000, "\(name) mtime")
        }
        func row(_ name: String) -> [Any]? { rows.first { $0[0] as? String == name } }
        #expect(row("pkg/README.md")?[2] as? String == "0o644")
        #expect(row("pkg/README.md")?[9] as? String == "hello\n")
        #expect(row("pkg/bin/tool")?[2] as? String == "0o755")
        #expect(row("pkg/bin")?[1] as? String == "5")
        #expect(row("pkg/bin")?[2] as? String == "0o755")
        #expect(row("pkg/current")?[1] as? String == "2")
        #expect(row("pkg/current")?[8] as? String == "bin/tool")
        #expect(row(long)?[9] as? String == "long\n")

        // gzip header: ID1 ID2 CM FLG MTIME(4) XFL OS; no FNAME flag, zero mtime.
        let header = try #require(try FileHandle(forReadingFrom: archive).read(upToCount: 10))
        #expect(Array(header[0...2]) == [0x1F, 0x8B, 0x08])
        #expect(header[3] & 0x08 == 0)
        #expect(Array(header[4...7]) == [0, 0, 0, 0])

        let listing = try ProcessRunner.run("bsdtar", ["-tvf", archive.path])
        #expect(listing.status == 0)
        let toolLine = listing.stdout.split(separator: "\n").first { $0.hasSuffix(" pkg/bin/tool") }
        let fields = toolLine?.split(separator: " ").map(String.init) ?? []
        #expect(fields.prefix(4) == ["-rwxr-xr-x", "0", "0", "0"])
    }

    @Test func zipReadsBackWithPython() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let archive = tmp.file("a.zip")
        try ArchiveWriter.write(try entries(in: tmp, sourceMode: 0o600), format: .zip, to: archive,
                                options: ArchiveOptions(mtime: 1_700_000_000))
        let out = try PythonArchive.run("""
        import json, struct, sys, zipfile
        rows = []
        with zipfile.ZipFile(sys.argv[1]) as z:
            assert z.testzip() is None
            for i in z.infolist():
                ut, extra = None, i.extra
                while len(extra) >= 4:
                    hid, size = struct.unpack('<HH', extra[:4])
                    if hid == 0x5455: ut = struct.unpack('<I', extra[5:9])[0]
                    extra = extra[4 + size:]
                data = '' if i.is_dir() else z.read(i).decode()
                rows.append([i.filename, list(i.date_time), oct(i.external_attr >> 16), i.create_system, ut, data])
        print(json.dumps(rows))
        """, [archive.path])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[Any]])
        func row(_ name: String) -> [Any]? { rows.first { $0[0] as? String == name } }
        let plan = try ArchiveWriter.normalized(try entries(in: tmp, sourceMode: 0o600))
        #expect(rows.compactMap { $0[0] as? String } == plan.map { $0.kind == .directory ? $0.path + "/" : $0.path })
        for row in rows {
            // 1700000000 is 2023-11-14 22:13:20 UTC, whatever the local zone.
            #expect(row[1] as? [Int] == [2023, 11, 14, 22, 13, 20], "\(row[0])")
            #expect(row[4] as? Int == 1_700_000_000, "\(row[0]) UT extra field")
            #expect(row[3] as? Int == 3)
        }
        #expect(row("pkg/README.md")?[2] as? String == "0o100644")
        #expect(row("pkg/README.md")?[5] as? String == "hello\n")
        #expect(row("pkg/bin/tool")?[2] as? String == "0o100755")
        #expect(row("pkg/bin/")?[2] as? String == "0o40755")
        #expect(row("pkg/current")?[2] as? String == "0o120777")
        #expect(row("pkg/résumé.txt")?[5] as? String == "é\n")
    }

    /// The central directory is spooled to a scratch file: with more entries than a zip's
    /// 16-bit count holds (zip64 end records) and megabytes of directory (several spool
    /// buffers and copy chunks), every reader must still see every entry in order.
    @Test func aZipWithMoreEntriesThanSixteenBitsCountReadsBack() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let archive = tmp.file("many.zip")
        let count = 66_000
        let entries = (0..<count).map { ArchiveEntry.text("d/" + String(repeating: "n", count: 40) + "\($0).txt", "v\($0)") }
        try ArchiveWriter.write(entries, format: .zip, to: archive, options: ArchiveOptions(mtime: 1_700_000_000))
        let out = try PythonArchive.run("""
        import sys, zipfile
        with zipfile.ZipFile(sys.argv[1]) as z:
            names = z.namelist()
            files = [n for n in names if not n.endswith('/')]
            print(len(names), len(files), files[0], files[-1], z.read(files[12345]).decode(), z.testzip())
        """, [archive.path])
        let plan = try ArchiveWriter.normalized(entries)
        let files = plan.filter { $0.kind != .directory }
        let sample = files[12345]
        guard case .data(let bytes) = sample.kind else { Issue.record("not data"); return }
        #expect(out.split(separator: " ").map(String.init)
            == ["\(plan.count)", "\(count)", files.first!.path, files.last!.path, String(decoding: bytes, as: UTF8.self), "None\n"])
        let unzip = try ProcessRunner.run("unzip", ["-tq", archive.path])
        #expect(unzip.status == 0, "\(unzip.stdout)\(unzip.stderr)")
    }

    @Test func defaultEpochIsRepresentableInZip() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let archive = tmp.file("a.zip")
        try ArchiveWriter.write([.text("a.txt", "a")], format: .zip, to: archive)
        let out = try PythonArchive.run("import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).infolist()[0].date_time)",
                                        [archive.path])
        #expect(out == "(1980, 1, 1, 0, 0, 0)\n")
    }

    @Test func refusesBadEntrySets() {
        let cases: [([ArchiveEntry], PackagingError.Kind, String)] = [
            ([.text("a", "1"), .text("a", "2")], .duplicatePath, "a"),
            ([.text("a", "1"), .text("a/b", "2")], .duplicatePath, "a"),
            ([.text("A.txt", "1"), .text("a.txt", "2")], .caseCollision, "A.txt"),
            ([.text("../x", "1")], .invalidPath, "../x"),
            ([.symlink("l", target: "../out")], .invalidPath, "l"),
            ([.symlink("l", target: "/etc")], .invalidPath, "l"),
        ]
        for (entries, kind, path) in cases {
            let error = #expect(throws: PackagingError.self) { try ArchiveWriter.normalized(entries) }
            #expect(error?.kind == kind && error?.path == path, "\(entries.map(\.path))")
        }
    }

    @Test func addsParentsAndSortsByBytes() throws {
        let plan = try ArchiveWriter.normalized([.text("b/z", ""), .text("a-b", ""), .text("a/c/d", ""), .text("C", "")])
        #expect(plan.map(\.path) == ["C", "a", "a-b", "a/c", "a/c/d", "b", "b/z"])
        #expect(plan.first { $0.path == "a/c" }?.kind == .directory)
    }

    @Test func failedWriteKeepsEarlierArtifact() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let final = try tmp.write("dist/acme.tar.gz", "earlier artifact")
        let missing = tmp.file("missing.txt")
        let error = #expect(throws: PackagingError.self) {
            try ArchiveWriter.write([.text("a.txt", "a"), .file("z.txt", source: missing)], format: .tarGzip, to: final)
        }
        #expect(error?.path == missing.path)
        #expect(error?.message.contains("z.txt") == true)
        #expect(try String(contentsOf: final, encoding: .utf8) == "earlier artifact")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.file("dist").path) == ["acme.tar.gz"])
    }

    @Test func streamsLargeSparseFile() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let big = tmp.file("big.bin")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 50 << 20)
        try handle.close()
        let archive = tmp.file("big.tar.gz")
        try ArchiveWriter.write([.file("big.bin", source: big)], format: .tarGzip, to: archive)
        let out = try PythonArchive.run("""
        import sys, tarfile, hashlib
        with tarfile.open(sys.argv[1]) as t:
            m = t.getmember('big.bin'); f = t.extractfile(m); h = hashlib.sha256()
            while chunk := f.read(1 << 20): h.update(chunk)
            print(m.size, h.hexdigest())
        """, [archive.path])
        let expected = try SHA256Digest.file(at: big)
        #expect(out == "\(50 << 20) \(expected.hex)\n")
    }

    @Test func sourceDateEpochFromEnvironment() throws {
        #expect(try ArchiveOptions.fromEnvironment([:]).mtime == 315_532_800)
        #expect(try ArchiveOptions.fromEnvironment(["SOURCE_DATE_EPOCH": "1700000000"]).mtime == 1_700_000_000)
        #expect(throws: PackagingError.self) { try ArchiveOptions.fromEnvironment(["SOURCE_DATE_EPOCH": "-5"]) }
        #expect(throws: PackagingError.self) { try ArchiveOptions.fromEnvironment(["SOURCE_DATE_EPOCH": "soon"]) }
    }
}
