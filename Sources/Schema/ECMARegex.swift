import Foundation
import Documents

/// A `pattern` / `patternProperties` regular expression with ECMA-262 meaning.
///
/// Patterns in the everyday subset (`ECMASubsetRegex`) are matched without ICU; the
/// rest compile into ICU (NSRegularExpression) through `ECMARegexTranslator`, as does a
/// subset pattern the first time a match outgrows the subset matcher's limits. ICU is
/// thus loaded only when a schema needs it: its start-up was a tenth of `validate`.
///
/// `@unchecked Sendable`: the ICU regex is created at most once, under `lock`;
/// NSRegularExpression is immutable after creation and documented as safe to use from
/// several threads at once.
final class ECMARegex: @unchecked Sendable {
    /// The pattern as the schema wrote it.
    let source: String
    private let subset: ECMASubsetRegex?
    private let lock = NSLock()
    private var icu: NSRegularExpression?

    init(_ source: String, at pointer: JSONPointer) throws(SchemaError) {
        self.source = source
        subset = ECMASubsetRegex.parse(source)
        // Outside the subset, ICU decides at once whether the pattern is valid; inside
        // it, the pattern is valid for ICU too (the subset is stricter than both dialects).
        if subset == nil {
            do {
                icu = try NSRegularExpression(pattern: ECMARegexTranslator.translate(source), options: [])
            } catch {
                throw SchemaError(code: .schemaInvalidPattern,
                                  message: "pattern \"\(source)\" is not a valid regular expression",
                                  schemaPointer: pointer)
            }
        }
    }

    /// True when the pattern matches anywhere in `text` (JSON Schema patterns are not anchored).
    func matches(_ text: String) -> Bool {
        if let subset, let found = subset.matches(text) { return found }
        return matchesWithICU(text)
    }

    /// The ICU answer, whatever the subset could say (also the reference in tests).
    func matchesWithICU(_ text: String) -> Bool {
        guard let regex = icuRegex() else { return false }
        return regex.firstMatch(in: text, options: [], range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// nil only if ICU refused a pattern the subset accepted, which the subset's
    /// stricter syntax rules out.
    private func icuRegex() -> NSRegularExpression? {
        lock.withLock {
            if icu == nil { icu = try? NSRegularExpression(pattern: ECMARegexTranslator.translate(source), options: []) }
            return icu
        }
    }
}
