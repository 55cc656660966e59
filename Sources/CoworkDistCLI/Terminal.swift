import Foundation
import ArgumentParser
import Documents

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

    /// Writes `text` straight from the string's UTF-8 (no `Data` copy). A failure (a
    /// closed pipe, a full disk) ends the write: a terminal stream has nowhere better to
    /// report it.
    func write(_ text: String) {
        var text = text
        text.withUTF8 { SafeFile.writeAll(handle.fileDescriptor, UnsafeRawBufferPointer($0)) }
    }

    /// True when the stream is an interactive terminal (colour and progress allowed).
    var isTerminal: Bool { isatty(handle.fileDescriptor) == 1 }

    /// Colour as --color, NO_COLOR, FORCE_COLOR, TERM and the stream decide (docs/cli.md).
    var allowsColor: Bool {
        OutputSettings.colorAllowed(choice: OutputSettings.shared.color, isTerminal: isTerminal,
                                    environment: ProcessInfo.processInfo.environment)
    }
}
