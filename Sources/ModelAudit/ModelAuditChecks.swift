import Documents
import Diagnostics

/// The verdicts of the audit over loaded catalogs: missing ids, expirations, context
/// claims and defaults outside the featured list.
struct ModelAuditChecks {
    var catalogs: [String: LoadedCatalog]
    var options: ModelAuditOptions
    var locate: (ModelReference) -> SourceLocation?

    func check(_ references: [ModelReference]) -> [Finding] {
        var findings: [Finding] = []
        for ref in references {
            if let provider = ref.provider {
                guard let catalog = catalogs[provider]?.catalog else { continue }
                if let entry = catalog[ref.model] {
                    findings += verdicts(ref, entry, catalog)
                } else {
                    findings.append(missing(ref, in: [catalog]))
                }
            } else {
                // A bare id: any catalog may list it; nothing to say when none is loaded.
                let all = catalogs.values.map(\.catalog).sorted { $0.provider < $1.provider }
                if let hit = all.lazy.compactMap({ c in c[ref.model].map { (catalog: c, entry: $0) } }).first {
                    findings += verdicts(ref, hit.entry, hit.catalog)
                } else if !all.isEmpty {
                    findings.append(missing(ref, in: all))
                } else if ref.kind == .appDefault {
                    findings.append(Finding(.warning, code: .modelReferenceUnresolved,
                                            message: "providers.defaultModel '\(ref.text)' names no provider and providers.defaultProvider is not set",
                                            location: locate(ref), pointer: ref.pointer,
                                            hint: "set providers.defaultProvider or write provider/model"))
                }
            }
        }
        return findings
    }

    func missing(_ ref: ModelReference, in searched: [Catalog]) -> Finding {
        // A foundation model behind a Bedrock inference profile is called through the profile.
        let profiles = searched.flatMap { $0.entries(routingTo: ref.model) }
        let suggestions = profiles + searched.flatMap { ModelAuditSuggestions.suggest(ref.model, in: $0) }.filter { !profiles.contains($0) }
        let names = searched.map(\.provider).joined(separator: ", ")
        let hint = suggestions.isEmpty
            ? "replace or remove it before tagging the release"
            : "did you mean " + suggestions.prefix(3).map { "'\($0)'" }.joined(separator: " or ") + "?"
        // An override for a model nobody lists is dead weight, not a broken picker.
        let severity: Severity = ref.kind == .modelInfo ? .warning : .error
        return Finding(severity, code: .modelMissing,
                       message: "\(ref.kind.label) '\(ref.text)' is not in the \(names) catalog",
                       location: locate(ref), pointer: ref.pointer, hint: hint)
    }

    func verdicts(_ ref: ModelReference, _ entry: CatalogEntry, _ catalog: Catalog) -> [Finding] {
        var findings: [Finding] = []
        if let date = entry.expirationDate {
            let field = entry.expirationField ?? "expiration_date"
            if let release = options.releaseDate {
                if date <= release {
                    findings.append(Finding(.warning, code: .modelExpiring,
                                            message: "\(ref.kind.label) '\(ref.text)' expires \(date) (\(catalog.provider) catalog \(field)), on or before the release date \(release)",
                                            location: locate(ref), pointer: ref.pointer,
                                            hint: Self.replacementHint(ref.model, catalog)))
                }
            } else {
                findings.append(Finding(.note, code: .modelExpiring,
                                        message: "\(ref.kind.label) '\(ref.text)' is announced to expire \(date) (\(catalog.provider) catalog \(field))",
                                        location: locate(ref), pointer: ref.pointer,
                                        hint: "pass --release-date YYYY-MM-DD to gate on it"))
            }
        }
        if let claimed = ref.claimedContext, let actual = entry.contextLength, claimed > actual {
            let what = ref.kind == .policyModel ? "claims supports1m (1,000,000 tokens)" : "claims a context of \(claimed) tokens"
            findings.append(Finding(.warning, code: .modelContextExceedsCatalog,
                                    message: "\(ref.kind.label) '\(ref.text)' \(what), but the \(catalog.provider) catalog reports \(actual)",
                                    location: locate(ref), pointer: ref.pointer,
                                    hint: ref.kind == .policyModel ? "drop supports1m for this model" : "lower limit.context to at most \(actual)"))
        }
        return findings
    }

    /// Defaults should be featured, or users switching provider land on an id the
    /// picker never showed them.
    func checkDefaults(in config: JSONValue, references: [ModelReference]) -> [Finding] {
        let descriptors = config["providers"]?["descriptors"]?.objectValue
        var findings: [Finding] = []
        for ref in references where ref.kind == .providerDefault || ref.kind == .appDefault {
            guard let provider = ref.provider, let descriptor = descriptors?[provider] else { continue }
            let featured = descriptor["models"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            guard !featured.isEmpty, !featured.contains(ref.model) else { continue }
            findings.append(Finding(.warning, code: .modelDefaultNotFeatured,
                                    message: "\(ref.kind.label) '\(ref.text)' is not among \(provider)'s featured models",
                                    location: locate(ref), pointer: ref.pointer,
                                    hint: "add it to providers.descriptors.\(provider).models or pick one of: \(featured.prefix(4).joined(separator: ", "))"))
        }
        return findings
    }

    static func replacementHint(_ model: String, _ catalog: Catalog) -> String {
        let successors = ModelAuditSuggestions.suggest(model, in: catalog).filter { catalog[$0]?.expirationDate == nil }
        return successors.isEmpty ? "pick a replacement before tagging" : "consider '\(successors[0])'"
    }
}
