import Foundation

/// Output streams for commands. Library targets never print; commands write here.
struct Terminal: Sendable {
    let handle: FileHandle

    static let standardOutput = Terminal(handle: .standardOutput)
    static let standardError = Terminal(handle: .standardError)

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
