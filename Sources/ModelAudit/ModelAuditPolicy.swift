import Documents
import Diagnostics

/// The parts of a Cowork-on-3P managed policy (a flat key map) that the model audit
/// needs: which provider, which models, and how to reach a gateway's `/v1/models`.
public struct ModelAuditPolicy: Sendable {
    /// `inferenceProvider` (gateway, vertex, bedrock, foundry, anthropic); catalogs for
    /// the policy are named after it (`--catalog gateway=...`). Absent means gateway.
    public var provider: String
    public var gatewayBaseURL: String?
    public var gatewayAPIKey: String?
    /// `x-api-key`, `bearer` or `auto` (deprecated; treated as x-api-key).
    public var authScheme: String
    public var references: [ModelReference]
    /// Problems reading `inferenceModels` itself (not JSON, wrong entry shape).
    public var findings: [Finding]

    /// Reads a policy. Values may be native or, as the OS preference stores keep them,
    /// strings holding JSON (`"[\"claude-sonnet-4-5\"]"`, `"true"`).
    public init(_ policy: JSONValue, locate: (JSONPointer) -> SourceLocation? = { _ in nil }) {
        provider = policy["inferenceProvider"]?.stringValue ?? "gateway"
        gatewayBaseURL = policy["inferenceGatewayBaseUrl"]?.stringValue
        gatewayAPIKey = policy["inferenceGatewayApiKey"]?.stringValue
        authScheme = policy["inferenceGatewayAuthScheme"]?.stringValue ?? "auto"
        references = []
        findings = []
        let pointer = JSONPointer.root / "inferenceModels"
        guard var models = policy["inferenceModels"] else { return }
        if case .string(let text) = models {
            do throws(DocumentError) {
                models = try JSONReader(recordsLocations: false).read(text).value
            } catch {
                findings.append(Finding(.error, code: "model-policy-models-invalid",
                                        message: "inferenceModels is a string that is not JSON: \(error.message)",
                                        location: locate(pointer), pointer: pointer,
                                        hint: "store the list as one JSON array string, e.g. [\"claude-sonnet-4-5\"]"))
                return
            }
        }
        guard let entries = models.arrayValue else {
            findings.append(Finding(.error, code: "model-policy-models-invalid",
                                    message: "inferenceModels is a \(models.typeName); expected an array",
                                    location: locate(pointer), pointer: pointer))
            return
        }
        for (index, entry) in entries.enumerated() {
            let at = pointer / index
            let name = entry.stringValue ?? entry["name"]?.stringValue
            guard let name, !name.isEmpty else {
                findings.append(Finding(.error, code: "model-policy-models-invalid",
                                        message: "inferenceModels[\(index)] is neither a model name nor {name, supports1m}",
                                        location: locate(at), pointer: at))
                continue
            }
            let supports1m = entry["supports1m"].map { $0.boolValue ?? ($0.stringValue == "true") } ?? false
            references.append(ModelReference(kind: .policyModel, provider: provider, model: name, text: name,
                                             pointer: entry.stringValue == nil ? at / "name" : at,
                                             claimedContext: supports1m ? 1_000_000 : nil, inPolicy: true))
        }
    }

    /// The gateway's model list request, when the policy names a gateway URL:
    /// `GET <base>/v1/models?limit=1000` with the configured authentication and the
    /// Anthropic API version header.
    public var catalogSource: (url: String, spec: CatalogSpec)? {
        guard provider == "gateway", var base = gatewayBaseURL, !base.isEmpty else { return nil }
        while base.hasSuffix("/") { base.removeLast() }
        if base.hasSuffix("/v1") { base.removeLast(3) }
        var headers = ["anthropic-version": "2023-06-01"]
        if let key = gatewayAPIKey, !key.isEmpty {
            if authScheme == "bearer" { headers["Authorization"] = "Bearer \(key)" } else { headers["x-api-key"] = key }
        }
        let url = "\(base)/v1/models?limit=1000"
        return (url, CatalogSpec(url: url, responsePath: "data", nameField: "display_name", headers: headers))
    }
}
