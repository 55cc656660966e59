import Documents

/// YAML front matter of a Markdown file: the mapping between a first `---` line and the
/// next `---` line.
enum FrontMatter {
    enum Result {
        case none
        case mapping(JSONObject)
        case invalid(String)
    }

    static func read(_ text: String, file: String) -> Result {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        guard lines.first == "---" else { return .none }
        guard let end = lines.dropFirst().firstIndex(of: "---") else { return .invalid("front matter is not closed by a --- line") }
        // Line numbers stay right because the reader sees the block from line 2 on; we prepend a blank line.
        let body = ([""] + lines[1..<end]).joined(separator: "\n")
        do {
            let document = try YAMLReader().read(body, file: file)
            guard let object = document.value.objectValue else { return .invalid("front matter is not a mapping") }
            return .mapping(object)
        } catch {
            return .invalid(error.message)
        }
    }
}
