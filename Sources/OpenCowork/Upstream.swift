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
    /// Lowercase hex SHA-256 of the archive (archive form) or of the config file (directory form).
    public var digest: String
    /// True when the manifest pinned `sha256` and it matched.
    public var pinned: Bool

    public static let configFileName = "open-cowork.config.json"
    public static let schemaFileName = "open-cowork.config.schema.json"
}
