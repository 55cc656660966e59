import Documents
import Diagnostics

extension SchemaViolation {
    /// Keywords that point at a member the parent object should not have: their message
    /// is prefixed with the parent's path (as Ajv prints them) and their location is the
    /// member's key.
    static let memberKeywords: Set<String> = ["additionalProperties", "unevaluatedProperties", "propertyNames"]

    /// This violation as a finding: code `schema-<keyword in kebab case>`, the message
    /// prefixed with the dotted instance path (`branding.sidebar.top.mediaSize must be >= 16`),
    /// the instance pointer, the position from the document's source map, and the
    /// suggestion as hint.
    public func finding(in document: Document?, severity: Severity = .error) -> Finding {
        let isMember = Self.memberKeywords.contains(keyword)
        let subject = isMember ? (instancePointer.parent ?? .root) : instancePointer
        let path = subject.dotted(in: document?.value)
        let text = path.isEmpty ? message : "\(path) \(message)"
        let location = document?.location(of: instancePointer, preferKey: isMember)
        return Finding(severity, code: .schema(keyword: Self.kebab(keyword)), message: text, location: location,
                       pointer: instancePointer, hint: suggestion)
    }

    /// `additionalProperties` → `additional-properties`, `$ref` → `ref`.
    static func kebab(_ keyword: String) -> String {
        var out = ""
        for c in keyword where c.isLetter || c.isNumber {
            if c.isUppercase {
                if !out.isEmpty { out += "-" }
                out += c.lowercased()
            } else {
                out.append(c)
            }
        }
        return out.isEmpty ? "invalid" : out
    }
}

extension Array where Element == SchemaViolation {
    /// All violations as findings against `document`.
    public func findings(in document: Document?) -> [Finding] {
        map { $0.finding(in: document) }
    }
}
