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

/// A deprecation recorded in the registry: since which release, what replaces it, and
/// when it goes away (if announced).
public struct Deprecation: Hashable, Sendable {
    public var since: AppRelease?
    public var replacement: String?
    public var removal: String?
}
