import Foundation

/// An app release number such as `1.19367.0`, compared component by component so that
/// validation can target what a given release understands.
public struct AppRelease: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let components: [Int]

    /// Parses dotted decimal components; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= 6 else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy(\.isASCII), let n = Int(part), n >= 0 else { return nil }
            numbers.append(n)
        }
        components = numbers
    }

    public var description: String { components.map(String.init).joined(separator: ".") }

    public static func < (a: AppRelease, b: AppRelease) -> Bool {
        let n = max(a.components.count, b.components.count)
        for i in 0..<n {
            let x = i < a.components.count ? a.components[i] : 0
            let y = i < b.components.count ? b.components[i] : 0
            if x != y { return x < y }
        }
        return false
    }

    public static func == (a: AppRelease, b: AppRelease) -> Bool { !(a < b) && !(b < a) }
    public func hash(into hasher: inout Hasher) {
        var trimmed = components
        while trimmed.last == 0 { trimmed.removeLast() }
        hasher.combine(trimmed)
    }
}

/// A deprecation recorded in the registry: since which release, what replaces it, and the
/// cut-off after which the old spelling is rejected (if the vendor announced one).
public struct Deprecation: Hashable, Sendable {
    /// The release that deprecated (or, for removed keys, removed) the name.
    public var since: AppRelease?
    /// The release that announced the cut-off; older apps do not enforce it.
    public var cutoffAnnounced: AppRelease?
    public var replacement: String?
    /// When the old spelling stops being read (the vendor gives a date, not a release).
    public var cutoff: Date?
    /// The cut-off as the registry writes it (ISO 8601), for messages.
    public var cutoffText: String?
    /// Which spellings the deprecation covers, when not the whole key.
    public var scope: String?
    /// What the app does with the old spelling after the cut-off.
    public var afterCutoff: String?

    public init(since: AppRelease? = nil, cutoffAnnounced: AppRelease? = nil, replacement: String? = nil, cutoff: Date? = nil,
                cutoffText: String? = nil, scope: String? = nil, afterCutoff: String? = nil) {
        self.since = since
        self.cutoffAnnounced = cutoffAnnounced
        self.replacement = replacement
        self.cutoff = cutoff
        self.cutoffText = cutoffText
        self.scope = scope
        self.afterCutoff = afterCutoff
    }

    /// The day of the cut-off (`2026-10-07`), for messages.
    public var cutoffDay: String? { cutoffText.map { String($0.prefix(10)) } }
}
