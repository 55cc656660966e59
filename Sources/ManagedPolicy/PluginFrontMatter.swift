import Foundation
import Documents

/// The front matter of a plugin's Markdown file, read as leniently as the app reads it.
///
/// The app parses the YAML strictly first; when that fails it retries with the plain
/// values of top-level `key: value` lines quoted (so `description: Use when: x` loads),
/// and when that fails too it drops every field and loads the file anyway, naming it by
/// its directory and describing it by its first body line. So a broken block never makes
/// a plugin unreadable; it costs the fields, which is what the findings report.
enum PluginFrontMatter {
    enum Result {
        /// No block at all (or one that is never closed, which the app does not see as one).
        case none
        /// A mapping; `lenient` when only the quoting retry could read it.
        case mapping(JSONObject, Document, lenient: Bool)
        /// A block the app cannot read: its fields are dropped.
        case dropped(String)
    }

    static func read(_ text: String, file: String) -> Result {
        let strict: Document?
        do {
            strict = try FrontMatter.parse(text, file: file)
        } catch {
            if error.code == .frontMatterUnterminated { return .none }
            if let retried = try? FrontMatter.parse(quotingPlainValues(text), file: file), let object = retried.value.objectValue {
                return .mapping(object, retried, lenient: true)
            }
            return .dropped(error.message)
        }
        guard let document = strict else { return .none }
        guard let object = document.value.objectValue else { return .dropped("front matter is a \(document.value.typeName), not a mapping") }
        return .mapping(object, document, lenient: false)
    }

    /// Characters that start YAML structure: a value beginning with one was meant as
    /// structure, so quoting it would hide a real mistake.
    static let structuralStarts: Set<Character> = ["\"", "'", "[", "{", "|", ">", "&", "*", "!"]

    /// The text with every top-level `key: value` line whose value holds `: ` or ` #`
    /// (what strict YAML misreads in a plain scalar) rewritten as a double-quoted string.
    /// Line count is unchanged, so positions still match the file.
    static func quotingPlainValues(_ text: String) -> String {
        var inBlock = false
        var lineNumber = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            lineNumber += 1
            var trimmed = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            if lineNumber == 1, trimmed.hasPrefix("\u{FEFF}") { trimmed.removeFirst() }
            if trimmed == "---" {
                inBlock = lineNumber == 1
                return String(line)
            }
            guard inBlock, let colon = trimmed.range(of: ": "), !trimmed.hasPrefix(" "), !trimmed.hasPrefix("#") else { return String(line) }
            let key = trimmed[..<colon.lowerBound]
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return String(line) }
            let value = trimmed[colon.upperBound...].trimmingCharacters(in: .whitespaces)
            guard let first = value.first, !structuralStarts.contains(first),
                  value.contains(": ") || value.contains(" #") else { return String(line) }
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\(key): \"\(escaped)\""
        }
        return lines.joined(separator: "\n")
    }
}
