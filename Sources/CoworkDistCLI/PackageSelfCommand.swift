import ArgumentParser
import Foundation
import Packaging

/// `cowork-dist package-directory STAGED --out DIR` (hidden): `make dist` packages the tool
/// itself with the same deterministic archiver its users' builds get:
/// DIR/<basename>.tar.gz and DIR/SHA256SUMS listing every archive in DIR.
struct PackageDirectoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "package-directory",
        abstract: "Archive a staged directory reproducibly and update SHA256SUMS beside it (used by make dist).",
        shouldDisplay: false
    )

    @Argument(help: "The staged directory; its name becomes the archive's top-level folder and file name.")
    var staged: String

    @Option(help: "Where to write <name>.tar.gz and SHA256SUMS.")
    var out: String

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if out == "-" { throw ValidationError("--out - is not supported: package-directory writes two files; give a directory") }
    }

    func run() throws {
        let source = URL(fileURLWithPath: staged).standardizedFileURL
        let name = source.lastPathComponent
        let outDirectory = URL(fileURLWithPath: out)
        do {
            let options = try ArchiveOptions.fromEnvironment(ProcessInfo.processInfo.environment)
            try FileManager.default.createDirectory(at: outDirectory, withIntermediateDirectories: true)
            let archive = "\(name).tar.gz"
            try ArchiveWriter.write(try DirectoryArchive.entries(of: source, prefix: name), format: .tarGzip,
                                    to: outDirectory.appendingPathComponent(archive), options: options)
            // Every tool archive already in the directory stays listed (one per architecture).
            let archives = try FileManager.default.contentsOfDirectory(atPath: outDirectory.path)
                .filter { $0.hasSuffix(".tar.gz") && !$0.hasPrefix(".") }
            let sums = try Checksums.sha256sums(of: archives, in: outDirectory)
            try Data(sums.utf8).write(to: outDirectory.appendingPathComponent(Checksums.fileName), options: .atomic)
            common.info("wrote \(out)/\(archive) and \(out)/\(Checksums.fileName)")
        } catch {
            Terminal.standardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
    }
}
