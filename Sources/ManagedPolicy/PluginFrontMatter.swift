import Documents

/// The front matter of a plugin's Markdown file, as the plugin checks need it: absent,
/// a mapping, or a reason it is unusable. Parsing is `Documents.FrontMatter`'s.
enum PluginFrontMatter {
    enum Result {
        case none
        case mapping(JSONObject)
        case invalid(String)
    }

    static func read(_ text: String, file: String) -> Result {
        do {
            guard let document = try FrontMatter.parse(text, file: file) else { return .none }
            guard let object = document.value.objectValue else { return .invalid("front matter is not a mapping") }
            return .mapping(object)
        } catch {
            return .invalid(error.message)
        }
    }
}
