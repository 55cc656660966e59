import Foundation
import ArgumentParser

/// Where a command that produces one file writes it: standard output when no `--out` is
/// given or it is `-` (never a file named `-`), else the path, atomically.
enum OutputFile {
    static func write(_ bytes: [UInt8], to out: String?) throws {
        guard let out, out != "-" else {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        do {
            // Data.write(.atomic) writes a temporary file beside the target and renames it.
            try Data(bytes).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw Terminal.failure("error: cannot write \(out): \(error.localizedDescription)")
        }
    }
}
