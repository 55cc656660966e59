/// How a desktop distribution reaches the app (`targets.desktop.delivery`). Each channel
/// is one complete, independent way to deliver the checked config; what each can carry
/// follows from how Open Cowork reads it (docs/install.md).
public enum DeliveryChannel: String, Sendable, Hashable, CaseIterable, Codable {
    /// A directory the app is pointed at with `OPEN_COWORK_DOWNSTREAM_ROOT`: a runtime
    /// overlay (`config.json`), `skills/` and `mcps/`. Read over the app's bundled config.
    case downstreamRoot = "downstream-root"
    /// One `config.json` in the managed system location of the `dataDirName` the app has
    /// before reading it. A runtime overlay and nothing else.
    case managedConfig = "managed-config"
    /// Files a packaging step builds into the app: the full config as the bundled
    /// `open-cowork.config.json`, `branding/`, `skills/` and `mcps/`.
    case appResources = "app-resources"

    /// Read by a stock app at launch, over the config it bundles.
    public var isRuntime: Bool { self != .appResources }
    /// Can deliver skills and MCP packages.
    public var carriesContent: Bool { self != .managedConfig }
    /// Can deliver branding images (the app reads them only from its own package).
    public var carriesBranding: Bool { self == .appResources }
    /// Can remove keys of the bundled config or rename what later layers follow.
    public var replacesBundledConfig: Bool { self == .appResources }

    public static let defaultChannels: [DeliveryChannel] = [.downstreamRoot]
}
