import ArgumentParser
import Foundation
import ManagedPolicy

/// When to colour text output.
enum ColorChoice: String, ListedArgument, Sendable {
    case auto, always, never
}

/// The options every subcommand takes (docs/cli.md): how chatty to be and when to colour.
/// Machine output (JSON, SARIF, a converted document, an export on standard output) is
/// never changed by them.
struct CommonOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only errors: no summaries, progress, warnings or notes.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print what is being done, step by step, on standard error.")
    var verbose = false

    @Option(help: ArgumentHelp("Colour text output: auto (a terminal, unless NO_COLOR or TERM=dumb; FORCE_COLOR forces it), always or never.",
                               valueName: "when"))
    var color: ColorChoice = .auto

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
        // Parsing happens once per process, before run(): the settings hold for every write.
        OutputSettings.shared.set(color: color, quiet: quiet, verbose: verbose)
    }

    /// A progress or summary line on standard output, unless --quiet.
    func info(_ text: String) {
        if !quiet { Terminal.standardOutput.write(text.hasSuffix("\n") ? text : text + "\n") }
    }

    /// A step-by-step line on standard error, only with --verbose.
    func detail(_ text: String) {
        if verbose { Terminal.standardError.write(text.hasSuffix("\n") ? text : text + "\n") }
    }

    /// Runs one stage of a command; with --verbose, names it and its wall time on
    /// standard error (`stage NAME: N ms`), the same line shape in every command.
    func stage<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard verbose else { return try body() }
        let start = ContinuousClock.now
        defer { detail("stage \(name): \(Self.milliseconds(since: start)) ms") }
        return try body()
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = (ContinuousClock.now - start).components
        return elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
    }
}

/// The process-wide output settings the common options chose (colour, verbosity), read
/// by `Terminal` when it decides on colour and by the findings writers.
final class OutputSettings: @unchecked Sendable {
    static let shared = OutputSettings()
    private let lock = NSLock()
    private var colorChoice = ColorChoice.auto
    private var quietFlag = false
    private var verboseFlag = false

    func set(color: ColorChoice, quiet: Bool, verbose: Bool) {
        lock.withLock { colorChoice = color; quietFlag = quiet; verboseFlag = verbose }
    }

    var color: ColorChoice { lock.withLock { colorChoice } }
    var quiet: Bool { lock.withLock { quietFlag } }
    var verbose: Bool { lock.withLock { verboseFlag } }

    /// Whether a stream that is (or is not) a terminal gets colour: --color always/never
    /// decide; under auto, NO_COLOR (no-color.org) wins, then FORCE_COLOR, then TERM=dumb,
    /// then whether the stream is a terminal.
    static func colorAllowed(choice: ColorChoice, isTerminal: Bool, environment: [String: String]) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            if let force = environment["FORCE_COLOR"], !force.isEmpty, force != "0" { return true }
            if environment["TERM"] == "dumb" { return false }
            return isTerminal
        }
    }
}

extension CheckCommand {
    /// `--app-version` is a usage error (exit 2) when malformed, in check and build as in
    /// the policy commands.
    static func validateAppVersion(_ text: String?) throws {
        if let text, AppRelease(text) == nil {
            throw ValidationError("--app-version must be dotted numbers, e.g. 1.19367.0, got '\(text)'")
        }
    }
}
