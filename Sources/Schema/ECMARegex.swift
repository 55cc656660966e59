import CPCRE2
import Documents

/// A `pattern` / `patternProperties` regular expression with ECMA-262 meaning, compiled
/// once into PCRE2 through `ECMARegexTranslator`.
///
/// PCRE2 rather than ICU (`NSRegularExpression`): ICU's first regular expression in a
/// process builds its Unicode property sets, about 8 million instructions (2.5 ms here),
/// which cost every schema-using command more than the rest of compiling the upstream
/// schema did. A PCRE2 compile is a few microseconds and needs no set-up.
///
/// `@unchecked Sendable`: the compiled code and the match context are written once, in
/// `init`, and only read afterwards; PCRE2 documents compiled patterns as shareable
/// between threads, and each match gets its own match data.
final class ECMARegex: @unchecked Sendable {
    /// The pattern as the schema wrote it.
    let source: String
    private let code: OpaquePointer
    private let context: OpaquePointer

    /// Backtracking steps one match may take before it gives up: far above what a
    /// config value needs (thousands), low enough that a catastrophic pattern on a long
    /// value stops in well under a second instead of running for hours.
    static let matchLimit: UInt32 = 1_000_000

    /// UTF mode (code points, as the `u` flag), and a backreference to a group that has not
    /// taken part matches the empty string, as in ECMA-262 (PCRE2's default fails it).
    private static let options = PCRE2_UTF | PCRE2_NO_UTF_CHECK | PCRE2_MATCH_UNSET_BACKREF

    /// How one value fared against the pattern.
    enum Outcome {
        case matched, unmatched
        /// PCRE2 stopped at `matchLimit` (or its heap limit) without an answer.
        case undecided
    }

    /// Nil when `source` is not a valid ECMA-262 pattern (or PCRE2 refuses its translation).
    init?(_ source: String) {
        guard let translated = ECMARegexTranslator.translate(source) else { return nil }
        var errorCode: Int32 = 0
        var errorOffset = 0
        let compiled = Self.withBytes(translated) { text, count in
            pcre2_compile_8(text, count, Self.options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else { return nil }
        guard let context = pcre2_match_context_create_8(nil) else {
            pcre2_code_free_8(compiled)
            return nil
        }
        pcre2_set_match_limit_8(context, Self.matchLimit)
        self.source = source
        self.code = compiled
        self.context = context
    }

    deinit {
        pcre2_match_context_free_8(context)
        pcre2_code_free_8(code)
    }

    /// Whether the pattern matches anywhere in `text` (JSON Schema patterns are not anchored).
    func match(_ text: String) -> Outcome {
        guard let data = pcre2_match_data_create_8(1, nil) else { return .undecided }
        defer { pcre2_match_data_free_8(data) }
        // Swift strings are valid UTF-8, so PCRE2's own check is skipped.
        let result = Self.withBytes(text) { bytes, count in
            pcre2_match_8(code, bytes, count, 0, PCRE2_NO_UTF_CHECK, data, context)
        }
        if result >= 0 { return .matched }
        return result == PCRE2_ERROR_NOMATCH ? .unmatched : .undecided
    }

    /// `body` given `text`'s UTF-8 bytes and their count; an empty text still gets an
    /// address, which PCRE2 wants.
    private static func withBytes<Result>(_ text: String, _ body: (UnsafePointer<UInt8>, Int) -> Result) -> Result {
        var text = text
        return text.withUTF8 { bytes in
            if let base = bytes.baseAddress { return body(base, bytes.count) }
            var none: UInt8 = 0
            return withUnsafePointer(to: &none) { body($0, 0) }
        }
    }

    /// The error an invalid pattern gives, located where the schema writes it.
    static func invalid(_ source: String, at pointer: JSONPointer) -> SchemaError {
        SchemaError(code: .schemaInvalidPattern, message: "pattern \"\(source)\" is not a valid regular expression",
                    schemaPointer: pointer)
    }
}
