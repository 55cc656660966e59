import Diagnostics
import Documents
import Foundation

/// Everything the configuration rules look at: the merged config, a way to map a
/// pointer back to the file:line that set it, and where branding images live.
public struct RulesContext: Sendable {
    /// The merged configuration (all layers applied).
    public var config: JSONValue
    /// Maps a pointer of the merged config to the position of the layer that set it
    /// (provenance). Rules never read files for positions themselves.
    public var locate: @Sendable (JSONPointer) -> SourceLocation?
    /// Branding directories searched in order, first hit wins (downstream, then upstream).
    public var brandingRoots: [URL]
    /// The upstream (bundled) configuration, for rules that compare against it
    /// (identity). Nil means "use upstream's well-known values".
    public var upstreamConfig: JSONValue?

    public init(config: JSONValue, locate: @escaping @Sendable (JSONPointer) -> SourceLocation? = { _ in nil },
                brandingRoots: [URL] = [], upstreamConfig: JSONValue? = nil) {
        self.config = config
        self.locate = locate
        self.brandingRoots = brandingRoots
        self.upstreamConfig = upstreamConfig
    }

    /// A locator over one parsed document (handy when the config is a single file).
    public init(document: Document, brandingRoots: [URL] = [], upstreamConfig: JSONValue? = nil) {
        let doc = document
        self.init(config: document.value, locate: { doc.location(of: $0) },
                  brandingRoots: brandingRoots, upstreamConfig: upstreamConfig)
    }

    /// The value at a pointer of the merged config.
    public func value(_ pointer: JSONPointer) -> JSONValue? { pointer.resolve(in: config) }

    /// The string at a pointer, if it is one.
    public func string(_ pointer: JSONPointer) -> String? { value(pointer)?.stringValue }

    /// A finding located through provenance.
    func finding(_ severity: Severity, _ code: FindingCode, _ message: String, at pointer: JSONPointer,
                 hint: String? = nil) -> Finding {
        Finding(severity, code: code, message: message, location: locate(pointer), pointer: pointer, hint: hint)
    }

    /// Upstream-style dotted path for messages (`mcps[2].url`).
    func dotted(_ pointer: JSONPointer) -> String { pointer.dotted(in: config) }

    /// Elements of an array member with their pointers; empty when absent or not an array.
    func elements(_ pointer: JSONPointer) -> [(pointer: JSONPointer, value: JSONValue)] {
        guard let array = value(pointer)?.arrayValue else { return [] }
        return array.enumerated().map { (pointer / $0.offset, $0.element) }
    }

    /// Members of an object member with their pointers; empty when absent or not an object.
    func members(_ pointer: JSONPointer) -> [(key: String, pointer: JSONPointer, value: JSONValue)] {
        guard let object = value(pointer)?.objectValue else { return [] }
        return object.members.map { ($0.key, pointer / $0.key, $0.value) }
    }

    /// Expands a pattern pointer where a `*` token matches every member or element.
    func expand(_ pattern: [String]) -> [JSONPointer] {
        var current: [JSONPointer] = [.root]
        for token in pattern {
            var next: [JSONPointer] = []
            for pointer in current {
                guard let node = value(pointer) else { continue }
                if token == "*" {
                    switch node {
                    case .object(let object): next += object.keys.map { pointer / $0 }
                    case .array(let array): next += array.indices.map { pointer / $0 }
                    default: break
                    }
                } else if token.isEmpty == false, (pointer / token).resolve(in: config) != nil {
                    next.append(pointer / token)
                }
            }
            current = next
        }
        return current
    }
}

/// Placeholder detection shared by several rules.
enum Placeholders {
    /// True when the string holds an `{env:...}` or `{file:...}` placeholder, whose value
    /// is only known when the app starts.
    static func contains(_ text: String) -> Bool {
        text.contains("{env:") || text.contains("{file:")
    }

    /// The string with every `{env:NAME}` / `{file:...}` placeholder removed.
    static func stripped(_ text: String) -> String {
        // Most strings hold no placeholder; skip the substring searches for them.
        guard text.utf8.contains(UInt8(ascii: "{")) else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = [rest.range(of: "{env:"), rest.range(of: "{file:")].compactMap({ $0 })
            .min(by: { $0.lowerBound < $1.lowerBound }) {
            out += rest[rest.startIndex..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { rest = rest[open.lowerBound...]; break }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
