import Foundation
import Diagnostics
import Documents

/// The syntactic string formats of the registry (`format` / `itemFormat`).
enum FormatRules {
    struct Issue {
        var severity: Severity = .error
        var code: FindingCode
        var message: String
        var hint: String?
    }

    static func check(_ text: String, _ format: ValueFormat, label: String) -> Issue? {
        switch format {
        case .uuid:
            if matches(text, "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$") { return nil }
            let hint = text.hasPrefix("{") ? "remove the braces" : "generate one with uuidgen"
            return Issue(code: .policyUuid, message: "\(label) '\(text)' is not a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", hint: hint)
        case .httpsURL:
            if let url = URLComponents(string: text), url.scheme?.lowercased() == "https", !(url.host ?? "").isEmpty {
                return credentialIssue(url, text, label)
            }
            return Issue(code: .policyHttpsRequired, message: "\(label) '\(text)' must be an https:// URL",
                         hint: text.hasPrefix("http://") ? "use https://" : nil)
        case .url:
            if let url = URLComponents(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
               !(url.host ?? "").isEmpty { return credentialIssue(url, text, label) }
            return Issue(code: .policyUrl, message: "\(label) '\(text)' must be an http:// or https:// URL",
                         hint: text.lowercased().hasPrefix("socks") ? "SOCKS proxies are not supported" : nil)
        case .absolutePath:
            if text.hasPrefix("~") || containsVariable(text) {
                return Issue(code: .policyPathAbsolute, message: "\(label) '\(text)' must be an absolute path without ~ or variables",
                             hint: "the app does not expand ~ or environment variables here")
            }
            if isAbsolute(text) { return nil }
            return Issue(code: .policyPathAbsolute, message: "\(label) '\(text)' must be an absolute path")
        case .workspacePath:
            // A leading ~ or one of the documented %VAR% names expands (since 1.14271.0).
            var rest = Substring(text)
            if let variable = expandableVariables.first(where: { text.hasPrefix($0) }) {
                rest = rest.dropFirst(variable.count)
                if rest.isEmpty || rest.hasPrefix("\\") || rest.hasPrefix("/") { return nil }
            }
            if containsVariable(String(rest)) {
                return Issue(code: .policyWorkspaceFolder, message: "\(label) '\(text)' uses a variable the app does not expand",
                             hint: "only a leading ~ or " + expandableVariables.joined(separator: ", ") + " expand")
            }
            if text == "~" || text.hasPrefix("~/") || text.hasPrefix("~\\") || isAbsolute(text) { return nil }
            return Issue(code: .policyWorkspaceFolder, message: "\(label) '\(text)' must be absolute or start with ~/")
        case .hostPattern:
            if text == "*" { return nil }
            var host = text.hasPrefix("*.") ? String(text.dropFirst(2)) : text
            // An optional :port suffix (since 1.26832.0).
            if let colon = host.lastIndex(of: ":"), let port = Int(host[host.index(after: colon)...]), (1...65535).contains(port) {
                host = String(host[..<colon])
            }
            if isHostName(host) { return nil }
            var hint: String?
            if text.contains("://") || text.contains("/") { hint = "give the host name only, without scheme or path" }
            return Issue(code: .policyEgressHost, message: "\(label) '\(text)' is not a host name or *.domain wildcard", hint: hint)
        case .headerLine:
            guard let colon = text.firstIndex(of: ":") else {
                return Issue(code: .policyHeaderSyntax, message: "\(label) '\(text)' is not a \"Name: Value\" header")
            }
            let name = text[..<colon]
            let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) {
                return Issue(code: .policyHeaderValue, message: "\(label) contains a line break; a header value cannot")
            }
            if isToken(String(name)) && !value.isEmpty { return nil }
            return Issue(code: .policyHeaderSyntax, message: "\(label) '\(text)' is not a \"Name: Value\" header")
        case .headerValue:
            if text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) {
                return Issue(code: .policyHeaderValue, message: "\(label) contains a line break; a header value cannot",
                             hint: "remove the CR/LF characters")
            }
            return nil
        }
    }

    /// `%VAR%` names the app expands at the start of a workspace folder.
    static let expandableVariables = ["%OneDriveCommercial%", "%OneDriveConsumer%", "%OneDrive%", "%APPDATA%", "%LOCALAPPDATA%",
                                      "%USERNAME%", "%XDG_DOCUMENTS_DIR%"]

    /// Since 1.32352.0 a managed URL with user:password@ makes the whole configuration fail to load.
    static func credentialIssue(_ url: URLComponents, _ text: String, _ label: String) -> Issue? {
        guard url.user != nil || url.password != nil else { return nil }
        return Issue(code: .policyUrlCredentials, message: "\(label) embeds credentials (user:password@); the app refuses to load such a configuration",
                     hint: "remove the credentials from the URL and use the key's header or helper instead")
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }

    /// POSIX, drive-letter and UNC paths: the keys are read on macOS, Windows and Linux.
    static func isAbsolute(_ text: String) -> Bool {
        text.hasPrefix("/") || text.hasPrefix("\\\\") || matches(text, "^[A-Za-z]:[\\\\/]")
    }

    static func containsVariable(_ text: String) -> Bool {
        text.contains("$") || matches(text, "%[A-Za-z_][A-Za-z0-9_]*%")
    }

    static func isHostName(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            matches(String(label), "^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
        }
    }

    /// An HTTP field name (RFC 9110 token).
    static func isToken(_ text: String) -> Bool { matches(text, "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$") }
}
