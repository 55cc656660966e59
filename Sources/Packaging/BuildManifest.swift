import Documents
import Foundation

/// `build-manifest.json`: what a build consumed and produced, with digests, so a
/// release can be audited and two releases compared (`cowork-dist diff`). Placeholder
/// names are recorded, never their values.
public struct BuildManifest: Hashable, Sendable {
    /// A file with its digest: an input, a shipped content file, or an archive entry.
    public struct FileRecord: Hashable, Sendable {
        public var path: String
        /// Lowercase hex SHA-256 (as written in the manifest).
        public var sha256: String {
            get { digest.text }
            set { digest = DigestText(newValue) }
        }
        public var size: Int
        /// "0644" / "0755" for shipped files and archive entries; nil for inputs.
        public var mode: String?
        /// A manifest holds a record per file per list: the digest is kept as its 32
        /// bytes, not as a 64-character string of its own.
        private var digest: DigestText

        public init(path: String, sha256: String, size: Int, mode: String? = nil) {
            self.path = path
            self.digest = DigestText(sha256)
            self.size = size
            self.mode = mode
        }
    }

    /// One artifact written to the output directory, with its entries when it is an archive.
    ///
    /// An archive that holds the whole downstream content under one prefix (an install
    /// tree, the downstream root) keeps that part as a reference to the shared content
    /// list rather than a copy: a build's manifest and memory then grow with the content,
    /// not with content times archives. `entries` always gives the full list.
    public struct Output: Hashable, Sendable {
        public var name: String
        public var sha256: String
        public var size: Int
        /// The entries not covered by `shared` (set in BuildManifest+Sharing.swift).
        var own: [FileRecord]?
        /// Content records every one of which is in this archive under `sharedPrefix`.
        var shared: [FileRecord] = []
        var sharedPrefix: String?

        /// Every entry, sorted by path; nil when the artifact is not an archive.
        public var entries: [FileRecord]? {
            get {
                guard let prefix = sharedPrefix else { return own }
                let moved = shared.map { FileRecord(path: prefix + $0.path, sha256: $0.sha256, size: $0.size, mode: $0.mode) }
                return (moved + (own ?? [])).sorted { ArchivePath.byteOrder($0.path, $1.path) }
            }
            set {
                own = newValue?.sorted { ArchivePath.byteOrder($0.path, $1.path) }
                shared = []
                sharedPrefix = nil
            }
        }

        /// Entries not covered by the shared content reference (all of them when there is none).
        var ownEntries: [FileRecord]? { own }

        public init(name: String, sha256: String, size: Int, entries: [FileRecord]? = nil) {
            self.name = name
            self.sha256 = sha256
            self.size = size
            self.entries = entries
        }

        public static func == (a: Output, b: Output) -> Bool {
            a.name == b.name && a.sha256 == b.sha256 && a.size == b.size && a.entries == b.entries
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(name)
            hasher.combine(sha256)
            hasher.combine(size)
        }
    }

    public var toolName: String = "cowork-dist"
    public var toolVersion: String
    public var name: String
    public var version: String
    /// Where upstream came from (a directory or archive path as written in distribution.yaml).
    public var upstreamSource: String
    /// sha256 of the upstream archive, or of its config file for a directory upstream.
    public var upstreamSHA256: String
    /// Whether distribution.yaml pins that digest.
    public var upstreamPinned: Bool
    /// The mtime every archive entry carries.
    public var sourceDateEpoch: Int64
    public var targets: [String]
    public var placeholdersKept: [String]
    public var placeholdersResolved: [String]
    /// sha256 of the merged config as shipped (`config.json`, `config.resolved.json`).
    public var configSHA256: String
    public var inputs: [FileRecord]
    /// The downstream-root content (the bundle plan), config.json included.
    public var content: [FileRecord]
    public var outputs: [Output]
    /// Per delivery channel and platform: install paths, environment, verification
    /// result (written by the desktop target; nil otherwise).
    public var delivery: JSONValue?

    public init(toolVersion: String, name: String, version: String, upstreamSource: String, upstreamSHA256: String,
                upstreamPinned: Bool, sourceDateEpoch: Int64, targets: [String], placeholdersKept: [String],
                placeholdersResolved: [String], configSHA256: String, inputs: [FileRecord], content: [FileRecord],
                outputs: [Output]) {
        self.toolVersion = toolVersion
        self.name = name
        self.version = version
        self.upstreamSource = upstreamSource
        self.upstreamSHA256 = upstreamSHA256
        self.upstreamPinned = upstreamPinned
        self.sourceDateEpoch = sourceDateEpoch
        self.targets = targets
        self.placeholdersKept = placeholdersKept.sorted()
        self.placeholdersResolved = placeholdersResolved.sorted()
        self.configSHA256 = configSHA256
        self.inputs = inputs.sorted { ArchivePath.byteOrder($0.path, $1.path) }
        self.content = content.sorted { ArchivePath.byteOrder($0.path, $1.path) }
        self.outputs = outputs.sorted { ArchivePath.byteOrder($0.name, $1.name) }
    }

    public static let fileName = "build-manifest.json"
    public static let formatVersion = 2
}
