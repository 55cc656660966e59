import Foundation
import Documents
import Diagnostics

/// `.claude-plugin/plugin.json`: only `name` is required; every other field the app
/// reads is checked for its shape, `installationPreference` for its value, and paths the
/// manifest names for a file or directory inside the plugin.
extension PluginContentChecks {
    static let manifestPath = ".claude-plugin/plugin.json"

    /// The manifest's findings, and its document when it could be read (hooks and MCP
    /// servers it declares are checked by their own rules).
    func manifest() -> (findings: [Finding], document: Document?) {
        let path = Self.manifestPath
        let document: Document
        switch load(path) {
        case .failure(let finding): return ([finding], nil)
        case .success(let d): document = d
        }
        guard let object = document.value.objectValue else {
            return ([Finding(.error, code: .pluginManifestInvalid, message: "\(path) is a \(document.value.typeName), not a JSON object",
                             location: location(path, document), hint: "write {\"name\": \"\(installName)\"}")], nil)
        }
        var findings: [Finding] = []
        func add(_ severity: Severity, _ code: FindingCode, _ message: String, _ field: String, hint: String? = nil) {
            let pointer = JSONPointer(tokens: [field])
            findings.append(Finding(severity, code: code, message: "\(path): \(message)", location: location(path, document, pointer),
                                    pointer: pointer, hint: hint))
        }
        if object["name"] == nil {
            findings.append(Finding(.error, code: .pluginManifestField, message: "\(path) has no name", location: location(path, document),
                                    hint: "add \"name\": \"\(installName)\""))
        }
        for (field, value) in object.members {
            guard let shape = PluginTables.manifestFields[field] else {
                add(.warning, .pluginManifestUnknownKey, "'\(field)' is not a plugin.json field the app reads", field,
                    hint: "remove it or fix the spelling" + Suggestions.didYouMean(field, among: PluginTables.manifestFields.keys))
                continue
            }
            if let problem = Self.shapeProblem(value, shape) {
                add(.error, .pluginManifestInvalid, "\(field) \(problem)", field, hint: Self.shapeHint(field, shape))
                continue
            }
            switch shape {
            case .paths, .pathsOrObject:
                for (index, relative) in Self.pathList(value).enumerated() {
                    if let problem = missingPath(relative) {
                        let pointer = value.arrayValue == nil ? JSONPointer(tokens: [field]) : JSONPointer(tokens: [field, String(index)])
                        findings.append(Finding(.error, code: .pluginManifestPath, message: "\(path): \(field) names '\(relative)', which \(problem)",
                                                location: location(path, document, pointer), pointer: pointer,
                                                hint: "paths are relative to the plugin directory, e.g. ./\(field)/"))
                    }
                }
            default: break
            }
        }
        if let declared = object["name"]?.stringValue {
            if declared.isEmpty {
                add(.error, .pluginManifestField, "name must be a non-empty string", "name", hint: "\"name\": \"\(installName)\"")
            } else if declared != installName {
                add(.warning, .pluginNameMismatch, "names '\(declared)' but the plugin installs as '\(installName)'; the directory name wins", "name",
                    hint: "rename one so they agree")
            }
        }
        if let version = object["version"]?.stringValue,
           version.range(of: "^[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.-]+)?$", options: .regularExpression) == nil {
            add(.warning, .pluginVersion, "version '\(version)' is not semver", "version", hint: "e.g. 1.2.0")
        }
        return (findings, document)
    }

    /// Why `value` does not have `shape`, or nil.
    static func shapeProblem(_ value: JSONValue, _ shape: PluginTables.FieldShape) -> String? {
        switch shape {
        case .string:
            return value.stringValue == nil ? "must be a string, not \(value.typeName)" : nil
        case .stringList:
            return value.arrayValue?.allSatisfy({ $0.stringValue != nil }) == true ? nil : "must be a list of strings"
        case .stringOrObject:
            return value.stringValue != nil || value.objectValue != nil ? nil : "must be a string or an object, not \(value.typeName)"
        case .choice(let allowed):
            guard let text = value.stringValue else { return "must be one of \(allowed.joined(separator: ", "))" }
            return allowed.contains(text) ? nil
                : "'\(text)' is not one of \(allowed.joined(separator: ", "))" + Suggestions.didYouMean(text, among: allowed)
        case .paths:
            return value.stringValue != nil || value.arrayValue?.allSatisfy({ $0.stringValue != nil }) == true
                ? nil : "must be a path or a list of paths"
        case .pathsOrObject:
            return value.stringValue != nil || value.objectValue != nil || value.arrayValue?.allSatisfy({ $0.stringValue != nil || $0.objectValue != nil }) == true
                ? nil : "must be a path, a list of paths or an object"
        case .any:
            return nil
        }
    }

    /// An example of the expected shape, for the hint.
    static func shapeHint(_ field: String, _ shape: PluginTables.FieldShape) -> String {
        switch shape {
        case .string: return "\"\(field)\": \"…\""
        case .stringList: return "\"\(field)\": [\"…\", \"…\"]"
        case .stringOrObject: return "\"\(field)\": {\"name\": \"…\"}"
        case .choice(let allowed): return "\"\(field)\": \"\(allowed.first ?? "")\" (or \(allowed.dropFirst().joined(separator: ", ")))"
        case .paths: return "\"\(field)\": \"./\(field)/\" or a list of such paths"
        case .pathsOrObject: return "\"\(field)\": \"./\(field).json\", a list of paths, or the configuration inline"
        case .any: return "any JSON value"
        }
    }

    /// The path strings of a `.paths`/`.pathsOrObject` value (inline objects have none).
    static func pathList(_ value: JSONValue) -> [String] {
        if let text = value.stringValue { return [text] }
        return (value.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// The path relative to the plugin, without `./`, or nil when it leaves the plugin.
    static func normalized(_ relative: String) -> String? {
        guard !relative.hasPrefix("/"), !relative.contains("\\") else { return nil }
        var parts: [Substring] = []
        for part in relative.split(separator: "/") where part != "." {
            if part == ".." { return nil }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }

    /// Why a manifest path does not lead to a shipped file or directory, or nil.
    func missingPath(_ relative: String) -> String? {
        guard let path = Self.normalized(relative) else { return "leaves the plugin directory" }
        if path.isEmpty || paths.contains(path) || paths.contains(where: { $0.hasPrefix(path + "/") }) { return nil }
        return "does not exist in the plugin"
    }
}
