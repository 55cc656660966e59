import ArgumentParser
import Foundation
import Documents
import ManagedPolicy

/// The one check every command makes on a file it was given, before any work: it must
/// exist, be a regular file (not a directory) and be readable. Anything else is an I/O
/// error, exit 2, with one line naming the path (docs/cli.md).
enum InputFile {
    /// Throws ExitCode(2) after printing `error: PATH: reason` unless `path` is a readable
    /// regular file. `-` (standard input) passes when `allowStandardInput`.
    static func require(_ path: String, allowStandardInput: Bool = false) throws {
        if path == "-" && allowStandardInput { return }
        if let problem = problem(path) {
            Terminal.standardError.write("\(path):1:1: error: \(problem)\n")
            throw ExitCode(2)
        }
    }

    /// Why `path` cannot be read as a document, or nil.
    static func problem(_ path: String) -> String? {
        if path == "-" { return "standard input ('-') is not accepted here" }
        var info = stat()
        guard stat(path, &info) == 0 else { return String(cString: strerror(errno)).lowercased() }
        if info.st_mode & S_IFMT == S_IFDIR { return "is a directory, expected a file" }
        if info.st_mode & S_IFMT != S_IFREG { return "is not a regular file" }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return String(cString: strerror(errno)).lowercased() }
        close(descriptor)
        return nil
    }

    /// Standard input read whole into a temporary file named `stdin.<ext>`, so readers that
    /// choose a format by extension see one; nil when `path` is not `-`. The caller
    /// removes the directory.
    static func spoolStandardInput(_ path: String, extension ext: String) throws -> URL? {
        guard path == "-" else { return nil }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cowork-dist-stdin-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let file = directory.appendingPathComponent("stdin.\(ext)")
            try FileHandle.standardInput.readDataToEndOfFile().write(to: file)
            return file
        } catch {
            Terminal.standardError.write("error: cannot read standard input: \(error.localizedDescription)\n")
            throw ExitCode(2)
        }
    }

    /// A document argument as a policy source: `-` is standard input, read whole and named
    /// `<stdin>` in findings; anything else must be a readable file (else exit 2).
    static func source(_ path: String) throws -> PolicySource {
        guard path == "-" else {
            try require(path)
            return .file(path)
        }
        return .bytes(try readStandardInput(), name: "<stdin>")
    }

    /// Standard input, refused over the document size limit rather than read without bound.
    static func readStandardInput() throws -> [UInt8] {
        let limit = DocumentLimits.default.maxBytes
        var bytes: [UInt8] = []
        do {
            while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 16), !chunk.isEmpty {
                bytes += chunk
                if bytes.count > limit {
                    Terminal.standardError.write("<stdin>:1:1: error: standard input is larger than \(limit) bytes\n")
                    throw ExitCode(2)
                }
            }
        } catch let exit as ExitCode { throw exit } catch {
            Terminal.standardError.write("<stdin>:1:1: error: cannot read standard input: \(error.localizedDescription)\n")
            throw ExitCode(2)
        }
        return bytes
    }
}
