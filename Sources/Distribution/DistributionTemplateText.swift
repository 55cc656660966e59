import Foundation

/// `{{name}}` substitution for init templates. Deliberately tiny: no conditionals, no
/// escapes; a `{{` that does not open a known placeholder is an error so a typo in a
/// template fails loudly instead of reaching a user's distribution.
public enum DistributionTemplateText {
    /// Replaces every `{{key}}` in `text` with `values[key]`. `file` names the template in
    /// the error for an unknown key.
    public static func substitute(_ text: String, values: [String: String], file: String) throws -> String {
        var out = ""
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "}}") else {
                throw DistributionTemplateError.unknownPlaceholder(name: String(after.prefix(20)), file: file)
            }
            let key = after[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard let value = values[key] else { throw DistributionTemplateError.unknownPlaceholder(name: key, file: file) }
            out += value
            rest = after[close.upperBound...]
        }
        out += rest
        return out
    }
}
