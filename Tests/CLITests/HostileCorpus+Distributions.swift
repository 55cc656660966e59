import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestSupport

/// Hostile distributions: each a copy of the small `DistributionFixture` with one thing
/// made hostile, run through `check` (and `build --out`, which must write nothing).
extension HostileCorpus {
    /// A fresh fixture distribution under `work/<name>`; `change` makes it hostile.
    func distribution(_ name: String, _ change: (URL) throws -> Void) throws -> URL {
        let fixture = try DistributionFixture()
        let root = work.appendingPathComponent(name)
        try FileManager.default.moveItem(at: fixture.dir.url, to: root)
        try change(root)
        return root.appendingPathComponent("dist")
    }

    func edit(_ file: URL, _ transform: (String) -> String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(transform(text).utf8).write(to: file)
    }

    /// `check DIST`, and `build DIST --out OUT` expecting nothing under OUT.
    mutating func checkAndBuild(_ name: String, _ dist: URL, extra: [String] = [], secrets: [String] = [], build: Bool = true) {
        cases.append(HostileCase(name: "check \(name)", arguments: ["check", dist.path] + extra, secrets: secrets))
        guard build else { return }
        let out = dist.deletingLastPathComponent().appendingPathComponent("out")
        cases.append(HostileCase(name: "build \(name)", arguments: ["build", dist.path, "--out", out.path] + extra,
                                 output: out, secrets: secrets))
    }

    /// Directories nested `depth` levels below `parent`, created relative to open
    /// descriptors (a 10,000-level path is far beyond PATH_MAX).
    func nest(_ parent: URL, depth: Int) throws {
        var fd = open(parent.path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        for _ in 0..<depth {
            guard mkdirat(fd, "d", 0o755) == 0 else { close(fd); throw CocoaError(.fileWriteUnknown) }
            let next = openat(fd, "d", O_RDONLY | O_DIRECTORY)
            close(fd)
            guard next >= 0 else { throw CocoaError(.fileWriteUnknown) }
            fd = next
        }
        let file = openat(fd, "SKILL.md", O_WRONLY | O_CREAT, 0o644)
        if file >= 0 { close(file) }
        close(fd)
    }

    mutating func addDistributions() throws {
        // {file:} target that is a FIFO: check used to pass and build then blocked on it.
        let fifoTarget = try distribution("file-target-fifo") { root in
            try edit(root.appendingPathComponent("dist/acme.yaml")) { $0.replacingOccurrences(of: "name: Acme", with: "name: \"{file:notes.txt}\"") }
            guard mkfifo(root.appendingPathComponent("dist/notes.txt").path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
        }
        checkAndBuild("{file:} FIFO", fifoTarget)
        let zeroTarget = try distribution("file-target-zero") { root in
            try edit(root.appendingPathComponent("dist/acme.yaml")) { $0.replacingOccurrences(of: "name: Acme", with: "name: \"{file:zero.txt}\"") }
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("dist/zero.txt").path, withDestinationPath: "/dev/zero")
        }
        checkAndBuild("{file:} /dev/zero", zeroTarget)

        // The upstream config as a FIFO, or a link to /dev/zero.
        let upstreamFIFO = try distribution("upstream-config-fifo") { root in
            let config = root.appendingPathComponent("upstream/open-cowork.config.json")
            try FileManager.default.removeItem(at: config)
            guard mkfifo(config.path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
        }
        checkAndBuild("upstream config FIFO", upstreamFIFO)
        let upstreamZero = try distribution("upstream-config-zero") { root in
            let config = root.appendingPathComponent("upstream/open-cowork.config.json")
            try FileManager.default.removeItem(at: config)
            try FileManager.default.createSymbolicLink(atPath: config.path, withDestinationPath: "/dev/zero")
        }
        checkAndBuild("upstream config /dev/zero", upstreamZero)

        // Archive upstreams that libarchive cannot open (the double free), or that block.
        let archives: [(String, (URL) throws -> Void)] = [
            ("empty", { FileManager.default.createFile(atPath: $0.path, contents: Data()) }),
            ("garbage", { try Data("this is not an archive\n".utf8).write(to: $0) }),
            ("truncated-gzip", { try Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x01]).write(to: $0) }),
            ("fifo", { guard mkfifo($0.path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) } }),
            ("dev-zero", { try FileManager.default.createSymbolicLink(atPath: $0.path, withDestinationPath: "/dev/zero") }),
        ]
        for (kind, make) in archives {
            let dist = try distribution("upstream-archive-\(kind)") { root in
                try make(root.appendingPathComponent("dist/upstream.tar.gz"))
                try edit(root.appendingPathComponent("dist/distribution.yaml")) {
                    $0.replacingOccurrences(of: "upstream: {path: ../upstream}", with: "upstream: {archive: upstream.tar.gz}")
                }
            }
            checkAndBuild("upstream archive \(kind)", dist)
        }

        // A skill 10,000 directories deep.
        let deep = try distribution("deep-skill") { root in
            try nest(root.appendingPathComponent("dist/skills/acme-help"), depth: 10_000)
        }
        checkAndBuild("skill 10,000 levels deep", deep)

        // Hostile SVG logos.
        for svg in files("svg") {
            let dist = try distribution("svg-\(svg)") { root in
                let logo = root.appendingPathComponent("dist/branding/logo.svg")
                try FileManager.default.removeItem(at: logo)
                try FileManager.default.copyItem(atPath: fixture("svg/" + svg), toPath: logo.path)
            }
            checkAndBuild("logo \(svg)", dist, build: false)
            committed += 1
        }

        // mediaSize near Int64.max on a raster logo (the doubling trapped); --strict turns
        // the low-resolution warning into a failure.
        let media = try distribution("media-size") { root in
            var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
            png += Array("IHDR".utf8) + [0, 0, 0, 16, 0, 0, 0, 16, 8, 6, 0, 0, 0]
            try Data(png).write(to: root.appendingPathComponent("dist/branding/logo.png"))
            try edit(root.appendingPathComponent("dist/acme.yaml")) {
                $0.replacingOccurrences(of: "logoAsset: branding/logo.svg", with: "logoAsset: branding/logo.png, mediaSize: 9223372036854775807")
            }
        }
        checkAndBuild("mediaSize Int64.max", media, extra: ["--strict"])

        // Secrets: literal ones are findings, and no report repeats them.
        let google = "AIzaSyD" + "k3Jx9Qw7Lm2Np4Rt6Vb8Zc1Xe5Gh0Ij2K"
        let password = "S3cret" + "Passw0rd77"
        let secrets = try distribution("secrets") { root in
            try edit(root.appendingPathComponent("dist/acme.yaml")) {
                $0.replacingOccurrences(of: "name: Acme\n", with: "name: Acme\n  helpUrl: https://admin:\(password)@help.acme.example/\n  projectNamespace2: \(google)\n")
                    .replacingOccurrences(of: "  projectNamespace: acme\n", with: "  projectNamespace: acme\n")
            }
        }
        checkAndBuild("literal secrets", secrets, secrets: [google, password])
    }
}
