import Foundation
import ArgumentParser

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

    func write(_ text: String) {
        handle.write(Data(text.utf8))
    }

    /// True when the stream is an interactive terminal (colour and progress allowed).
    var isTerminal: Bool { isatty(handle.fileDescriptor) == 1 }

    /// Colour as --color, NO_COLOR, FORCE_COLOR, TERM and the stream decide (docs/cli.md).
    var allowsColor: Bool {
        OutputSettings.colorAllowed(choice: OutputSettings.shared.color, isTerminal: isTerminal,
                                    environment: ProcessInfo.processInfo.environment)
    }
}
