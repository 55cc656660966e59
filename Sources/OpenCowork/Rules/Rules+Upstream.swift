import Foundation
import Diagnostics
import Documents

/// The semantic rules Open Cowork itself applies after the schema (SPEC §4), reported
/// all at once instead of the first one only.
extension Rules {
    static func upstream(_ c: RulesContext) -> [Finding] {
        providers(c) + mcps(c) + gateway(c) + namespace(c)
    }

    /// Every available id is described; the default provider is available.
    static func providers(_ c: RulesContext) -> [Finding] {
        var out: [Finding] = []
        let descriptors = c.value("/providers/descriptors")?.objectValue
        let custom = c.value("/providers/custom")?.objectValue
        let known = (descriptors?.keys ?? []) + (custom?.keys ?? [])
        var available: [String] = []
        for (pointer, value) in c.elements("/providers/available") {
            guard let id = value.stringValue else { continue }
            available.append(id)
            if descriptors?.contains(id) != true && custom?.contains(id) != true {
                out.append(c.finding(.error, .providerUndeclared,
                    "provider '\(id)' is listed in providers.available but has no descriptor or custom entry"
                        + Suggestions.didYouMean(id, among: known),
                    at: pointer, hint: "add providers.descriptors.\(id) (built-in) or providers.custom.\(id), or remove it from available"))
            }
        }
        if let id = c.string("/providers/defaultProvider"), !available.contains(id) {
            out.append(c.finding(.error, .providerDefaultUnavailable,
                "providers.defaultProvider '\(id)' is not one of providers.available" + Suggestions.didYouMean(id, among: available),
                at: "/providers/defaultProvider", hint: "add '\(id)' to providers.available or pick one of: \(available.joined(separator: ", "))"))
        }
        return out
    }

    /// Local MCPs need something to run, remote MCPs somewhere to connect.
    static func mcps(_ c: RulesContext) -> [Finding] {
        var out: [Finding] = []
        for (pointer, mcp) in c.elements("/mcps") {
            let name = mcp["name"]?.stringValue ?? "#\(pointer.last ?? "")"
            switch mcp["type"]?.stringValue {
            case "local":
                let package = mcp["packageName"]?.stringValue.map { !$0.isEmpty } ?? false
                let command = mcp["command"]?.arrayValue.map { !$0.isEmpty } ?? false
                if !package && !command {
                    out.append(c.finding(.error, .mcpLocalEntry, "local MCP '\(name)' has neither packageName nor a command array",
                        at: pointer, hint: "set packageName (runs mcps/<name>/dist/index.js) or command: [\"executable\", \"args\"...]"))
                }
            case "remote":
                if (mcp["url"]?.stringValue ?? "").isEmpty {
                    out.append(c.finding(.error, .mcpRemoteUrl, "remote MCP '\(name)' has no url",
                        at: pointer, hint: "set url to the MCP server's https endpoint"))
                }
            default:
                break // the schema reports a missing or unknown type
            }
        }
        return out
    }

    /// Gateway exposure rules for a public bind (SPEC §4).
    static func gateway(_ c: RulesContext) -> [Finding] {
        guard c.value("/gateway")?.objectValue != nil else { return [] }
        var out: [Finding] = []
        let host = c.string("/gateway/server/host")
        // An unset host binds loopback in the gateway, so only an explicit host can be public.
        let isPublic = host.map { !LinkRules.isLoopbackHost($0) } ?? false
        if isPublic, let host {
            let selfHost = c.string("/gateway/mode") == "self-host"
            let metrics = c.value("/gateway/metrics/enabled")?.boolValue ?? true
            let diagnostics = c.value("/gateway/diagnostics/enabled")?.boolValue ?? selfHost
            let token = c.string("/gateway/server/adminToken") ?? ""
            if (metrics || diagnostics) && token.isEmpty {
                let what = [metrics ? "metrics" : nil, diagnostics ? "diagnostics" : nil].compactMap { $0 }.joined(separator: " and ")
                out.append(c.finding(.error, .gatewayAdminToken,
                    "gateway binds the public address '\(host)' with \(what) enabled but has no server.adminToken",
                    at: c.value("/gateway/server/adminToken") == nil ? "/gateway/server/host" : "/gateway/server/adminToken",
                    hint: "set gateway.server.adminToken to \"{env:NAME}\" (allowlisted), disable metrics/diagnostics, or bind 127.0.0.1"))
            }
        }
        for (pointer, provider) in c.elements("/gateway/providers") {
            let id = provider["id"]?.stringValue ?? "#\(pointer.last ?? "")"
            let enabled = provider["enabled"]?.boolValue ?? true
            switch provider["kind"]?.stringValue {
            case "fake" where enabled && isPublic:
                out.append(c.finding(.error, .gatewayFakePublic,
                    "gateway provider '\(id)' of kind fake is enabled on a public bind", at: pointer / "kind",
                    hint: "disable it (enabled: false) or bind the gateway to 127.0.0.1"))
            case "webhook":
                if (provider["credentials"]?["sharedSecret"]?.stringValue ?? "").isEmpty {
                    out.append(c.finding(.error, .gatewayWebhookSecret,
                        "gateway provider '\(id)' of kind webhook has no credentials.sharedSecret", at: pointer,
                        hint: "set credentials.sharedSecret to \"{env:NAME}\" (allowlisted)"))
                }
            default:
                break
            }
        }
        return out
    }

    /// Upstream silently falls back to `opencowork` on a bad namespace; we refuse it.
    static func namespace(_ c: RulesContext) -> [Finding] {
        guard let ns = c.string("/branding/projectNamespace") else { return [] }
        let first = ns.unicodeScalars.first
        let ok = first.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) } ?? false
            && ns.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard !ok else { return [] }
        return [c.finding(.error, .brandingNamespaceInvalid,
            "branding.projectNamespace '\(ns)' does not match ^[a-z0-9][a-z0-9-]*$ (the app would silently use 'opencowork')",
            at: "/branding/projectNamespace", hint: "use lower-case letters, digits and '-', e.g. '\(suggestNamespace(ns))'")]
    }

    static func suggestNamespace(_ text: String) -> String {
        let mapped = text.lowercased().map { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII ? $0 : "-" }
        let trimmed = String(mapped).trimmingCharacters(in: ["-"])
        return trimmed.isEmpty ? "my-distribution" : trimmed
    }
}
