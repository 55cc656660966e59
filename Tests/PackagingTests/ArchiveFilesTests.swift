import Foundation
import Testing
import TestSupport
@testable import Packaging

/// The read-back an install's emulated load uses answers like the full listing: files
/// only (not directories or links), bytes only for the paths asked for, the last entry
/// for a path winning as it would when unpacked.
@Suite struct ArchiveFilesTests {
    @Test(arguments: [ArchiveFormat.tarGzip, .zip])
    func filesAndKeptBytesMatchTheFullListing(_ format: ArchiveFormat) throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let url = tmp.file("a.\(format.fileExtension)")
        try ArchiveWriter.write([.text("root/config.json", "{}\n"), .text("root/skills/s/SKILL.md", "---\n"),
                                 .symlink("root/link", target: "config.json"), .directory("root/empty")],
                                format: format, to: url)
        let keep: (String) -> Bool = { $0.hasSuffix(".json") }
        let files = try ArchiveFiles.read(url, keep: keep)
        let listing = try ArchiveListing.read(url, keep: keep)
        #expect(files.files == Set(listing.entries.filter { $0.kind == .file }.map(\.path)))
        #expect(files.files == ["root/config.json", "root/skills/s/SKILL.md"])
        #expect(files.kept == ["root/config.json": Array("{}\n".utf8)])
        for entry in listing.entries {
            #expect(files.files.contains(entry.path) == (entry.kind == .file), "\(entry.path)")
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "needs python3"))
    func aLaterEntryForAPathReplacesTheEarlierOne() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        let tarball = tmp.file("dup.tar.gz")
        // "x" as a file, then as a directory; "y" as a file twice.
        let script = """
        import io, sys, tarfile
        with tarfile.open(sys.argv[1], "w:gz") as t:
            for name, kind, data in [("x", tarfile.REGTYPE, b"first"), ("x", tarfile.DIRTYPE, b""),
                                     ("y", tarfile.REGTYPE, b"old"), ("y", tarfile.REGTYPE, b"new")]:
                info = tarfile.TarInfo(name); info.type = kind; info.size = len(data)
                t.addfile(info, io.BytesIO(data))
        """
        let made = try ProcessRunner.run("/usr/bin/python3", ["-c", script, tarball.path])
        #expect(made.status == 0, "\(made.stderr)")
        let files = try ArchiveFiles.read(tarball, keep: { _ in true })
        #expect(files.files == ["y"])
        #expect(files.kept == ["y": Array("new".utf8)])
    }
}
