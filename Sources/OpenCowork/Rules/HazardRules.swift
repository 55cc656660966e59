import Diagnostics
import Documents
import Foundation

/// Settings that are valid but risky, from the Open Cowork configuration reference:
/// token sharing with MCPs, literal OAuth credentials, broad Google scopes, permission
/// values, insecure telemetry, locale tags and the compaction budget.
public enum HazardRules {
    public static let cloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform"
    static let permissionValues = ["allow", "ask", "deny"]
    /// Scopes the app requests when `auth.googleOAuth.scopes` is unset.
    static let defaultScopes = ["openid", "https://www.googleapis.com/auth/userinfo.email", cloudPlatformScope]

    public static func check(_ c: RulesContext) -> [Finding] {
        googleAuthMCPs(c) + oauthCredentials(c) + broadScope(c) + permissions(c) + telemetry(c) + locale(c) + compaction(c)
    }

    static func googleAuthMCPs(_ c: RulesContext) -> [Finding] {
        c.elements("/mcps").compactMap { pointer, mcp in
            guard mcp["googleAuth"]?.boolValue == true else { return nil }
            let name = mcp["name"]?.stringValue ?? c.dotted(pointer)
            return c.finding(.note, .mcpGoogleToken, "MCP '\(name)' receives the signed-in user's Google access token (googleAuth: true)",
                at: pointer / "googleAuth", hint: "enable googleAuth only for MCPs your distribution trusts")
        }
    }

    /// Client id and secret belong in `{env:...}` placeholders, not in a committed file.
    static func oauthCredentials(_ c: RulesContext) -> [Finding] {
        var out: [Finding] = []
        for (key, severity) in [("clientId", Severity.warning), ("clientSecret", Severity.error)] {
            let pointer = JSONPointer(tokens: ["auth", "googleOAuth", key])
            guard let value = c.string(pointer), !value.isEmpty, !Placeholders.contains(value) else { continue }
            out.append(c.finding(severity, .oauthLiteralCredential, "auth.googleOAuth.\(key) is written literally in the config",
                at: pointer, hint: "write \"{env:ACME_GOOGLE_OAUTH_\(key == "clientId" ? "CLIENT_ID" : "CLIENT_SECRET")}\" and list the name in allowedEnvPlaceholders"))
        }
        return out
    }

    /// cloud-platform hands the app a token for every GCP API; it is only needed when
    /// some MCP actually uses the Google session.
    static func broadScope(_ c: RulesContext) -> [Finding] {
        guard c.string("/auth/mode") == "google-oauth" else { return [] }
        let usesGCP = c.elements("/mcps").contains { $0.value["googleAuth"]?.boolValue == true }
        guard !usesGCP else { return [] }
        if let scopes = c.value("/auth/googleOAuth/scopes")?.arrayValue {
            guard let index = scopes.firstIndex(of: .string(cloudPlatformScope)) else { return [] }
            return [c.finding(.warning, .oauthBroadScope, "the cloud-platform scope is requested but no MCP uses the Google session",
                at: JSONPointer(tokens: ["auth", "googleOAuth", "scopes", String(index)]),
                hint: "drop \(cloudPlatformScope) unless an MCP with googleAuth: true needs GCP APIs")]
        }
        return [c.finding(.warning, .oauthBroadScope,
            "auth.googleOAuth.scopes is unset, so the app requests the broad cloud-platform scope by default, and no MCP uses it",
            at: c.value("/auth/googleOAuth") != nil ? "/auth/googleOAuth" : "/auth/mode",
            hint: "set scopes to [\"openid\", \"https://www.googleapis.com/auth/userinfo.email\"]")]
    }

    static func permissions(_ c: RulesContext) -> [Finding] {
        c.members("/permissions").compactMap { key, pointer, value in
            if key == "webSearch" { return nil } // a boolean switch, not a policy
            guard let policy = value.stringValue, permissionValues.contains(policy) else {
                let shown = value.stringValue.map { "'\($0)'" } ?? value.typeName
                return c.finding(.error, .permissionValue, "permissions.\(key) is \(shown); expected allow, ask or deny"
                    + (value.stringValue.map { Suggestions.didYouMean($0, among: permissionValues) } ?? ""),
                    at: pointer, hint: "use 'ask' to let OpenCode prompt, 'deny' for read-only builds")
            }
            return nil
        }
    }

    static func telemetry(_ c: RulesContext) -> [Finding] {
        ["/telemetry/endpoint", "/telemetry/adoption/endpoint"].compactMap { (pointer: JSONPointer) -> Finding? in
            guard let url = c.string(pointer), !Placeholders.contains(url) else { return nil }
            let lower = url.lowercased()
            if lower.hasPrefix("https://") { return nil }
            let host = URLComponents(string: url)?.host ?? ""
            if lower.hasPrefix("http://"), LinkRules.isLoopbackHost(host) {
                return c.finding(.warning, .telemetryInsecure, "\(c.dotted(pointer)) '\(url)' is a loopback http endpoint (development only)",
                    at: pointer, hint: "use the https collector for a release build")
            }
            return c.finding(.error, .telemetryInsecure, "\(c.dotted(pointer)) '\(url)' is not https; telemetry would travel in clear text",
                at: pointer, hint: "use an https:// collector")
        }
    }

    static func locale(_ c: RulesContext) -> [Finding] {
        guard let tag = c.string("/i18n/locale"), !BCP47.isWellFormed(tag) else { return [] }
        let hint = tag.contains("_") ? "BCP 47 uses '-': '\(tag.replacingOccurrences(of: "_", with: "-"))'" : "use a tag such as 'en-US' or 'de-DE'"
        return [c.finding(.error, .localeInvalid, "i18n.locale '\(tag)' is not a BCP 47 language tag", at: "/i18n/locale", hint: hint)]
    }

    static func compaction(_ c: RulesContext) -> [Finding] {
        guard let value = c.value("/compaction/reserved") else { return [] }
        guard let number = value.numberValue, let reserved = number.int64Value else {
            return [c.finding(.error, .compactionReserved, "compaction.reserved must be a whole number of tokens", at: "/compaction/reserved")]
        }
        guard reserved <= 0 else { return [] }
        return [c.finding(reserved < 0 ? .error : .warning, .compactionReserved,
            "compaction.reserved is \(reserved); compaction needs free tokens to run near the context limit",
            at: "/compaction/reserved", hint: "keep a positive budget, e.g. 10000")]
    }
}

/// Well-formedness of BCP 47 language tags (RFC 5646 syntax, not registry membership).
enum BCP47 {
    static func isWellFormed(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false).map { $0.lowercased() }
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }) else { return false }
        var i = 0
        func alpha(_ s: String, _ r: ClosedRange<Int>) -> Bool { r.contains(s.count) && s.allSatisfy(\.isLetter) }
        func alnum(_ s: String, _ r: ClosedRange<Int>) -> Bool { r.contains(s.count) }
        if parts[0] == "x" { return parts.count > 1 && parts.dropFirst().allSatisfy { alnum($0, 1...8) } }
        guard alpha(parts[0], 2...8) else { return false }
        i = 1
        if parts[0].count <= 3 { // up to three extlang subtags
            var extlangs = 0
            while i < parts.count, extlangs < 3, alpha(parts[i], 3...3) { i += 1; extlangs += 1 }
        }
        if i < parts.count, alpha(parts[i], 4...4) { i += 1 } // script
        if i < parts.count, alpha(parts[i], 2...2) || (parts[i].count == 3 && parts[i].allSatisfy(\.isNumber)) { i += 1 } // region
        while i < parts.count { // variants
            let p = parts[i]
            if alnum(p, 5...8) || (p.count == 4 && p.first?.isNumber == true) { i += 1 } else { break }
        }
        while i < parts.count, parts[i].count == 1, parts[i] != "x" { // extensions
            i += 1
            var n = 0
            while i < parts.count, alnum(parts[i], 2...8) { i += 1; n += 1 }
            if n == 0 { return false }
        }
        if i < parts.count, parts[i] == "x" {
            return parts.count > i + 1 && parts[(i + 1)...].allSatisfy { alnum($0, 1...8) }
        }
        return i == parts.count
    }
}
