import Documents

/// Collects the model references a release audit checks. Pure functions over values.
public enum ModelAudit {
    /// The provider ids a config knows: descriptors, `available`, `custom` and the
    /// `defaultProvider`. A `provider/model` reference resolves only against these (plus
    /// `extra`, the providers given catalogs on the command line).
    public static func knownProviders(in config: JSONValue, extra: some Sequence<String> = []) -> Set<String> {
        let providers = config["providers"]
        var known = Set(extra)
        known.formUnion(providers?["descriptors"]?.objectValue?.keys ?? [])
        known.formUnion(providers?["custom"]?.objectValue?.keys ?? [])
        known.formUnion(providers?["available"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        if let fallback = providers?["defaultProvider"]?.stringValue { known.insert(fallback) }
        return known
    }

    /// Splits `provider/model` when the first segment is a known provider; otherwise the
    /// whole text is a model id with no provider (ids such as OpenRouter's
    /// `deepseek/deepseek-v4-flash` contain slashes themselves).
    public static func split(_ text: String, known: Set<String>) -> (provider: String?, model: String) {
        guard let slash = text.firstIndex(of: "/") else { return (nil, text) }
        let head = String(text[..<slash]), tail = String(text[text.index(after: slash)...])
        return known.contains(head) && !tail.isEmpty ? (head, tail) : (nil, text)
    }

    /// Every model reference in an Open Cowork config, in document order.
    ///
    /// Resolution: descriptor `models[]`, `defaultModel` and `smallModel` belong to their
    /// descriptor. `providers.defaultModel` belongs to `providers.defaultProvider` when it
    /// is one of that provider's featured ids or its default; otherwise a leading known
    /// provider segment decides; otherwise `defaultProvider`. Agent, built-in agent and
    /// compaction `model` fields are `provider/model`, split at the first `/` (an unknown
    /// first segment is still taken as the provider, as OpenCode does). `modelInfo` keys
    /// are `provider/model` when the first segment is a known provider, else bare ids
    /// that any catalog may list.
    public static func references(in config: JSONValue, extraProviders: some Sequence<String> = []) -> [ModelReference] {
        let known = knownProviders(in: config, extra: extraProviders)
        let providersPointer = JSONPointer.root / "providers"
        var found: [ModelReference] = []

        for (id, descriptor) in config["providers"]?["descriptors"]?.objectValue?.members ?? [] {
            let base = providersPointer / "descriptors" / id
            for (index, item) in (descriptor["models"]?.arrayValue ?? []).enumerated() {
                guard let model = item["id"]?.stringValue else { continue }
                let context = item["limit"]?["context"]?.numberValue?.intValue ?? item["contextLength"]?.numberValue?.intValue
                found.append(ModelReference(kind: .featured, provider: id, model: model, text: model,
                                            pointer: base / "models" / index / "id", claimedContext: context))
            }
            for (key, kind) in [("defaultModel", ModelReference.Kind.providerDefault), ("smallModel", .providerSmallModel)] {
                if let model = descriptor[key]?.stringValue, !model.isEmpty {
                    found.append(ModelReference(kind: kind, provider: id, model: model, text: model, pointer: base / key))
                }
            }
        }

        if let text = config["providers"]?["defaultModel"]?.stringValue, !text.isEmpty {
            let (provider, model) = resolveAppDefault(text, config: config, known: known)
            found.append(ModelReference(kind: .appDefault, provider: provider, model: model, text: text,
                                        pointer: providersPointer / "defaultModel"))
        }

        for (index, agent) in (config["agents"]?.arrayValue ?? []).enumerated() {
            if let text = agent["model"]?.stringValue, !text.isEmpty {
                found.append(qualified(text, kind: .agentModel, pointer: JSONPointer.root / "agents" / index / "model"))
            }
        }
        for (name, agent) in config["builtInAgents"]?.objectValue?.members ?? [] {
            if let text = agent["model"]?.stringValue, !text.isEmpty {
                found.append(qualified(text, kind: .builtInAgentModel, pointer: JSONPointer.root / "builtInAgents" / name / "model"))
            }
        }
        if let text = config["compaction"]?["agent"]?["model"]?.stringValue, !text.isEmpty {
            found.append(qualified(text, kind: .compactionModel, pointer: JSONPointer.root / "compaction" / "agent" / "model"))
        }

        for (key, info) in config["providers"]?["modelInfo"]?.objectValue?.members ?? [] {
            let (provider, model) = split(key, known: known)
            found.append(ModelReference(kind: .modelInfo, provider: provider, model: model, text: key,
                                        pointer: providersPointer / "modelInfo" / key, locatesKey: true,
                                        claimedContext: info["limit"]?["context"]?.numberValue?.intValue))
        }
        return found
    }

    static func resolveAppDefault(_ text: String, config: JSONValue, known: Set<String>) -> (String?, String) {
        let fallback = config["providers"]?["defaultProvider"]?.stringValue
        if let fallback, let descriptor = config["providers"]?["descriptors"]?[fallback] {
            let featured = descriptor["models"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            if featured.contains(text) || descriptor["defaultModel"]?.stringValue == text { return (fallback, text) }
        }
        let (provider, model) = split(text, known: known)
        if provider != nil { return (provider, model) }
        return (fallback, text)
    }

    /// A `provider/model` field. Without a slash there is no provider to check against.
    static func qualified(_ text: String, kind: ModelReference.Kind, pointer: JSONPointer) -> ModelReference {
        guard let slash = text.firstIndex(of: "/"), text.index(after: slash) < text.endIndex else {
            return ModelReference(kind: kind, provider: nil, model: text, text: text, pointer: pointer)
        }
        return ModelReference(kind: kind, provider: String(text[..<slash]),
                              model: String(text[text.index(after: slash)...]), text: text, pointer: pointer)
    }
}
