import ManagedPolicy
import Packaging
/// The shape of `distribution.yaml` as data: every key the reader accepts, its type and a
/// description. `ManifestStage` takes the keys it allows from here, and `cowork-dist schema
/// distribution` prints the same table as a JSON Schema, so the two cannot drift apart.
public indirect enum ShapeType: Sendable {
    /// A non-empty string, optionally matching `pattern` (ECMA-262) or one of `choices`.
    case string(pattern: String? = nil, choices: [String] = [])
    /// A list of strings, each one of `choices` when given.
    case stringList(choices: [String] = [])
    /// A mapping with exactly these keys allowed; `required` must be present and, when
    /// `oneOf` is not empty, exactly one of those keys.
    case object([ShapeField], required: [String] = [], oneOf: [String] = [])
    /// A list of items of one shape.
    case list(ShapeType)
    /// `true` or `false`.
    case boolean
}

/// One key of a mapping.
public struct ShapeField: Sendable {
    public var name: String
    public var type: ShapeType
    public var description: String

    public init(_ name: String, _ type: ShapeType, _ description: String) {
        self.name = name
        self.type = type
        self.description = description
    }
}

public enum ManifestShape {
    /// Kebab-case, as `ManifestStage.isKebabCase` checks it.
    public static let namePattern = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
    /// Semantic version 2.0.0, as `ManifestStage.isSemVer` checks it.
    public static let versionPattern = #"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"#
        + #"(-(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?"#
        + #"(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$"#

    /// The whole file.
    public static let root: ShapeType = .object([
        ShapeField("name", .string(pattern: namePattern), "The distribution's name, kebab-case; it names the artifacts (e.g. acme-cowork)."),
        ShapeField("version", .string(pattern: versionPattern),
                   "Semantic version of the distribution (not of upstream); quote it in YAML if it could read as a number."),
        ShapeField("upstream", .object([
            ShapeField("path", .string(), "A directory holding the upstream release's open-cowork.config.json, relative to this file."),
            ShapeField("archive", .string(pattern: #"\.([Tt][Aa][Rr]\.[Gg][Zz]|[Tt][Gg][Zz]|[Zz][Ii][Pp])$"#), "A .tar.gz or .zip upstream release, relative to this file."),
            ShapeField("sha256", .string(pattern: "^[0-9a-f]{64}$"),
                       "Pins the release: SHA-256 (64 lowercase hex digits) of the archive, or of open-cowork.config.json for a path."),
        ], oneOf: ["path", "archive"]), "The Open Cowork release the distribution builds on (desktop target)."),
        ShapeField("overlays", .stringList(), "Config overlays (.json, .jsonc, .yaml, .yml) applied in order over upstream's config."),
        ShapeField("env", .object([
            ShapeField("resolve", .stringList(), "Placeholder names ([A-Z0-9_]+) whose {env:NAME} is substituted at build time."),
        ]), "Placeholders baked in at build time."),
        ShapeField("content", .object([
            ShapeField("skills", .string(), "Directory of skills (default: skills)."),
            ShapeField("mcps", .string(), "Directory of MCP servers (default: mcps)."),
            ShapeField("branding", .string(), "Directory of branding assets (default: branding)."),
        ]), "Where shipped content lives, relative to this file."),
        ShapeField("targets", .object([
            ShapeField("desktop", .object([
                ShapeField("platforms", .stringList(choices: Manifest.desktopPlatforms.map(\.rawValue)), "Platforms to build install archives for."),
                ShapeField("formats", .stringList(choices: Manifest.desktopFormats.map(\.rawValue)), "Archive formats to write."),
                ShapeField("delivery", .stringList(choices: DeliveryChannel.allCases.map(\.rawValue)),
                           "How the distribution reaches the app: downstream-root (default), managed-config, app-resources (docs/install.md)."),
            ]), "Build an Open Cowork desktop distribution."),
            ShapeField("claude-3p", .object([
                ShapeField("policy", .string(), "The managed policy file (YAML or JSON), relative to this file."),
                ShapeField("profile", .string(), "A security-profile preset the policy is layered over (standard, restricted, locked-down)."),
                ShapeField("plugins", .string(), "Directory of organisation plugins, relative to this file."),
                ShapeField("marketplace", .object([
                    ShapeField("path", .string(), "The marketplace directory (holding .claude-plugin/marketplace.json), relative to this file."),
                    ShapeField("plugins", .stringList(), "The marketplace's plugins to ship, by name."),
                ], required: ["path", "plugins"]), "Organisation plugins picked by name from a plugin marketplace."),
                ShapeField("formats", .stringList(choices: Manifest.claude3pFormats.map(\.rawValue)), "Policy files to write."),
                ShapeField("appVersion", .string(), "The Claude desktop release the policy must suit, e.g. 1.19367.0."),
                ShapeField("identifier", .string(), "The .mobileconfig PayloadIdentifier prefix, e.g. com.acme.claude."),
                ShapeField("organization", .string(), "The organisation named in the .mobileconfig (and its PayloadUUIDs)."),
                ShapeField("displayName", .string(), "The .mobileconfig display name."),
                ShapeField("profileScope", .string(choices: ProfileScope.allCases.map(\.rawValue)), "The .mobileconfig PayloadScope."),
                ShapeField("regMerge", .boolean, "Write a .reg that merges into the policy key instead of replacing it."),
            ]), "Build managed preferences for Cowork on third-party inference."),
        ]), "What build produces."),
        ShapeField("waivers", .list(.object([
            ShapeField("code", .string(), "The finding code to accept, e.g. content-unreferenced."),
            ShapeField("pointer", .string(), "Only findings at this JSON pointer or below it."),
            ShapeField("reason", .string(), "Why the finding is accepted; shown in every report."),
        ], required: ["code", "reason"])), "Findings accepted on purpose; each becomes a note quoting its reason."),
    ], required: ["name", "version"])

    /// The keys allowed in the mapping at `path` (keys; `*` steps into a list's items).
    public static func keys(at path: [String]) -> [String] {
        var node = root
        for step in path {
            switch node {
            case .object(let fields, _, _):
                guard let field = fields.first(where: { $0.name == step }) else { return [] }
                node = field.type
            case .list(let item) where step == "*":
                node = item
            default:
                return []
            }
        }
        if case .object(let fields, _, _) = node { return fields.map(\.name) }
        return []
    }
}
