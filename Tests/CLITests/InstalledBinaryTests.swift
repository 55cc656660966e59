import Foundation
import Testing
import TestSupport

/// The binary as a user gets it: a copy in an empty directory (or the tree `make install`
/// laid down, named by COWORK_DIST_INSTALLED_BINARY, as `make test-installed` does), run
/// from another empty directory with a bare environment and, where a private mount
/// namespace is allowed, the whole checkout (sources, templates, .build) hidden behind an
/// empty tmpfs: nothing may resolve back into the build. init → check → build for both
/// kinds, then every `policy` subcommand.
@Suite(.serialized) struct InstalledBinaryTests {
    struct Installed {
        let binary: URL
        let work: TemporaryDirectory
        let hideCheckout: Bool

        func run(_ arguments: [String]) throws -> ProcessResult {
            let env = ["PATH": "/usr/bin:/bin", "HOME": work.path, "NO_COLOR": "1", "LANG": "C.UTF-8"]
            guard hideCheckout else { return try ProcessRunner.run(binary.path, arguments, cwd: work.url, environment: env) }
            // The checkout is mounted over in a private namespace, then the binary runs.
            let script = "mount -t tmpfs tmpfs \"$1\" && shift && exec \"$@\""
            return try ProcessRunner.run("/usr/bin/unshare", ["-m", "--propagation", "private", "/bin/sh", "-c", script, "sh",
                                                              SharedData.projectRoot.path, binary.path] + arguments,
                                         cwd: work.url, environment: env)
        }
    }

    func install() throws -> Installed {
        let work = try TemporaryDirectory(prefix: "cowork-dist-installed")
        // A copy, outside the checkout (an install under .build would be hidden with it).
        var source = ProcessRunner.coworkDistBinary
        if let installed = ProcessInfo.processInfo.environment["COWORK_DIST_INSTALLED_BINARY"], !installed.isEmpty {
            source = URL(fileURLWithPath: installed)
        }
        let binary = work.file("bin/cowork-dist")
        try FileManager.default.createDirectory(at: binary.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: binary)
        try FileManager.default.createDirectory(at: work.file("cwd"), withIntermediateDirectories: true)
        let probe = try ProcessRunner.run("/usr/bin/unshare", ["-m", "--propagation", "private", "/bin/sh", "-c",
                                                               "mount -t tmpfs tmpfs \"$1\"", "sh", SharedData.projectRoot.path])
        if probe.status != 0 { print("note: no private mount namespace here; the checkout stays visible (\(probe.stderr))") }
        return Installed(binary: binary, work: work, hideCheckout: probe.status == 0)
    }

    @Test func theInstalledBinaryRunsEverythingWithoutTheCheckout() throws {
        let installed = try install()
        defer { installed.work.remove() }
        func expectRun(_ arguments: [String], status: Int32 = 0) throws -> ProcessResult {
            let result = try installed.run(arguments)
            #expect(result.status == status, "cowork-dist \(arguments.joined(separator: " ")): \(result.stdout)\(result.stderr)")
            #expect(!result.stderr.contains("resource bundle"), "\(result.stderr)")
            return result
        }
        // The checkout really is out of reach for the process under test.
        if installed.hideCheckout {
            let listing = try ProcessRunner.run("/usr/bin/unshare", ["-m", "--propagation", "private", "/bin/sh", "-c",
                                                                     "mount -t tmpfs tmpfs \"$1\" && ls -A \"$1\"", "sh", SharedData.projectRoot.path])
            #expect(listing.status == 0 && listing.stdout.isEmpty, "\(listing.stdout)")
        }
        #expect(try expectRun(["--version"]).stdout.contains("."))
        for kind in ["desktop", "claude-3p"] {
            let name = "installed-\(kind == "desktop" ? "desktop" : "tp")"
            _ = try expectRun(["init", name, "--kind", kind])
            _ = try expectRun(["check", name])  // the stand-in upstream warns (upstream-stand-in)
            _ = try expectRun(["build", name, "--quiet"])
            let sums = try String(contentsOf: installed.work.file("dist/\(name)/SHA256SUMS"), encoding: .utf8)
            #expect(sums.split(separator: "\n").count >= 3, "\(sums)")
            let verify = try ProcessRunner.run("sha256sum", ["-c", "--quiet", "SHA256SUMS"], cwd: installed.work.file("dist/\(name)"))
            #expect(verify.status == 0, "\(verify.stdout)")
        }
        let policy = "installed-tp/policy/managed.yaml"
        _ = try expectRun(["policy", "check", policy, "--strict"])
        for format in ["mobileconfig", "reg", "json", "linux"] {
            _ = try expectRun(["policy", "export", policy, "--format", format, "--name", "acme", "--out", "acme.\(format)"])
        }
        let imported = try expectRun(["policy", "import", "acme.mobileconfig"])
        #expect(imported.stdout.contains("inferenceProvider") || imported.stdout.contains(":"), "\(imported.stdout)")
        _ = try expectRun(["policy", "import", "acme.reg"])
        _ = try expectRun(["policy", "audit", "acme.mobileconfig"])
        _ = try expectRun(["policy", "audit", "acme.json"])
    }

    /// The release build links the Swift runtime statically: no libswift*/libFoundation*
    /// from a toolchain. Only checked on the binary `make test-installed` installed.
    @Test func theReleaseBinaryNeedsNoSwiftToolchain() throws {
        guard let installed = ProcessInfo.processInfo.environment["COWORK_DIST_INSTALLED_BINARY"], !installed.isEmpty else {
            print("note: COWORK_DIST_INSTALLED_BINARY is not set (make test-installed sets it); static-runtime check skipped")
            return
        }
        let ldd = try ProcessRunner.run("ldd", [installed])
        #expect(ldd.status == 0)
        #expect(!ldd.stdout.contains("libswift") && !ldd.stdout.contains("libFoundation") && !ldd.stdout.contains("/opt/swift"),
                "\(ldd.stdout)")
        print("shared libraries of the installed binary:\n\(ldd.stdout)")
    }
}
