import Documents

/// The effective policy as text: each key, its preference-store value and its origin.
public enum PolicyOrigins {
    /// Where one entry came from: `preset NAME (file:line)` or `file:line`.
    public static func origin(_ entry: PolicyEntry) -> String {
        let place = entry.location.map { "\($0.file):\($0.line)" }
        if let preset = entry.preset { return "preset \(preset)" + (place.map { " (\($0))" } ?? "") }
        return place ?? "built in"
    }

    public static func table(_ policy: ManagedPolicy) -> String {
        var out = policy.profile.map { "# profile: \($0)\n" } ?? ""
        for entry in policy.entries {
            out += "\(entry.key) = \(PolicyValueCoder.encode(entry.value))    # \(origin(entry))\n"
        }
        return out
    }
}
