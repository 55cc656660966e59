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

    /// Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
    var allowsColor: Bool {
        isTerminal && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
    }
}
