import Documents
import Packaging

/// Renders a `PolicyDiff` as text (`+ key: value`, `- key: value`, `~ key: old -> new`,
/// then a summary line) or as JSON in the shape documented in docs/diff.md. Secrets are
/// masked in both; text values longer than `valueWidth` are cut with "…".
public struct PolicyDiffRenderer: Sendable {
    /// The version of the JSON shape; bumped only on an incompatible change.
    public static let jsonFormatVersion = 1

    public var format: BuildDiffRenderer.Format
    public var valueWidth: Int

    public init(format: BuildDiffRenderer.Format = .text, valueWidth: Int = 80) {
        self.format = format
        self.valueWidth = valueWidth
    }

    public func render(_ diff: PolicyDiff) -> String {
        switch format {
        case .text:
            var out = "Comparing policy \(diff.oldLabel) -> \(diff.newLabel)\n\n"
            let lines = BuildDiffRenderer(valueWidth: valueWidth)
            for change in diff.keyChanges { out += lines.keyLine(change) + "\n" }
            if !diff.changes.isEmpty { out += "\n" }
            return out + Self.summary(diff) + "\n"
        case .json:
            var root = JSONObject()
            root["formatVersion"] = .number(JSONNumber(Self.jsonFormatVersion))
            root["kind"] = "policy"
            root["old"] = .string(diff.oldLabel)
            root["new"] = .string(diff.newLabel)
            root["identical"] = .bool(diff.isIdentical)
            root["changes"] = .array(diff.keyChanges.map { change in
                var object = JSONObject()
                object["key"] = .string(change.key)
                object["kind"] = .string(change.kind.rawValue)
                // Values as JSON (masked), not as their text, so tools can read them.
                if let old = change.old { object["old"] = Self.parsed(old) }
                if let new = change.new { object["new"] = Self.parsed(new) }
                object["masked"] = .bool(change.masked)
                return .object(object)
            })
            root["summary"] = .string(Self.summary(diff))
            return JSONWriter().string(.object(root))
        }
    }

    /// The last line of a text report.
    public static func summary(_ diff: PolicyDiff) -> String {
        if diff.isIdentical { return "No differences: the policies hold the same values." }
        let counts = PolicyDiff.Kind.allCases.compactMap { kind -> String? in
            let n = diff.changes.filter { $0.kind == kind }.count
            return n == 0 ? nil : "\(n) \(kind.rawValue)"
        }
        let n = diff.changes.count
        return "Summary: \(n) \(n == 1 ? "key" : "keys") differ (\(counts.joined(separator: ", ")))."
    }

    static func parsed(_ text: String) -> JSONValue {
        (try? DocumentLoader().parse(bytes: Array(text.utf8), format: .json, file: "value").value) ?? .string(text)
    }
}
