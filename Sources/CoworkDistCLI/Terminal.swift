import Foundation
import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// Output streams for commands. Library targets never print; commands write here.
struct Terminal: Sendable {
    let handle: FileHandle

    static let standardOutput = Terminal(handle: .standardOutput)
    static let standardError = Terminal(handle: .standardError)

    /// Prints `message` on standard error and returns the exit code to throw (2: usage or
    /// I/O, as docs/cli.md maps them), so a failing step is one line in a command.
    static func failure(_ message: String, status: Int32 = 2) -> ExitCode {
        standardError.write(message.hasSuffix("\n") ? message : message + "\n")
        return ExitCode(status)
    }

    /// Writes all of `text` with write(2), straight from the string's UTF-8 (no `Data`
    /// copy), retrying short writes and interrupted calls. Any other failure (a closed
    /// pipe, a full disk) ends the write: a terminal stream has nowhere better to report it.
    func write(_ text: String) {
        var text = text
        let descriptor = handle.fileDescriptor
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = writeBytes(descriptor, bytes.baseAddress.unsafelyUnwrapped + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }

    /// True when the stream is an interactive terminal (colour and progress allowed).
    var isTerminal: Bool { isatty(handle.fileDescriptor) == 1 }

    /// Colour as --color, NO_COLOR, FORCE_COLOR, TERM and the stream decide (docs/cli.md).
    var allowsColor: Bool {
        OutputSettings.colorAllowed(choice: OutputSettings.shared.color, isTerminal: isTerminal,
                                    environment: ProcessInfo.processInfo.environment)
    }
}

/// The C library's write(2), named apart from `Terminal.write`.
private func writeBytes(_ descriptor: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
