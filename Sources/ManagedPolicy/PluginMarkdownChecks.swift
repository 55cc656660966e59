import Foundation
import Documents
import Diagnostics

/// Front matter of a plugin's SKILL.md, agents and commands, judged by what the app does
/// with it: nothing here stops a plugin from loading (the app loads the file anyway), but
/// lost fields change what users get, so each loss is a warning.
extension PluginContentChecks {
    /// The front matter's fields (nil when the app reads none) and findings. `required`
    /// fields missing are reported; name and description must be strings when present.
    func frontMatter(_ path: String, required: [String]) -> (object: JSONObject?, document: Document?, findings: [Finding]) {
        let file = root.appendingPathComponent(path).path
        let at = SourceLocation(file: file, line: 1, column: 1)
        switch PluginFrontMatter.read(text(path) ?? "", file: file) {
        case .none:
            guard !required.isEmpty else { return (nil, nil, []) }
            return (nil, nil, [Finding(.warning, code: .pluginFrontMatter, message: "\(path) has no front matter; the app names it by its file and describes it by its first line",
                                  location: at, hint: "start the file with ---, \(required.joined(separator: ", ")), ---")])
        case .dropped(let reason):
            return (nil, nil, [Finding(.warning, code: .pluginFrontMatter,
                                  message: "\(path): the app cannot read the front matter (\(reason)) and drops every field in it",
                                  location: at, hint: "quote values that hold ': ' or start with [ { * & ! | >")])
        case .mapping(let object, let document, let lenient):
            var findings: [Finding] = []
            if lenient {
                findings.append(Finding(.warning, code: .pluginFrontMatterLenient,
                                        message: "\(path): the front matter is not valid YAML; the app reads it only by quoting plain values, other tools reject it",
                                        location: at, hint: "quote values that hold ': '"))
            }
            for field in ["name", "description"] {
                if let value = object[field], value.stringValue == nil {
                    findings.append(Finding(.error, code: .pluginFrontMatter, message: "\(path): \(field) is a \(value.typeName), not text",
                                            location: document.location(of: JSONPointer(tokens: [field])), hint: "quote the value"))
                }
            }
            for field in required where object[field] == nil || object[field]?.stringValue == "" {
                findings.append(Finding(.warning, code: .pluginFrontMatter, message: "\(path) front matter has no \(field)", location: at,
                                        hint: field == "description" ? "the app falls back to the first body line; say when to use it" : nil))
            }
            return (object, document, findings)
        }
    }

    /// A SKILL.md: front matter with a description; a skill named differently from its
    /// directory is reported (the app lists it by the front matter's name).
    func skillFile(_ path: String, expectedName: String?) -> [Finding] {
        let (object, document, found) = frontMatter(path, required: ["description"])
        var findings = found
        if let expectedName, let document, let declared = object?["name"]?.stringValue, !declared.isEmpty, declared != expectedName {
            findings.append(Finding(.warning, code: .pluginSkillName, message: "\(path) names the skill '\(declared)' in directory '\(expectedName)'",
                                    location: document.location(of: "/name"),
                                    hint: "make them equal"))
        }
        return findings
    }
}
