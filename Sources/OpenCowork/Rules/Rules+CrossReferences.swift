import Diagnostics
import Documents

/// References between sections of the config: tool ids, skill names, built-in agent
/// names, `provider/model` strings and default models (SPEC §6, §7).
extension Rules {
    static let builtInAgentNames = ["build", "plan", "general", "explore"]

    static func crossReferences(_ c: RulesContext) -> [Finding] {
        toolAndSkillReferences(c) + toolNamespaces(c) + builtInAgents(c) + modelReferences(c) + defaultModels(c)
    }

    /// A tool's namespace is the MCP whose `mcp__<namespace>__*` tools it groups; one
    /// naming no declared MCP matches nothing at runtime (upstream's own tools all do).
    static func toolNamespaces(_ c: RulesContext) -> [Finding] {
        let mcpNames = c.elements("/mcps").compactMap { $0.value["name"]?.stringValue }
        return c.elements("/tools").compactMap { pointer, tool in
            guard let namespace = tool["namespace"]?.stringValue, !mcpNames.contains(namespace) else { return nil }
            let id = tool["id"]?.stringValue ?? c.dotted(pointer)
            return c.finding(.warning, .refToolNamespace,
                "tool '\(id)' has namespace '\(namespace)', which names no mcps[] entry" + Suggestions.didYouMean(namespace, among: mcpNames),
                at: pointer / "namespace", hint: "declare the MCP in mcps[] or fix the namespace")
        }
    }

    static func toolAndSkillReferences(_ c: RulesContext) -> [Finding] {
        let toolIds = c.elements("/tools").compactMap { $0.value["id"]?.stringValue }
        // Agents name skills by their directory (sourceName), as upstream's own config
        // does; the display name is accepted too.
        var skillNames: [String] = []
        for (_, skill) in c.elements("/skills") {
            if let s = skill["sourceName"]?.stringValue { skillNames.append(s) }
            if let s = skill["name"]?.stringValue { skillNames.append(s) }
        }
        var out: [Finding] = []
        for section in ["skills", "agents", "agentStarterTemplates"] {
            for (pointer, entry) in c.elements(JSONPointer(tokens: [section])) {
                let owner = entry["name"]?.stringValue ?? entry["id"]?.stringValue ?? c.dotted(pointer)
                for (refPointer, ref) in c.elements(pointer / "toolIds") {
                    guard let id = ref.stringValue, !toolIds.contains(id) else { continue }
                    out.append(c.finding(.error, .refUnknownTool,
                        "\(section) entry '\(owner)' names tool '\(id)', which is not a tools[].id" + Suggestions.didYouMean(id, among: toolIds),
                        at: refPointer, hint: "add a tools[] entry with id '\(id)' or fix the reference"))
                }
                guard section != "skills" else { continue }
                for (refPointer, ref) in c.elements(pointer / "skillNames") {
                    guard let name = ref.stringValue, !skillNames.contains(name) else { continue }
                    out.append(c.finding(.error, .refUnknownSkill,
                        "\(section) entry '\(owner)' names skill '\(name)', which no skills[] entry declares" + Suggestions.didYouMean(name, among: skillNames),
                        at: refPointer, hint: "add a skills[] entry with sourceName '\(name)' or fix the reference"))
                }
            }
        }
        return out
    }

    static func builtInAgents(_ c: RulesContext) -> [Finding] {
        c.members("/builtInAgents").compactMap { key, pointer, _ in
            guard !builtInAgentNames.contains(key) else { return nil }
            return c.finding(.error, .refUnknownBuiltinAgent,
                "builtInAgents.\(key) is not a built-in agent" + Suggestions.didYouMean(key, among: builtInAgentNames),
                at: pointer, hint: "built-in agents are: \(builtInAgentNames.joined(separator: ", ")); define custom agents in agents[]")
        }
    }

    /// Agent, built-in override and compaction `model` fields are `provider/model`, and
    /// the provider must be one the app offers.
    static func modelReferences(_ c: RulesContext) -> [Finding] {
        let available = c.elements("/providers/available").compactMap { $0.value.stringValue }
        var pointers = c.expand(["agents", "*", "model"]) + c.expand(["builtInAgents", "*", "model"])
        pointers += c.expand(["compaction", "agent", "model"])
        var out: [Finding] = []
        for pointer in pointers {
            guard let ref = c.string(pointer), !Placeholders.contains(ref) else { continue }
            guard let slash = ref.firstIndex(of: "/"), slash != ref.startIndex, ref.index(after: slash) != ref.endIndex else {
                out.append(c.finding(.error, .refModelFormat, "\(c.dotted(pointer)) '\(ref)' is not of the form provider/model",
                    at: pointer, hint: "write the provider id first, e.g. 'openrouter/\(ref)'"))
                continue
            }
            let provider = String(ref[..<slash])
            if !available.contains(provider) {
                out.append(c.finding(.error, .refUnknownProvider,
                    "\(c.dotted(pointer)) '\(ref)' uses provider '\(provider)', which is not in providers.available"
                        + Suggestions.didYouMean(provider, among: available),
                    at: pointer, hint: "add '\(provider)' to providers.available (with a descriptor) or use one of: \(available.joined(separator: ", "))"))
            }
        }
        return out
    }

    /// A default model should be one of the featured models when the list is pinned,
    /// else the picker silently falls back to something else at runtime.
    static func defaultModels(_ c: RulesContext) -> [Finding] {
        var out: [Finding] = []
        func featured(_ provider: JSONPointer) -> [String] {
            if let list = c.value(provider / "models")?.arrayValue { return list.compactMap { $0["id"]?.stringValue } }
            if let map = c.value(provider / "models")?.objectValue { return map.keys }
            return []
        }
        func check(_ model: JSONPointer, provider: JSONPointer, name: String) {
            guard let id = c.string(model), !Placeholders.contains(id) else { return }
            let ids = featured(provider)
            guard !ids.isEmpty, !ids.contains(id) else { return }
            out.append(c.finding(.warning, .defaultModelNotFeatured,
                "default model '\(id)' is not among provider '\(name)' featured models" + Suggestions.didYouMean(id, among: ids),
                at: model, hint: "add it to the models list or pick one of: \(ids.joined(separator: ", "))"))
        }
        for section in ["descriptors", "custom"] {
            for (key, pointer, _) in c.members(JSONPointer(tokens: ["providers", section])) {
                check(pointer / "defaultModel", provider: pointer, name: key)
            }
        }
        if let provider = c.string("/providers/defaultProvider") {
            for section in ["descriptors", "custom"] where c.value(JSONPointer(tokens: ["providers", section, provider])) != nil {
                check("/providers/defaultModel", provider: JSONPointer(tokens: ["providers", section, provider]), name: provider)
            }
        }
        return out
    }
}
