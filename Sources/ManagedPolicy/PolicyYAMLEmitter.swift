import Foundation
import Documents

/// Prints a policy as YAML: one `key: value` line per key, sorted; scalars plain when
/// that reads back identically, otherwise double-quoted; lists and maps as JSON flow
/// collections (valid YAML), so the output is deterministic and re-reads to the same policy.
public enum PolicyYAMLEmitter {
    public static func emit(_ policy: ManagedPolicy, header: String? = nil) -> String {
        var out = ""
        if let header {
            for line in header.split(separator: "\n", omittingEmptySubsequences: false) { out += "# \(line)\n" }
        }
        if let profile = policy.profile { out += "profile: \(scalar(profile))\n" }
        for entry in policy.entries.sorted(by: { $0.key < $1.key }) {
            out += "\(scalar(entry.key)): \(value(entry.value))\n"
        }
        return out
    }

    static func value(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return scalar(s)
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.literal
        case .null: return "null"
        case .array(let items): return "[" + items.map(flow).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.members.map { "\(JSONWriter.quoted($0.key)): \(flow($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// Inside flow collections strings are always quoted (commas, colons and brackets).
    static func flow(_ item: JSONValue) -> String {
        if case .string(let s) = item { return JSONWriter.quoted(s) }
        return value(item)
    }

    /// Words and characters that would make a plain scalar read back as something else.
    static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"]

    static func scalar(_ s: String) -> String {
        let plain = s.range(of: "^[A-Za-z_][A-Za-z0-9_./-]*$", options: .regularExpression) != nil
        if plain && !reserved.contains(s.lowercased()) { return s }
        return JSONWriter.quoted(s)
    }
}
