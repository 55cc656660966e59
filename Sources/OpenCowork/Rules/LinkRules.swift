import Diagnostics
import Documents
import Foundation

/// Public URLs in the config (SPEC §4): well-formed, https (mailto where upstream
/// allows it; loopback http only as a development warning), never with credentials.
public enum LinkRules {
    /// What a URL field may hold.
    enum Policy: Sendable { case https, httpsOrMailto, anyHTTP }

    /// A URL field of the config, as a pointer pattern (`*` = every member/element).
    struct Field: Sendable {
        var pattern: String
        var policy: Policy
    }

    /// The URL fields, from the upstream schema. Telemetry endpoints are `anyHTTP` here
    /// because the hazard rules own their https finding (`telemetry-insecure`).
    static let fields: [Field] = {
        let publicBranding = ["logoUrl", "faviconUrl", "ogImageUrl", "privacyUrl", "securityUrl", "legalUrl"]
        var list: [Field] = [
            Field(pattern: "/branding/helpUrl", policy: .https),
            Field(pattern: "/branding/docsBaseUrl", policy: .https),
            Field(pattern: "/branding/supportUrl", policy: .httpsOrMailto),
            Field(pattern: "/branding/privacyUrl", policy: .https),
            Field(pattern: "/branding/securityUrl", policy: .https),
            Field(pattern: "/branding/legalUrl", policy: .https),
            Field(pattern: "/branding/sidebar/lower/linkUrl", policy: .httpsOrMailto),
            Field(pattern: "/updates/manualFallbackUrl", policy: .https),
            Field(pattern: "/updates/releaseSource/url", policy: .https),
            Field(pattern: "/updates/releaseSource/auth/brokerUrl", policy: .https),
            Field(pattern: "/telemetry/endpoint", policy: .anyHTTP),
            Field(pattern: "/telemetry/adoption/endpoint", policy: .anyHTTP),
            Field(pattern: "/cloud/auth/issuerUrl", policy: .https),
            Field(pattern: "/cloud/billing/stripe/successUrl", policy: .https),
            Field(pattern: "/cloud/billing/stripe/cancelUrl", policy: .https),
            Field(pattern: "/cloud/billing/stripe/portalReturnUrl", policy: .https),
            Field(pattern: "/cloudDesktop/preconfiguredConnections/*/baseUrl", policy: .https),
            Field(pattern: "/gateway/server/publicBaseUrl", policy: .https),
            Field(pattern: "/gateway/providers/*/settings/publicBaseUrl", policy: .https),
            Field(pattern: "/providers/descriptors/*/dynamicCatalog/url", policy: .https),
        ]
        for section in ["/cloud/publicBranding", "/gateway/branding"] {
            list += publicBranding.map { Field(pattern: "\(section)/\($0)", policy: .https) }
            list.append(Field(pattern: "\(section)/supportUrl", policy: .httpsOrMailto))
        }
        return list
    }()

    /// One URL found in the config, for rules and for `LinkChecker`.
    public struct Link: Hashable, Sendable {
        public var url: String
        public var pointer: JSONPointer
        public var location: SourceLocation?
        public init(url: String, pointer: JSONPointer, location: SourceLocation? = nil) {
            self.url = url
            self.pointer = pointer
            self.location = location
        }
    }

    /// Every URL field present in the config, in table order. Values holding
    /// placeholders are left out: they are only known when the app starts.
    public static func links(in c: RulesContext) -> [Link] {
        linkFields(c).map { $0.link }
    }

    static func linkFields(_ c: RulesContext) -> [(link: Link, policy: Policy)] {
        var out: [(Link, Policy)] = []
        for field in fields {
            let tokens = (try? JSONPointer(parsing: field.pattern))?.tokens ?? []
            for pointer in c.expand(tokens) {
                guard let url = c.string(pointer), !Placeholders.contains(url) else { continue }
                out.append((Link(url: url, pointer: pointer, location: c.locate(pointer)), field.policy))
            }
        }
        return out
    }

    public static func check(_ c: RulesContext) -> [Finding] {
        linkFields(c).compactMap { link, policy in problem(link, policy: policy, in: c) }
    }

    static func problem(_ link: Link, policy: Policy, in c: RulesContext) -> Finding? {
        let field = c.dotted(link.pointer)
        let text = link.url
        func finding(_ severity: Severity, _ code: FindingCode, _ message: String, hint: String? = nil) -> Finding {
            Finding(severity, code: code, message: message, location: link.location, pointer: link.pointer, hint: hint)
        }
        if text.lowercased().hasPrefix("mailto:") {
            guard policy == .httpsOrMailto else {
                return finding(.error, .linkScheme, "\(field) '\(text)' is a mailto: link, which only support and sidebar links may use",
                               hint: "use an https:// URL")
            }
            let address = text.dropFirst("mailto:".count)
            let parts = address.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || address.contains(where: \.isWhitespace) {
                return finding(.error, .linkMalformed, "\(field) '\(text)' is not a valid mailto: address", hint: "write mailto:name@example.com")
            }
            return nil
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty, !text.contains(where: \.isWhitespace) else {
            return finding(.error, .linkMalformed, "\(field) '\(text)' is not a well-formed absolute URL", hint: "write a full https:// URL")
        }
        if components.user != nil || components.password != nil {
            return finding(.error, .linkCredentials, "\(field) embeds credentials (user:password@) in the URL",
                           hint: "remove them; links ship to every user and end up in logs")
        }
        switch scheme {
        case "https":
            return nil
        case "http" where isLoopbackHost(host):
            return finding(.warning, .linkLoopback, "\(field) '\(text)' is a loopback http URL, only useful in development",
                           hint: "use the public https URL for a release build")
        case "http" where policy == .anyHTTP:
            return nil
        case "http":
            return finding(.error, .linkInsecure, "\(field) '\(text)' uses http; the app requires https", hint: "use https://")
        default:
            return finding(.error, .linkScheme, "\(field) '\(text)' uses the '\(scheme)' scheme; https is required", hint: "use https://")
        }
    }

    /// `localhost`, `127.x.x.x` and `::1` are loopback; `0.0.0.0` and `::` bind every
    /// interface and are public.
    public static func isLoopbackHost(_ raw: String) -> Bool {
        let host = raw.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
