import Foundation

/// The checks the app runs on a configured skill before it advertises it (upstream
/// `validateOpenCodeSkillBundle`); a skill failing any of them is dropped silently at
/// launch, so the build reports each one. The app reads SKILL.md's front matter line by
/// line, not as YAML: the file must start with a `---` line and have a closing `---`
/// line; each line with a `:` gives key (before the first `:`, trimmed) and value (after
/// it, trimmed, one leading and one trailing quote removed); empty values are skipped
/// and a later key wins.
public enum SkillBundleRules {
    /// The app's cap on a skill description, in UTF-16 code units (JavaScript `length`).
    public static let maxDescriptionLength = 1024
    /// The app's cap on a skill name.
    public static let maxNameLength = 64

    public enum Issue: Equatable, Sendable {
        /// The directory (the config's `sourceName`) is not a valid skill name.
        case directoryName
        /// The front matter has no `name` the app can read.
        case nameMissing
        /// The front matter `name` differs from the directory name (or is not a valid name).
        case nameMismatch(String)
        /// The front matter has no `description` the app can read.
        case descriptionMissing
        /// The description is longer than `maxDescriptionLength`; the payload is its length.
        case descriptionTooLong(Int)
    }

    /// 1–64 characters from `a-z`, `0-9` and `-`, no hyphen first, last or doubled.
    public static func isValidName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard (1...maxNameLength).contains(scalars.count) else { return false }
        var previousHyphen = false
        for (index, s) in scalars.enumerated() {
            let hyphen = s == "-"
            guard ("a"..."z").contains(s) || ("0"..."9").contains(s) || hyphen else { return false }
            if hyphen, index == 0 || index == scalars.count - 1 || previousHyphen { return false }
            previousHyphen = hyphen
        }
        return true
    }

    /// Everything the app would hold against skill directory `directory` with SKILL.md `content`.
    public static func issues(directory: String, content: String) -> [Issue] {
        var issues: [Issue] = []
        let name = PlaceholderScanner.javaScriptTrimmed(directory)
        if !isValidName(name) { issues.append(.directoryName) }
        let fields = frontMatter(content)
        if let declared = fields["name"] {
            if declared != name || !isValidName(declared) { issues.append(.nameMismatch(declared)) }
        } else {
            issues.append(.nameMissing)
        }
        if let description = fields["description"] {
            let length = description.utf16.count
            if length > maxDescriptionLength { issues.append(.descriptionTooLong(length)) }
        } else {
            issues.append(.descriptionMissing)
        }
        return issues
    }

    /// The front matter fields as the app reads them; empty when there is no block.
    public static func frontMatter(_ content: String) -> [String: String] {
        guard let block = frontMatterBlock(content) else { return [:] }
        var fields: [String: String] = [:]
        for line in lines(block) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = PlaceholderScanner.javaScriptTrimmed(String(line[..<colon]))
            var value = PlaceholderScanner.javaScriptTrimmed(String(line[line.index(after: colon)...]))
            if let first = value.first, first == "'" || first == "\"" { value.removeFirst() }
            if let last = value.last, last == "'" || last == "\"" { value.removeLast() }
            guard !key.isEmpty, !value.isEmpty else { continue }
            fields[key] = value
        }
        return fields
    }

    /// Lines split at CRLF, CR or LF, as the app splits them.
    static func lines(_ text: Substring) -> [Substring] {
        var result: [Substring] = []
        forEachLine(text) { result.append($0); return true }
        return result
    }

    /// Calls `body` with each line (split at CRLF, CR or LF) until it returns false.
    /// Works on UTF-8 bytes: CR and LF are ASCII, so every cut is a scalar boundary.
    static func forEachLine(_ text: Substring, _ body: (Substring) -> Bool) {
        let utf8 = text.utf8
        var start = utf8.startIndex
        var i = start
        while i < utf8.endIndex {
            let byte = utf8[i]
            guard byte == 0x0A || byte == 0x0D else { i = utf8.index(after: i); continue }
            guard body(Substring(utf8[start..<i])) else { return }
            var next = utf8.index(after: i)
            if byte == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
            start = next
            i = next
        }
        _ = body(Substring(utf8[start...]))
    }

    /// The text between an opening `---` line (the file's first) and the next `---` line.
    /// Stops reading at the closing line: the Markdown body is never split.
    static func frontMatterBlock(_ content: String) -> Substring? {
        var opening: Substring?
        var block: Substring?
        var first = true
        forEachLine(Substring(content)) { line in
            if first {
                first = false
                guard line == "---" else { return false }
                return true
            }
            if opening == nil { opening = line }
            if line == "---", let opening {
                block = content[opening.startIndex..<line.startIndex]
                return false
            }
            return true
        }
        return block
    }
}
