/// The YAML front matter of a Markdown file (`SKILL.md`, agents, commands): a block
/// between a first line `---` and the next `---` line.
public enum FrontMatter {
    /// Parses the front matter as one YAML document, with positions that are the
    /// Markdown file's own lines. Returns nil when the file has no front matter; throws
    /// when it starts one but never closes it, or when the YAML is invalid.
    public static func parse(_ text: String, file: String, limits: DocumentLimits = .default) throws(DocumentError) -> Document? {
        // Lines are cut at "\n" bytes, and only up to the closing fence: a long Markdown
        // body after the front matter is never split. A line keeps no "\r" before its
        // "\n", and one more "\r" is dropped from every line as before (a CRLF file and
        // a file with stray CRs read the same as they always did).
        let utf8 = text.utf8
        var lines: [Substring] = []
        var start = utf8.startIndex
        if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { start = utf8.index(start, offsetBy: 3) }
        var end: Int?
        while start <= utf8.endIndex {
            let newline = utf8[start...].firstIndex(of: UInt8(ascii: "\n"))
            var line = Substring(utf8[start..<(newline ?? utf8.endIndex)])
            for _ in 0..<(newline == nil ? 1 : 2) where line.utf8.last == UInt8(ascii: "\r") { line = line.dropLast() }
            lines.append(line)
            if lines.count == 1, line != "---" { return nil }
            if lines.count > 1, line == "---" || line == "..." { end = lines.count - 1; break }
            guard let newline else { break }
            start = utf8.index(after: newline)
        }
        guard let end else {
            throw DocumentError(code: .frontMatterUnterminated,
                                message: "front matter opened with '---' on line 1 is never closed with '---'",
                                location: SourceLocation(file: file, line: 1, column: 1))
        }
        // Blank out the opening fence so YAML line numbers equal the file's.
        let yaml = ([""] + lines[1..<end]).joined(separator: "\n") + "\n"
        let documents = try YAMLReader(limits: limits).readAll(yaml, file: file)
        guard let document = documents.first else {
            return Document(value: .object(JSONObject()), file: file)
        }
        if documents.count > 1 {
            throw DocumentError(code: .yamlDocumentCount, message: "front matter holds more than one YAML document",
                                location: documents[1].location(of: .root))
        }
        return document
    }
}
