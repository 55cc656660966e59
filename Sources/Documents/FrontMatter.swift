/// The YAML front matter of a Markdown file (`SKILL.md`, agents, commands): a block
/// between a first line `---` and the next `---` line.
public enum FrontMatter {
    /// Parses the front matter as one YAML document, with positions that are the
    /// Markdown file's own lines. Returns nil when the file has no front matter; throws
    /// when it starts one but never closes it, or when the YAML is invalid.
    public static func parse(_ text: String, file: String, limits: DocumentLimits = .default) throws(DocumentError) -> Document? {
        // "\r\n" is one Character in Swift: splitting on "\n" alone would leave a CRLF
        // file in one piece and reject it.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { line -> Substring in line.hasSuffix("\r") ? line.dropLast() : line }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        guard lines.first == "---" else { return nil }
        guard let end = lines.dropFirst().firstIndex(where: { $0 == "---" || $0 == "..." }) else {
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
