import Dispatch
import Foundation
import Documents

/// A `pattern` / `patternProperties` regular expression with ECMA-262 meaning, compiled
/// once into ICU (NSRegularExpression) through `ECMARegexTranslator`.
///
/// The ICU compile runs on `PatternCompilation`'s thread while the schema compiler goes
/// on with the rest of the schema; the compiler waits for it before it returns, so a
/// compiled schema only ever holds finished patterns.
///
/// `@unchecked Sendable`: `compiled` is written once, on the pattern thread, before the
/// compiler's wait returns (the wait orders it before every read); NSRegularExpression is
/// immutable after creation and documented as safe to use from several threads at once.
final class ECMARegex: @unchecked Sendable {
    /// The pattern as the schema wrote it.
    let source: String
    /// Where the schema first wrote it: the place an invalid pattern is reported.
    let pointer: JSONPointer
    /// Nil until compiled, and after that when the pattern is not a valid expression.
    private var compiled: NSRegularExpression?

    init(_ source: String, at pointer: JSONPointer) {
        self.source = source
        self.pointer = pointer
    }

    /// Compiles the pattern into ICU (on the pattern thread).
    fileprivate func compile() {
        compiled = try? NSRegularExpression(pattern: ECMARegexTranslator.translate(source), options: [])
    }

    /// False for a pattern ICU refused; read after `PatternCompilation.wait()` only.
    fileprivate var isValid: Bool { compiled != nil }

    /// The error an invalid pattern gives, located where the schema first wrote it.
    var invalid: SchemaError {
        SchemaError(code: .schemaInvalidPattern, message: "pattern \"\(source)\" is not a valid regular expression",
                    schemaPointer: pointer)
    }

    /// True when the pattern matches anywhere in `text` (JSON Schema patterns are not anchored).
    func matches(_ text: String) -> Bool {
        guard let compiled else { preconditionFailure("pattern \"\(source)\" used before its compilation finished") }
        return compiled.firstMatch(in: text, options: [], range: NSRange(text.startIndex..., in: text)) != nil
    }
}

/// The patterns of one schema compile, handed to ICU on a second thread as the compiler
/// meets them. ICU's first regular expression in a process pays a one-time set-up (its
/// Unicode property sets, about 2.5 ms here), and each pattern compiles in tens of
/// microseconds; on its own thread that work overlaps the schema's loading and compiling
/// instead of adding to them.
///
/// Results are as a sequential compile gives: `wait()` names the first invalid pattern in
/// the order the compiler met them, and the compiler reports it ahead of any later error.
final class PatternCompilation: @unchecked Sendable {
    /// One serial queue for the process: ICU's set-up happens once, on it.
    private static let queue = DispatchQueue(label: "cowork-dist.schema.patterns")
    private let group = DispatchGroup()
    /// Every pattern handed over, in the order the compiler met them (compiler thread only).
    private var patterns: [ECMARegex] = []

    /// Starts ICU's one-time set-up on the pattern thread, for a caller about to load a
    /// schema: the set-up then overlaps the loading too. Later calls do nothing.
    static func prepare() { _ = preparation }

    private static let preparation: Void = {
        queue.async { _ = try? NSRegularExpression(pattern: "^[a-z]+$", options: []) }
    }()

    /// Hands `regex` to the pattern thread.
    func add(_ regex: ECMARegex) {
        patterns.append(regex)
        group.enter()
        Self.queue.async { [group] in
            regex.compile()
            group.leave()
        }
    }

    /// Waits for every pattern handed over; the first invalid one (in the compiler's
    /// order), if any.
    func wait() -> ECMARegex? {
        group.wait()
        return patterns.first { !$0.isValid }
    }
}
