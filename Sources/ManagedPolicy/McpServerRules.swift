import Foundation
import Documents
import Diagnostics

/// Rules for `managedMcpServers` beyond field types: unique names, the transport's needs
/// (url for http/sse, command for stdio; bundled `server` entries need neither), a missing
/// transport (a shape deprecated with a cut-off), and `oauth` excluding static headers.
struct McpServerRules {
    static let key = "managedMcpServers"
    var now: Date
    var target: AppRelease?
    /// The registry's deprecation of old entry shapes (its cut-off covers a missing transport).
    var shapeDeprecation: Deprecation?

    func check(_ policy: ManagedPolicy) -> [Finding] {
        guard let entry = policy.entry(Self.key), let servers = entry.value.arrayValue else { return [] }
        var findings: [Finding] = []
        var names: [String: Int] = [:]
        for (index, server) in servers.enumerated() {
            guard let object = server.objectValue else { continue }
            let at = JSONPointer(tokens: [String(index)])
            func add(_ code: FindingCode, _ message: String, _ sub: JSONPointer, hint: String? = nil, severity: Severity = .error) {
                findings.append(Finding(severity, code: code, message: message, location: policy.location(of: entry, at: sub),
                                        pointer: JSONPointer(tokens: [Self.key] + sub.tokens), hint: hint))
            }
            let label = "\(Self.key)[\(index)]"
            if let name = object["name"]?.stringValue, !name.isEmpty {
                if let first = names[name] {
                    add(.policyMcpDuplicateName, "\(label) reuses the name '\(name)' of \(Self.key)[\(first)]", at / "name")
                } else {
                    names[name] = index
                }
            }
            if object["server"] != nil { continue }  // a bundled connector: no transport, url or command
            let transport = object["transport"]?.stringValue
            if transport == nil {
                let deprecation = shapeDeprecation ?? Deprecation()
                switch KeyLifecycle.state(of: deprecation, removed: false, target: target, now: now) {
                case .inForce: break
                case .deprecated:
                    add(.policyMcpTransport, "\(label) has no transport (read as http until the \(deprecation.cutoffDay ?? "announced") cut-off)",
                        at, hint: "set transport: http, sse or stdio", severity: .warning)
                case .rejected:
                    add(.policyMcpTransport, "\(label) has no transport; entries without one are rejected since the \(deprecation.cutoffDay ?? "") cut-off",
                        at, hint: "set transport: http, sse or stdio")
                }
            }
            if transport == "stdio" {
                if object["command"] == nil { add(.policyMcpTransport, "\(label) uses stdio but has no command", at) }
                if object["url"] != nil { add(.policyMcpTransport, "\(label) uses stdio; url is not read", at / "url") }
            } else {
                if object["url"] == nil { add(.policyMcpTransport, "\(label) needs a url for \(transport ?? "http") transport", at) }
                if object["command"] != nil {
                    add(.policyMcpTransport, "\(label) has a command but transport \(transport ?? "http")", at / "command", hint: "set transport: stdio")
                }
            }
            if let oauth = object["oauth"], oauth.boolValue == true || oauth.objectValue != nil {
                for other in ["headers", "headersHelper"] where object[other] != nil {
                    add(.policyMcpAuthConflict, "\(label) sets oauth and \(other); they are mutually exclusive", at / other,
                        hint: "remove \(other) or oauth")
                }
            }
            if object["headersHelperTtlSec"] != nil && object["headersHelper"] == nil {
                add(.policyRequiresKey, "\(label).headersHelperTtlSec takes effect only with headersHelper", at / "headersHelperTtlSec")
            }
        }
        return findings
    }
}
