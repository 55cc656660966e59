import Foundation
import Documents
import Diagnostics

/// `.mcp.json` (and MCP files or inline servers named by `plugin.json`), in the wrapped
/// form `{"mcpServers": {name: server}}` or the flat form `{name: server}`. The app reads
/// `type` http|sse with `url`, `headers` and `oauth` for an org plugin; a server with an
/// empty `url` is matched to the connector directory by its name.
extension PluginContentChecks {
    /// Checks the servers of one MCP file.
    func mcpFile(_ path: String) -> [Finding] {
        let document: Document
        switch load(path) {
        case .failure(let finding): return [finding]
        case .success(let d): document = d
        }
        guard let object = document.value.objectValue else {
            return [Finding(.error, code: .pluginMcpInvalid, message: "\(path) is a \(document.value.typeName), not a JSON object",
                            location: location(path, document), hint: "write {\"mcpServers\": {\"name\": {\"type\": \"http\", \"url\": \"https://…\"}}}")]
        }
        if let wrapped = object["mcpServers"] {
            guard let servers = wrapped.objectValue else {
                return [Finding(.error, code: .pluginMcpInvalid, message: "\(path): mcpServers must be an object of servers",
                                location: location(path, document, "/mcpServers"), pointer: "/mcpServers",
                                hint: "{\"mcpServers\": {\"name\": \(Self.serverExample)}}")]
            }
            return mcpServers(servers, in: path, document, at: "/mcpServers")
        }
        return mcpServers(object, in: path, document, at: .root)
    }

    /// Checks servers given inline (`plugin.json`'s `mcpServers` object).
    func mcpServers(_ servers: JSONObject, in path: String, _ document: Document, at base: JSONPointer) -> [Finding] {
        var findings: [Finding] = []
        for (server, config) in servers.members {
            let at = base / server
            func report(_ severity: Severity, _ code: FindingCode, _ message: String, _ sub: [String], hint: String?) {
                let pointer = sub.reduce(at) { $0 / $1 }
                findings.append(Finding(severity, code: code, message: "\(path): server '\(server)' \(message)",
                                        location: location(path, document, pointer), pointer: pointer, hint: hint))
            }
            func add(_ severity: Severity, _ code: FindingCode, _ message: String, _ sub: String..., hint: String) {
                report(severity, code, message, sub, hint: hint)
            }
            guard let object = config.objectValue else { add(.error, .pluginMcpInvalid, "must be an object, not \(config.typeName)", hint: Self.serverExample); continue }
            let type = object["type"]?.stringValue ?? (object["command"] != nil ? "stdio" : "http")
            if type == "stdio" {
                report(.warning, .pluginMcpTransport, "starts a local command; the app reads only http and sse servers from an org plugin, so it is not started",
                    [object["command"] != nil ? "command" : "type"], hint: "serve it over https, or deliver it with managedMcpServers")
            } else if !PluginTables.mcpTransports.contains(type) {
                add(.error, .pluginMcpInvalid, "has type '\(type)'; use http or sse" + Suggestions.didYouMean(type, among: PluginTables.mcpTransports), "type",
                    hint: "org plugins reach MCP servers over http or sse only")
            }
            if type != "stdio" {
                for field in object.keys where !PluginTables.mcpServerFields.contains(field) {
                    report(.warning, .pluginMcpField, "sets '\(field)', which the app does not read for an org plugin's server", [field],
                        hint: "use type, url, headers and oauth")
                }
                if let url = object["url"] {
                    if let text = url.stringValue {
                        if !text.isEmpty, !text.hasPrefix("${"), !Self.isHTTPS(text) {
                            report(.error, .pluginMcpInvalid, "url must be an https:// URL with a host", ["url"], hint: text.hasPrefix("http://") ? "use https://" : nil)
                        }
                    } else {
                        add(.error, .pluginMcpInvalid, "url must be a string", "url", hint: Self.serverExample)
                    }
                } else {
                    add(.error, .pluginMcpInvalid, "needs a url", hint: "add \"url\": \"https://…\" (an empty url matches the connector directory by the server's name)")
                }
            }
            if let headers = object["headers"] {
                if let map = headers.objectValue, map.members.allSatisfy({ $0.value.stringValue != nil }) {
                    for (name, value) in map.members where value.stringValue?.contains(where: { $0 == "\r" || $0 == "\n" }) == true {
                        add(.error, .pluginMcpInvalid, "header \(name) holds a line break", "headers", name, hint: "put the value on one line")
                    }
                } else {
                    add(.error, .pluginMcpInvalid, "headers must map names to strings", "headers", hint: "\"headers\": {\"X-Team\": \"finance\"}")
                }
            }
            if let oauth = object["oauth"], oauth.objectValue == nil, oauth.boolValue == nil {
                add(.error, .pluginMcpInvalid, "oauth must be an object", "oauth", hint: "\"oauth\": {\"clientId\": \"…\", \"callbackPort\": 3118}")
            }
            for (pointer, what) in Self.credentials(in: config, at: at) {
                findings.append(Finding(.error, code: .pluginMcpCredential,
                                        message: "\(path): server '\(server)' holds \(what); the plugin ships it to every device in a world-readable folder",
                                        location: location(path, document, pointer), pointer: pointer,
                                        hint: "reference it as ${NAME} from the user's environment or use oauth, and rotate the credential"))
            }
        }
        return findings
    }

    static let serverExample = "{\"type\": \"http\", \"url\": \"https://mcp.example.com/mcp\"}"

    /// An https URL with a host. (Messages never repeat the URL: it may hold a password.)
    static func isHTTPS(_ text: String) -> Bool {
        guard let url = URLComponents(string: text) else { return false }
        return url.scheme?.lowercased() == "https" && !(url.host ?? "").isEmpty
    }

    /// Literal credentials in one server: credential headers, secret-named fields (env
    /// variables included) and a password in a URL. `${NAME}` references are not literal.
    static func credentials(in server: JSONValue, at base: JSONPointer) -> [(JSONPointer, String)] {
        var hits: [(JSONPointer, String)] = []
        PolicySecretScan.walk(server, at: base) { pointer, name, text in
            if let url = URLComponents(string: text), url.scheme != nil, let password = url.password, !password.isEmpty, !password.hasPrefix("${") {
                hits.append((pointer, "a password in a URL"))
                return
            }
            guard PolicySecretScan.looksLikeCredential(text) else { return }
            let lowered = name.lowercased()
            if PluginTables.credentialHeaders.contains(lowered) {
                hits.append((pointer, "a literal \(name) header"))
            } else if PluginTables.credentialFields.contains(name)
                        || ["secret", "token", "password", "apikey", "api_key"].contains(where: lowered.contains) {
                hits.append((pointer, "a literal \(name)"))
            }
        }
        return hits
    }
}
