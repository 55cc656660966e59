import Documents
import Diagnostics
import ManagedPolicy

/// The parts of a Cowork-on-3P managed policy that the model audit needs: which
/// provider, which models, and how to reach a gateway's `/v1/models`.
///
/// The policy arrives as `ManagedPolicy` read it (`PolicyLoader`): preference-store
/// spellings such as `"[\"claude-sonnet-4-5\"]"` are already decoded by the key
/// registry's types, so nothing here parses policy values a second time.
public struct ModelAuditPolicy: Sendable {
    /// `inferenceProvider` (gateway, vertex, bedrock, foundry, anthropic); catalogs for
    /// the policy are named after it (`--catalog gateway=...`). Absent means gateway.
    public var provider: String
    public var gatewayBaseURL: String?
    public var gatewayAPIKey: String?
    /// `x-api-key` or `bearer`, as the app sends the gateway key: `bearer` when unset (the
    /// app's default) and for the retired `auto`/`sso`, which the app no longer reads.
    public var authScheme: String
    public var references: [ModelReference]
    /// Problems reading `inferenceModels` itself (not a list, wrong entry shape).
    public var findings: [Finding]
    /// The policy, to locate references in the files its values came from.
    public let policy: ManagedPolicy

    static let modelsKey = "inferenceModels"

    public init(_ policy: ManagedPolicy) {
        self.policy = policy
        provider = policy["inferenceProvider"]?.stringValue ?? "gateway"
        gatewayBaseURL = policy["inferenceGatewayBaseUrl"]?.stringValue
        gatewayAPIKey = policy["inferenceGatewayApiKey"]?.stringValue
        authScheme = policy["inferenceGatewayAuthScheme"]?.stringValue == "x-api-key" ? "x-api-key" : "bearer"
        references = []
        findings = []
        let pointer = JSONPointer.root / Self.modelsKey
        guard let models = policy[Self.modelsKey] else { return }
        guard let entries = models.arrayValue else {
            // The loader decodes a JSON-array string; one still a string did not decode.
            let what = models.stringValue != nil ? "a string that is not a JSON array" : "a \(models.typeName)"
            findings.append(Finding(.error, code: .modelPolicyModelsInvalid,
                                    message: "inferenceModels is \(what); expected an array",
                                    location: location(of: pointer), pointer: pointer,
                                    hint: models.stringValue != nil ? "store the list as one JSON array string, e.g. [\"claude-sonnet-4-5\"]" : nil))
            return
        }
        for (index, entry) in entries.enumerated() {
            let at = pointer / index
            let name = entry.stringValue ?? entry["name"]?.stringValue
            guard let name, !name.isEmpty else {
                findings.append(Finding(.error, code: .modelPolicyModelsInvalid,
                                        message: "inferenceModels[\(index)] is neither a model name nor {name, supports1m}",
                                        location: location(of: at), pointer: at))
                continue
            }
            // Inside a list the loader keeps values as written; "true" and "1" mean true as at the top level.
            let supports1m = entry["supports1m"].map { value in
                value.boolValue ?? value.stringValue.flatMap { PolicyValueCoder.decode($0, as: .boolean)?.boolValue } ?? false
            } ?? false
            references.append(ModelReference(kind: .policyModel, provider: provider, model: name, text: name,
                                             pointer: entry.stringValue == nil ? at / "name" : at,
                                             claimedContext: supports1m ? 1_000_000 : nil, inPolicy: true))
        }
    }

    /// Where a pointer into the policy stands: the key's own file (policy or preset),
    /// down to the nested value when that file holds it.
    public func location(of pointer: JSONPointer) -> SourceLocation? {
        guard let key = pointer.tokens.first, let entry = policy.entry(key) else { return nil }
        return policy.location(of: entry, at: JSONPointer(tokens: Array(pointer.tokens.dropFirst())))
    }

    /// The gateway's model list request, when the policy names a gateway URL:
    /// `GET <base>/v1/models?limit=1000` with the configured authentication and the
    /// Anthropic API version header, following `has_more`/`last_id` page by page.
    public var catalogSource: (url: String, spec: CatalogSpec)? {
        guard provider == "gateway", var base = gatewayBaseURL, !base.isEmpty else { return nil }
        while base.hasSuffix("/") { base.removeLast() }
        if base.hasSuffix("/v1") { base.removeLast(3) }
        var headers = ["anthropic-version": "2023-06-01"]
        if let key = gatewayAPIKey, !key.isEmpty {
            if authScheme == "x-api-key" { headers["x-api-key"] = key } else { headers["Authorization"] = "Bearer \(key)" }
        }
        let url = "\(base)/v1/models?limit=1000"
        return (url, CatalogSpec(url: url, responsePath: "data", nameField: "display_name", headers: headers,
                                pagination: .anthropic))
    }
}
