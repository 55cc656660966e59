import Foundation
import Documents

/// A `pattern` / `patternProperties` regular expression with ECMA-262 meaning, compiled
/// once into ICU (NSRegularExpression) through `ECMARegexTranslator`.
///
/// `@unchecked Sendable`: NSRegularExpression is immutable after creation and documented
/// as safe to use from several threads at once.
final class ECMARegex: @unchecked Sendable {
    /// The pattern as the schema wrote it.
    let source: String
    private let regex: NSRegularExpression

    init(_ source: String, at pointer: JSONPointer) throws(SchemaError) {
        self.source = source
        let translated = ECMARegexTranslator.translate(source)
        do {
            regex = try NSRegularExpression(pattern: translated, options: [])
        } catch {
            throw SchemaError(code: .schemaInvalidPattern,
                              message: "pattern \"\(source)\" is not a valid regular expression",
                              schemaPointer: pointer)
        }
    }

    /// True when the pattern matches anywhere in `text` (JSON Schema patterns are not anchored).
    func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, options: [], range: NSRange(text.startIndex..., in: text)) != nil
    }
}
