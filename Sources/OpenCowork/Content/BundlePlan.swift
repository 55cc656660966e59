import Foundation
import Packaging

/// Where a shipped file's bytes come from.
public enum BundleSource: Hashable, Sendable {
    /// A file on disk (a path rather than a URL, split to share the item's own path: a
    /// plan holds one per shipped file for the whole build).
    case file(SourcePath)
    case data([UInt8])
}

/// One file of the downstream root: its path in the archive, its bytes, its mode.
public struct BundleItem: Hashable, Sendable {
    /// '/'-separated path relative to the downstream root (`skills/x/SKILL.md`).
    public var path: String
    public var source: BundleSource
    public var executable: Bool
    public var size: Int

    public init(path: String, source: BundleSource, executable: Bool = false, size: Int) {
        self.path = path
        self.source = source
        self.executable = executable
        self.size = size
    }
}

/// Every file that ships, decided before anything is written, sorted by path. What
/// `build --dry-run` prints and what the artifact stage writes.
public struct BundlePlan: Sendable {
    public private(set) var items: [BundleItem]
    /// Referenced content the upstream app already bundles, so it is not shipped
    /// (`skill:clock`, `mcp:charts`, `branding:logo.svg`).
    public var providedByUpstream: [String]

    public init(items: [BundleItem], providedByUpstream: [String] = []) {
        self.items = items.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        self.providedByUpstream = providedByUpstream.sorted()
    }

    public var totalBytes: Int { items.reduce(0) { $0 + $1.size } }

    /// The plan as text: one line per item, `mode  size  path  <- source`.
    public func listing() -> String {
        var out = ""
        for item in items {
            let mode = item.executable ? "0755" : "0644"
            let source: String
            switch item.source {
            case .file(let file): source = file.path
            case .data: source = "(generated)"
            }
            out += "\(mode)  \(String(item.size).leftPadded(to: 10))  \(item.path)  <- \(source)\n"
        }
        out += "\(items.count) files, \(totalBytes) bytes"
        if !providedByUpstream.isEmpty { out += "; provided by upstream: \(providedByUpstream.joined(separator: ", "))" }
        return out + "\n"
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
