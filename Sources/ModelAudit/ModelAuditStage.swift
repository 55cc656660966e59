import Foundation
import Documents
import Diagnostics
import ManagedPolicy

/// Maps a JSON pointer in a document to file:line:column (a Document's source map, or
/// the provenance of a merged distribution config).
public typealias ModelAuditLocator = (JSONPointer) -> SourceLocation?

/// What the audit reads: an Open Cowork config and/or a 3P policy (as `PolicyLoader`
/// read it, values decoded and located), and catalogs named on the command line
/// (`--catalog PROVIDER=FILE|URL`).
public struct ModelAuditInput {
    public var config: JSONValue?
    public var locateInConfig: ModelAuditLocator
    public var policy: ManagedPolicy?
    /// Explicit catalogs by provider; they replace the descriptor's or gateway's source.
    public var catalogs: [(provider: String, location: String)]

    public init(config: JSONValue? = nil, locateInConfig: @escaping ModelAuditLocator = { _ in nil },
                policy: ManagedPolicy? = nil,
                catalogs: [(provider: String, location: String)] = []) {
        self.config = config
        self.locateInConfig = locateInConfig
        self.policy = policy
        self.catalogs = catalogs
    }

    /// The providers a `--catalog` may name: those the config declares (descriptors,
    /// `custom`, `available`, `defaultProvider`) or its references use, and the policy's
    /// `inferenceProvider` (gateway when unset). Sorted.
    public var knownProviders: [String] {
        var known = Set<String>()
        if let config {
            known.formUnion(ModelAudit.knownProviders(in: config))
            known.formUnion(ModelAudit.references(in: config).compactMap(\.provider))
        }
        if let policy { known.insert(ModelAuditPolicy(policy).provider) }
        return known.sorted()
    }

    /// One message per `--catalog` provider the audited files do not name (a typo would
    /// otherwise load a catalog nothing is checked against and pass silently).
    public func unknownCatalogProviders() -> [String] {
        let known = knownProviders
        var messages: [String] = []
        for name in Set(catalogs.map(\.provider)).sorted() where !known.contains(name) {
            let list = known.isEmpty ? "none (no config or policy references a provider)" : known.joined(separator: ", ")
            messages.append("--catalog names provider '\(name)', which the audited config and policy do not know"
                + Suggestions.didYouMean(name, among: known) + "; known providers: \(list)")
        }
        return messages
    }

    /// A locator over a parsed document; `modelInfo` references point at their key.
    public static func locator(for document: Document) -> ModelAuditLocator {
        { pointer in
            let isKey = pointer.parent?.tokens == ["providers", "modelInfo"]
            return document.location(of: pointer, preferKey: isKey)
        }
    }
}

/// Options that change verdicts, not sources.
public struct ModelAuditOptions: Sendable {
    /// `YYYY-MM-DD`: ids expiring on or before it are warned about.
    public var releaseDate: String?
    /// A provider with references but no catalog is an error instead of a warning.
    public var requireCatalogs: Bool

    public init(releaseDate: String? = nil, requireCatalogs: Bool = false) {
        self.releaseDate = releaseDate
        self.requireCatalogs = requireCatalogs
    }
}

/// The release gate for model ids: collects references, loads each provider's catalog
/// once, and checks every reference against it.
public struct ModelAuditStage: Sendable {
    public static let name = "audit-models"
    public var loader: CatalogLoader

    public init(loader: CatalogLoader) { self.loader = loader }

    public func run(_ input: ModelAuditInput, options: ModelAuditOptions = ModelAuditOptions()) -> ModelAuditReport {
        var findings: [Finding] = []
        let explicit = Dictionary(input.catalogs.map { ($0.provider, $0.location) }, uniquingKeysWith: { _, last in last })
        var references = input.config.map { ModelAudit.references(in: $0, extraProviders: explicit.keys) } ?? []
        var policy: ModelAuditPolicy?
        if let value = input.policy {
            let parsed = ModelAuditPolicy(value)
            findings += parsed.findings
            references += parsed.references
            policy = parsed
        }
        let locate: (ModelReference) -> SourceLocation? = { ref in
            ref.inPolicy ? policy?.location(of: ref.pointer) : input.locateInConfig(ref.pointer)
        }

        // One catalog per provider, in a stable order.
        var providers = Set(references.compactMap(\.provider))
        providers.formUnion(explicit.keys)
        var loaded: [String: LoadedCatalog] = [:]
        for provider in providers.sorted() {
            let firstReference = references.first { $0.provider == provider }
            let at = firstReference.flatMap(locate)
            let descriptor = input.config?["providers"]?["descriptors"]?[provider]
            let descriptorSpec = CatalogSpec(dynamicCatalog: descriptor?["dynamicCatalog"])
            let gateway = policy?.provider == provider ? policy?.catalogSource : nil
            let source: CatalogSource
            if let location = explicit[provider] {
                let shape = descriptorSpec ?? gateway?.spec ?? .detected
                source = Self.isURL(location) ? .http(url: location, spec: shape) : .file(path: location, spec: shape.forSnapshot)
            } else if let spec = descriptorSpec, let url = spec.url {
                source = .http(url: url, spec: spec)
            } else if let gateway {
                source = .http(url: gateway.url, spec: gateway.spec)
            } else {
                findings.append(Finding(options.requireCatalogs ? .error : .warning, code: .modelCatalogUnavailable,
                                        message: "no catalog for provider '\(provider)': its model ids cannot be audited",
                                        location: at, pointer: firstReference?.pointer,
                                        hint: "add a dynamicCatalog to the descriptor or pass --catalog \(provider)=FILE|URL"))
                continue
            }
            switch loader.load(provider: provider, from: source, notes: &findings) {
            case .success(let catalog): loaded[provider] = catalog
            case .failure(let failure):
                let named = explicit[provider] != nil
                findings.append(Finding(named || options.requireCatalogs ? .error : .warning,
                                        code: named ? .modelCatalogUnreadable : .modelCatalogUnavailable,
                                        message: "\(provider): \(failure.message)", location: at,
                                        pointer: firstReference?.pointer, hint: failure.hint))
            }
        }

        let checker = ModelAuditChecks(catalogs: loaded, options: options, locate: locate)
        findings += checker.check(references)
        if let config = input.config { findings += checker.checkDefaults(in: config, references: references) }
        let catalogs = loaded.values.sorted { $0.provider < $1.provider }
        return ModelAuditReport(findings: Array(Set(findings)).sorted(), catalogs: catalogs, referenceCount: references.count)
    }

    static func isURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://")
    }
}
