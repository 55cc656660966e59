import Documents

/// Renders a `BuildDiff` as text that reads as release notes, or as JSON in the stable
/// shape documented in docs/diff.md. Output ends with a newline.
public struct BuildDiffRenderer: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    public var format: Format
    /// Longest rendering of a config value in text before it is cut with "…" (JSON output is never cut).
    public var valueWidth: Int

    public init(format: Format = .text, valueWidth: Int = 80) {
        self.format = format
        self.valueWidth = valueWidth
    }

    public func render(_ diff: BuildDiff) -> String {
        switch format {
        case .text: return text(diff)
        case .json: return JSONWriter().string(diff.json)
        }
    }

    private func text(_ diff: BuildDiff) -> String {
        var sections: [(String, [String])] = []
        sections.append(("Distribution", diff.fields.map { "~ \($0.field): \($0.old) -> \($0.new)" }))
        sections.append(("Placeholders",
                         diff.placeholdersKept.added.map { "+ kept: \($0)" } + diff.placeholdersKept.removed.map { "- kept: \($0)" }
                         + diff.placeholdersResolved.added.map { "+ resolved: \($0)" }
                         + diff.placeholdersResolved.removed.map { "- resolved: \($0)" }))
        sections.append(("Targets", diff.targets.added.map { "+ \($0)" } + diff.targets.removed.map { "- \($0)" }))
        sections.append(("Config", configLines(diff.config)))
        sections.append(("Content", diff.content.map { fileLine($0) }))
        sections.append(("Artifacts", diff.outputs.flatMap { output in
            [outputLine(output)] + (output.keys ?? []).map { "    " + keyLine($0) } + output.entries.map { "    " + fileLine($0) }
        }))
        var out = "Comparing \(diff.oldLabel) -> \(diff.newLabel)\n"
        for (title, lines) in sections where !lines.isEmpty {
            out += "\n\(title)\n" + lines.map { $0 + "\n" }.joined()
        }
        out += "\n" + BuildDiffRenderer.summary(diff) + "\n"
        return out
    }

    private func configLines(_ config: BuildDiff.ConfigChange) -> [String] {
        if !config.structural {
            guard config.digestChanged else { return [] }
            return ["~ config digest: \(config.oldSHA256) -> \(config.newSHA256) (no \(BuildDiffInput.configFileName) on both sides to compare)"]
        }
        if config.changes.isEmpty && config.digestChanged {
            return ["~ config digest: \(config.oldSHA256) -> \(config.newSHA256) (same values; order or number spelling differs)"]
        }
        return config.changes.map { change in
            let pointer = change.pointer.isRoot ? "/" : change.pointer.description
            switch change.kind {
            case .added: return "+ \(pointer): \(short(change.new))"
            case .removed: return "- \(pointer): \(short(change.old))"
            case .changed: return "~ \(pointer): \(short(change.old)) -> \(short(change.new))"
            }
        }
    }

    private func short(_ value: JSONValue?) -> String {
        let text = JSONWriter.compact.string(value ?? .null)
        guard text.count > valueWidth else { return text }
        return String(text.prefix(max(valueWidth - 1, 1))) + "…"
    }

    private func fileLine(_ change: BuildDiff.FileChange) -> String {
        switch change.kind {
        case .added: return "+ \(change.path) (\(BuildDiffRenderer.size(change.new?.size ?? 0)))"
        case .removed: return "- \(change.path) (\(BuildDiffRenderer.size(change.old?.size ?? 0)))"
        case .changed:
            var details: [String] = []
            if change.contentChanged {
                details.append(change.sizeDelta == 0 ? "content changed, same size" : BuildDiffRenderer.signedSize(change.sizeDelta))
            }
            if let mode = change.modeChange { details.append("mode \(mode.old) -> \(mode.new)") }
            return "~ \(change.path)" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")
        }
    }

    private func outputLine(_ change: BuildDiff.OutputChange) -> String {
        switch change.kind {
        case .added: return "+ \(change.name) (\(BuildDiffRenderer.size(change.new?.size ?? 0)))"
        case .removed: return "- \(change.name) (\(BuildDiffRenderer.size(change.old?.size ?? 0)))"
        case .changed:
            if let keys = change.keys {
                // A policy export: what changed is its keys, not its byte count.
                let detail = keys.isEmpty ? "same policy values, bytes differ" : "policy: " + BuildDiffRenderer.plural(keys.count, "key", "keys")
                return "~ \(change.name) (\(detail))"
            }
            let detail = change.sizeDelta == 0 ? "same size" : BuildDiffRenderer.signedSize(change.sizeDelta)
            let entries = change.entries.isEmpty ? "" : ", \(BuildDiffRenderer.plural(change.entries.count, "entry", "entries"))"
            return "~ \(change.name) (\(detail)\(entries))"
        }
    }

    /// One key of a policy export: `+ key: value`, `- key: value`, `~ key: old -> new`.
    public func keyLine(_ change: BuildDiff.KeyChange) -> String {
        func cut(_ text: String?) -> String {
            let text = text ?? "null"
            return text.count > valueWidth ? String(text.prefix(max(valueWidth - 1, 1))) + "…" : text
        }
        switch change.kind {
        case .added: return "+ \(change.key): \(cut(change.new))"
        case .removed: return "- \(change.key): \(cut(change.old))"
        case .changed: return "~ \(change.key): \(cut(change.old)) -> \(cut(change.new))"
        }
    }

    /// The last line of a text report.
    public static func summary(_ diff: BuildDiff) -> String {
        if diff.isIdentical { return "No differences: the builds are identical." }
        var parts: [String] = []
        if !diff.fields.isEmpty { parts.append(plural(diff.fields.count, "distribution field", "distribution fields")) }
        let names = diff.placeholdersKept.added.count + diff.placeholdersKept.removed.count
            + diff.placeholdersResolved.added.count + diff.placeholdersResolved.removed.count
        if names > 0 { parts.append(plural(names, "placeholder change", "placeholder changes")) }
        let targets = diff.targets.added.count + diff.targets.removed.count
        if targets > 0 { parts.append(plural(targets, "target change", "target changes")) }
        if diff.config.differs {
            parts.append(diff.config.changes.isEmpty ? "config digest changed"
                         : plural(diff.config.changes.count, "config change", "config changes"))
        }
        if !diff.content.isEmpty {
            parts.append(plural(diff.content.count, "content file", "content files") + " (\(breakdown(diff.content.map(\.kind))))")
        }
        if !diff.outputs.isEmpty {
            parts.append(plural(diff.outputs.count, "artifact", "artifacts") + " (\(breakdown(diff.outputs.map(\.kind))))")
        }
        return "Summary: " + parts.joined(separator: ", ") + "."
    }

    static func breakdown(_ kinds: [BuildDiff.Kind]) -> String {
        BuildDiff.Kind.allCases.compactMap { kind in
            let n = kinds.filter { $0 == kind }.count
            return n == 0 ? nil : "\(n) \(kind.rawValue)"
        }.joined(separator: ", ")
    }

    static func plural(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }

    /// A byte count for people: "300 B", "1.2 KB", "3.4 MB" (1 KB = 1024 B, one decimal, no locale).
    public static func size(_ bytes: Int) -> String {
        let magnitude = bytes.magnitude
        if magnitude < 1024 { return "\(bytes) B" }
        let units = ["KB", "MB", "GB", "TB"]
        var divisor: UInt = 1024
        var unit = 0
        while unit < units.count - 1, magnitude >= divisor * 1024 {
            divisor *= 1024
            unit += 1
        }
        let tenths = (magnitude * 10 + divisor / 2) / divisor
        return "\(bytes < 0 ? "-" : "")\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    /// A size change with its sign: "+205 B", "-1.1 KB".
    public static func signedSize(_ delta: Int) -> String {
        delta >= 0 ? "+" + size(delta) : size(delta)
    }
}
