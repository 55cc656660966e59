/// Every finding code with its default severity, what it means, how to fix it and where
/// it is documented. The table is generated from docs/findings.md (the one catalogue a
/// person reads; the code tables of topic pages such as docs/audit-models.md join it) by
/// scripts/generate-finding-catalogue.py, which also generates the `FindingCode`
/// constants call sites use; a test keeps them equal.
public enum FindingCatalogue {
    public struct Entry: Sendable, Hashable {
        public var code: String
        /// `error`, `warning` or `note` as documented (some codes vary; see the docs).
        public var severity: String
        public var meaning: String
        public var fix: String
        /// The docs section and its anchor.
        public var section: String
        public var anchor: String
        /// The page that documents it (`docs/findings.md`, or a topic page such as
        /// `docs/audit-models.md`).
        public var page: String

        /// Where the code is documented, relative to the project root.
        public var helpURI: String { "\(page)#\(anchor)" }

        /// The text `check --explain CODE` prints.
        public var explanation: String {
            var text = "\(code) (\(severity.isEmpty ? "varies" : severity)): \(section)\n\n\(meaning)\n"
            if !fix.isEmpty { text += "\nFix: \(fix)\n" }
            return text + "\nSee \(helpURI)\n"
        }
    }

    private static let byCode: [String: Entry] = Dictionary(entries.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    /// Documented families such as `schema-<keyword>`: prefix → entry.
    private static let families: [(prefix: String, entry: Entry)] = entries.compactMap { entry in
        guard let open = entry.code.firstIndex(of: "<") else { return nil }
        return (String(entry.code[..<open]), entry)
    }

    /// The entry documenting `code`, or nil for an undocumented code.
    public static func entry(for code: String) -> Entry? {
        if let entry = byCode[code] { return entry }
        return families.first { code.hasPrefix($0.prefix) }?.entry
    }

    public static var allCodes: [String] { entries.map(\.code) }
}
