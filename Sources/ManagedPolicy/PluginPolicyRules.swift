import Foundation
import Documents
import Diagnostics

/// Rules for the plugin keys beyond field types: `allowedPluginMarketplaces` entries need
/// what their `source` fetches from, an auto-installed marketplace needs a pin (a full
/// commit SHA for git/github, `manifestSha256` for url, or the app shows it as available
/// with a warning from 1.46388.1), a credential helper kind needs its helper; and
/// `orgPluginSettings` locks name each server and tool once.
struct PluginPolicyRules {
    static let marketplacesKey = "allowedPluginMarketplaces"
    static let settingsKey = "orgPluginSettings"

    /// What each marketplace source reads, and the field naming where it fetches from.
    static let sourceFields: [String: (needs: String, reads: Set<String>)] = [
        "github": ("repo", ["repo", "ref", "path"]),
        "git": ("url", ["url", "ref", "path"]),
        "url": ("url", ["url", "manifestSha256"]),
    ]
    /// Fields every source reads.
    static let commonFields: Set<String> = ["source", "expectedName", "installationPreference", "credentialKind", "credentialHelper"]

    func check(_ policy: ManagedPolicy) -> [Finding] {
        marketplaces(policy) + settings(policy)
    }

    func marketplaces(_ policy: ManagedPolicy) -> [Finding] {
        guard let entry = policy.entry(Self.marketplacesKey), let items = entry.value.arrayValue else { return [] }
        var findings: [Finding] = []
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            guard let object = item.objectValue else { continue }
            let at = JSONPointer(tokens: [String(index)])
            let label = "\(Self.marketplacesKey)[\(index)]"
            func add(_ severity: Severity, _ message: String, _ sub: JSONPointer, hint: String? = nil) {
                findings.append(Finding(severity, code: .policyPluginMarketplace, message: "\(label) \(message)",
                                        location: policy.location(of: entry, at: sub),
                                        pointer: JSONPointer(tokens: [Self.marketplacesKey] + sub.tokens), hint: hint))
            }
            guard let source = object["source"]?.stringValue else { add(.error, "needs a source (github, git or url)", at, hint: "e.g. {source: github, repo: owner/repo}"); continue }
            guard let shape = Self.sourceFields[source] else { continue }  // the value check reports the unknown source
            guard let origin = object[shape.needs]?.stringValue, !origin.isEmpty else {
                add(.error, "has source \(source) but no \(shape.needs)", at, hint: "set \(shape.needs)")
                continue
            }
            for field in object.keys where !shape.reads.contains(field) && !Self.commonFields.contains(field) {
                add(.warning, "sets \(field), which a \(source) source does not read", at / field, hint: "remove it, or change source")
            }
            let key = "\(source) \(origin) \(object["path"]?.stringValue ?? "")"
            if let first = seen[key] {
                add(.warning, "repeats the marketplace of \(Self.marketplacesKey)[\(first)]", at, hint: "list each marketplace once")
            } else {
                seen[key] = index
            }
            if let preference = object["installationPreference"]?.stringValue, preference != "available" {
                let pinned: Bool
                if source == "url" {
                    pinned = object["manifestSha256"]?.stringValue != nil
                } else {
                    pinned = object["ref"]?.stringValue?.range(of: "^[0-9a-f]{40}$", options: .regularExpression) != nil
                }
                if !pinned {
                    add(.warning, "asks for \(preference) without a pin; from 1.46388.1 the app shows it as available with a warning",
                        at / "installationPreference",
                        hint: source == "url" ? "add manifestSha256 (the SHA-256 of marketplace.json)" : "set ref to a full 40-character commit SHA")
                }
            }
            let kind = object["credentialKind"]?.stringValue
            if kind == "credentialHelper", object["credentialHelper"] == nil {
                add(.error, "uses credentialKind credentialHelper but names no credentialHelper", at / "credentialKind", hint: "set credentialHelper to an absolute path")
            }
            if object["credentialHelper"] != nil, kind != "credentialHelper" {
                add(.warning, "sets credentialHelper, which is read only with credentialKind: credentialHelper", at / "credentialHelper",
                    hint: "set credentialKind: credentialHelper, or remove it")
            }
        }
        return findings
    }

    func settings(_ policy: ManagedPolicy) -> [Finding] {
        guard let entry = policy.entry(Self.settingsKey), let servers = entry.value.arrayValue else { return [] }
        var findings: [Finding] = []
        var names: [String: Int] = [:]
        for (index, server) in servers.enumerated() {
            guard let object = server.objectValue else { continue }
            let at = JSONPointer(tokens: [String(index)])
            func add(_ severity: Severity, _ message: String, _ sub: JSONPointer) {
                findings.append(Finding(severity, code: .policyPluginSettings, message: "\(Self.settingsKey)[\(index)] \(message)",
                                        location: policy.location(of: entry, at: sub), pointer: JSONPointer(tokens: [Self.settingsKey] + sub.tokens),
                                        hint: "{serverName: docs, tools: [{toolName: search, permission: allow}]}"))
            }
            guard let name = object["serverName"]?.stringValue, !name.isEmpty else {
                add(.error, "needs a serverName (the MCP server's name in the plugin's .mcp.json)", at)
                continue
            }
            if let first = names[name] {
                add(.error, "locks server '\(name)' again (first at \(Self.settingsKey)[\(first)])", at / "serverName")
            } else {
                names[name] = index
            }
            var tools: Set<String> = []
            for (position, tool) in (object["tools"]?.arrayValue ?? []).enumerated() {
                let toolAt = at / "tools" / position
                guard let toolName = tool["toolName"]?.stringValue, !toolName.isEmpty else { add(.error, "tools[\(position)] needs a toolName", toolAt); continue }
                if !tools.insert(toolName).inserted { add(.error, "names tool '\(toolName)' twice", toolAt / "toolName") }
                if tool["permission"] == nil { add(.error, "tools[\(position)] needs a permission (allow, ask or blocked)", toolAt) }
            }
        }
        return findings
    }
}
