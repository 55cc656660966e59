import Foundation
import Testing
import TestSupport

/// `package-directory` (what `make dist` runs): a staged tree becomes a reproducible
/// tar.gz named after it, listed in SHA256SUMS, modes kept, owners and times normalised.
@Suite struct PackageDirectoryTests {
    var binary: String { ProcessRunner.coworkDistBinary.path }

    @Test func aStagedTreeIsArchivedReproduciblyWithChecksums() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let stage = "stage/cowork-dist-9.9.9-linux-test"
        try dir.write("\(stage)/bin/cowork-dist", "#!/bin/sh\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dir.file("\(stage)/bin/cowork-dist").path)
        try dir.write("\(stage)/share/doc/cowork-dist/README.md", "read me\n")
        let env = ["SOURCE_DATE_EPOCH": "1700000000"]
        for out in ["a", "b"] {
            let result = try ProcessRunner.run(binary, ["package-directory", dir.file(stage).path, "--out", dir.file(out).path, "-q"],
                                               environment: env)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        let archive = "cowork-dist-9.9.9-linux-test.tar.gz"
        #expect(try Data(contentsOf: dir.file("a/\(archive)")) == Data(contentsOf: dir.file("b/\(archive)")))
        let sums = try ProcessRunner.run("sha256sum", ["-c", "SHA256SUMS"], cwd: dir.file("a"))
        #expect(sums.status == 0 && sums.stdout == "\(archive): OK\n", "\(sums.stdout)")
        let listing = try ProcessRunner.run("tar", ["-tvzf", dir.file("a/\(archive)").path])
        #expect(listing.stdout.contains("-rwxr-xr-x 0/0") && listing.stdout.contains("cowork-dist-9.9.9-linux-test/bin/cowork-dist"), "\(listing.stdout)")
        #expect(listing.stdout.contains("-rw-r--r-- 0/0") && listing.stdout.contains("2023-11-14"), "\(listing.stdout)")
        let refused = try ProcessRunner.run(binary, ["package-directory", dir.file(stage).path, "--out", "-"])
        #expect(refused.status == 2)
    }
}
