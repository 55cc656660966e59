import Documents
import Diagnostics

/// Rules for `managedMcpServers` beyond field types: unique names, the transport's
/// needs (url for http/sse, command for stdio), and `oauth` excluding static headers.
struct McpServerRules {
    static let key = "managedMcpServers"

    func check(_ policy: ManagedPolicy) -> [Finding] {
        guard let entry = policy.entry(Self.key), let servers = entry.value.arrayValue else { return [] }
        var findings: [Finding] = []
        var names: [String: Int] = [:]
        for (index, server) in servers.enumerated() {
            guard let object = server.objectValue else { continue }
            let at = JSONPointer(tokens: [String(index)])
            func add(_ code: String, _ message: String, _ sub: JSONPointer, hint: String? = nil) {
                findings.append(Finding(.error, code: code, message: message, location: policy.location(of: entry, at: sub),
                                        pointer: JSONPointer(tokens: [Self.key] + sub.tokens), hint: hint))
            }
            let label = "\(Self.key)[\(index)]"
            if let name = object["name"]?.stringValue {
                if let first = names[name] {
                    add("policy-mcp-duplicate-name", "\(label) reuses the name '\(name)' of \(Self.key)[\(first)]", at / "name")
                } else {
                    names[name] = index
                }
            }
            let transport = object["transport"]?.stringValue ?? "http"
            if transport == "stdio" {
                if object["command"] == nil { add("policy-mcp-transport", "\(label) uses stdio but has no command", at) }
                if object["url"] != nil { add("policy-mcp-transport", "\(label) uses stdio; url is not read", at / "url") }
            } else {
                if object["url"] == nil { add("policy-mcp-transport", "\(label) needs a url for \(transport) transport", at) }
                if object["command"] != nil { add("policy-mcp-transport", "\(label) has a command but transport \(transport)", at / "command",
                                                  hint: "set transport: stdio") }
            }
            if object["oauth"]?.boolValue == true {
                for other in ["headers", "headersHelper"] where object[other] != nil {
                    add("policy-mcp-auth-conflict", "\(label) sets oauth and \(other); they are mutually exclusive", at / other,
                        hint: "remove \(other) or oauth")
                }
            }
            if object["headersHelperTtlSec"] != nil && object["headersHelper"] == nil {
                add("policy-requires-key", "\(label).headersHelperTtlSec takes effect only with headersHelper", at / "headersHelperTtlSec")
            }
        }
        return findings
    }
}
