import Foundation

/// A located upstream Open Cowork release: where its config, schema and content roots
/// are, and the digest it was verified against.
public struct Upstream: Sendable {
    /// The directory holding the release (for an archive, the private unpacked copy).
    public var root: URL
    /// `open-cowork.config.json`.
    public var configPath: URL
    /// How the config file is named in positions.
    public var configDisplayName: String
    /// `open-cowork.config.schema.json`, when the release ships one.
    public var schemaPath: URL?
    public var skillsRoot: URL?
    public var brandingRoot: URL?
    public var mcpsRoot: URL?
    /// Lowercase hex SHA-256 of the archive (archive form) or the tree digest of the
    /// release directory (directory form, `UpstreamTreeDigest`).
    public var digest: String
    /// True when the manifest pinned `sha256` and it matched.
    public var pinned: Bool

    /// For an archive upstream, the private directory it was unpacked into; the caller
    /// removes it with `removeTemporaryCopy()` when done with the release's files.
    public var temporaryDirectory: URL?

    /// True for cowork-dist's own stand-in release (it holds `standInMarkerFileName`).
    public var isStandIn = false

    /// Deletes the unpacked copy of an archive upstream (a no-op for a directory upstream).
    public func removeTemporaryCopy() {
        if let temporaryDirectory { try? FileManager.default.removeItem(at: temporaryDirectory) }
    }

    public static let configFileName = "open-cowork.config.json"
    public static let schemaFileName = "open-cowork.config.schema.json"
    /// The file that marks a release as cowork-dist's stand-in, not Open Cowork's own.
    public static let standInMarkerFileName = "COWORK-DIST-STAND-IN"
}
