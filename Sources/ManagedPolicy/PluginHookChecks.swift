import Foundation
import Documents
import Diagnostics

/// `hooks/hooks.json` (and hook files or inline hooks named by `plugin.json`): events
/// the app knows, each a list of matcher groups whose `hooks` are handlers of a known
/// type. Accepted in the wrapped form `{"hooks": {Event: [...]}}` and the flat form
/// `{Event: [...]}`; a script named through `${CLAUDE_PLUGIN_ROOT}` must ship.
extension PluginContentChecks {
    func hookFile(_ path: String) -> [Finding] {
        switch load(path) {
        case .failure(let finding): return [finding]
        case .success(let document):
            guard let object = document.value.objectValue else {
                return [Finding(.error, code: .pluginHooksInvalid, message: "\(path) is a \(document.value.typeName), not a JSON object",
                                location: location(path, document), hint: "write {\"hooks\": {\"SessionStart\": [...]}}")]
            }
            if let wrapped = object["hooks"] {
                guard let events = wrapped.objectValue else {
                    return [Finding(.error, code: .pluginHooksInvalid, message: "\(path): hooks must be an object of events",
                                    location: location(path, document, "/hooks"), pointer: "/hooks", hint: Self.hookExample)]
                }
                return hookEvents(events, in: path, document, at: "/hooks")
            }
            var flat = object
            flat["description"] = nil
            return hookEvents(flat, in: path, document, at: .root)
        }
    }

    func hookEvents(_ events: JSONObject, in path: String, _ document: Document, at base: JSONPointer) -> [Finding] {
        var findings: [Finding] = []
        func add(_ severity: Severity, _ code: FindingCode, _ message: String, _ pointer: JSONPointer, hint: String? = nil) {
            findings.append(Finding(severity, code: code, message: "\(path): \(message)", location: location(path, document, pointer),
                                    pointer: pointer, hint: hint))
        }
        for (event, groups) in events.members {
            let at = base / event
            guard PluginTables.hookEvents.contains(event) else {
                add(.error, .pluginHookEvent, "'\(event)' is not a hook event the app knows; it refuses the file", at,
                    hint: "use an event such as SessionStart or PreToolUse" + Suggestions.didYouMean(event, among: PluginTables.hookEvents))
                continue
            }
            guard let list = groups.arrayValue else { add(.error, .pluginHooksInvalid, "\(event) must be a list of matcher groups", at, hint: Self.hookExample); continue }
            for (index, group) in list.enumerated() {
                let groupAt = at / index
                guard let handlers = group["hooks"]?.arrayValue else {
                    add(.error, .pluginHooksInvalid, "\(event)[\(index)] needs a hooks list", groupAt, hint: "{\"matcher\": \"…\", \"hooks\": [{\"type\": \"command\", \"command\": \"…\"}]}")
                    continue
                }
                for (position, handler) in handlers.enumerated() {
                    let handlerAt = groupAt / "hooks" / position
                    guard let type = handler["type"]?.stringValue, let needed = PluginTables.hookTypes[type] else {
                        add(.error, .pluginHooksInvalid, "\(event)[\(index)].hooks[\(position)] needs a type: \(PluginTables.hookTypes.keys.sorted().joined(separator: ", "))",
                            handlerAt, hint: "e.g. {\"type\": \"command\", \"command\": \"…\"}")
                        continue
                    }
                    guard let text = handler[needed]?.stringValue, !text.isEmpty else {
                        add(.error, .pluginHooksInvalid, "\(event)[\(index)].hooks[\(position)] of type \(type) needs \(needed)", handlerAt,
                            hint: "add \"\(needed)\": \"…\"")
                        continue
                    }
                    if type == "command" {
                        for script in Self.pluginRootReferences(in: text) where missingPath(script) != nil {
                            add(.error, .pluginHookPath, "\(event)[\(index)].hooks[\(position)] runs ${CLAUDE_PLUGIN_ROOT}/\(script), which the plugin does not ship",
                                handlerAt / "command", hint: "add the file or fix the path")
                        }
                    }
                }
            }
        }
        return findings
    }

    static let hookExample = "{\"hooks\": {\"SessionStart\": [{\"matcher\": \"\", \"hooks\": [{\"type\": \"command\", \"command\": \"…\"}]}]}}"

    /// Paths after `${CLAUDE_PLUGIN_ROOT}/` in a command line, up to a space or quote.
    static func pluginRootReferences(in command: String) -> [String] {
        let marker = "${CLAUDE_PLUGIN_ROOT}/"
        var found: [String] = []
        var rest = command[...]
        while let range = rest.range(of: marker) {
            let tail = rest[range.upperBound...]
            let path = tail.prefix { !" \t\"';|&)<>".contains($0) }
            if !path.isEmpty { found.append(String(path)) }
            rest = tail
        }
        return found
    }
}
