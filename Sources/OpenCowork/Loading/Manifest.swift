import Foundation
import Documents
import ManagedPolicy
import Packaging

/// The typed contents of a `distribution.yaml`: what a distribution is called, which
/// upstream it builds on, which overlays it layers on top, and what it produces.
/// Every path is relative to `directory`; `ManifestStage` has already checked that each
/// stays inside it (except the upstream, which may live anywhere).
public struct Manifest: Sendable {
    /// The distribution directory.
    public var directory: URL
    /// The manifest as parsed, kept so later stages can point at its lines.
    public var document: Document
    /// Kebab-case name; names the artifacts.
    public var name: String
    /// Semantic version (semver 2.0).
    public var version: String
    /// The pinned upstream release; nil for distributions that only produce 3P policy.
    public var upstream: UpstreamReference?
    /// Overlay files, applied in order after the upstream config.
    public var overlays: [String]
    /// Placeholder names substituted at build time.
    public var resolveEnv: [String]
    /// Content roots, relative to the distribution.
    public var content: ContentRoots
    public var targets: Targets
    public var waivers: [Waiver]

    /// Where the upstream comes from, and the digest it must have.
    public struct UpstreamReference: Sendable, Hashable {
        public enum Source: Sendable, Hashable {
            /// A directory holding `open-cowork.config.json`.
            case path(String)
            /// A `.tar.gz` or `.zip` release.
            case archive(String)
        }
        public var source: Source
        /// Lowercase hex SHA-256 of the archive, or of the config file for a directory.
        public var sha256: String?
        /// Where the `upstream:` entry stands in the manifest.
        public var location: SourceLocation
    }

    /// Directories holding skills, MCPs and branding assets.
    public struct ContentRoots: Sendable, Hashable {
        public var skills: String = "skills"
        public var mcps: String = "mcps"
        public var branding: String = "branding"
    }

    /// What `build` produces.
    public struct Targets: Sendable, Hashable {
        public var desktop: Desktop?
        public var claude3p: Claude3P?

        /// The targets declared, in build order.
        public var declared: [BuildTarget] {
            (desktop != nil ? [.desktop] : []) + (claude3p != nil ? [.claude3p] : [])
        }

        /// The Open Cowork desktop distribution.
        public struct Desktop: Sendable, Hashable {
            public var platforms: [Platform] = Manifest.desktopPlatforms
            public var formats: [ArchiveFormat] = Manifest.desktopFormats
            /// How the distribution reaches the app; each channel is verified on its own.
            public var delivery: [DeliveryChannel] = DeliveryChannel.defaultChannels
        }

        /// Managed preferences for Cowork on 3P.
        public struct Claude3P: Sendable, Hashable {
            public var policy: String?
            public var profile: String?
            public var plugins: String?
            /// A marketplace directory (holding `.claude-plugin/marketplace.json`) to pick plugins from.
            public var marketplace: String?
            /// The marketplace plugins to ship, by name.
            public var marketplacePlugins: [String] = []
            public var formats: [PolicyExportFormat] = [.mobileconfig, .reg, .json]
            /// The oldest Claude Desktop release the policy must suit (`--app-version` wins).
            public var appVersion: String?
            /// `.mobileconfig` identity: PayloadIdentifier prefix, organization, display name, scope.
            public var identifier: String?
            public var organization: String?
            public var displayName: String?
            public var profileScope: ProfileScope?
            /// `.reg`: keep values already under the key instead of replacing it.
            public var regMerge: Bool = false
        }
    }

    public static let fileName = "distribution.yaml"
    public static let desktopPlatforms: [Platform] = [.macos, .windows, .linux]
    public static let desktopFormats: [ArchiveFormat] = [.tarGzip, .zip]
    public static let claude3pFormats: [PolicyExportFormat] = PolicyExportFormat.allCases

    /// The absolute URL of a path relative to the distribution directory.
    public func url(_ relative: String) -> URL {
        directory.appendingPathComponent(relative).standardizedFileURL
    }
}
