import Foundation
import Documents
import BundledFiles

/// A problem with the registry data itself (a broken resource), reported instead of crashing.
public struct RegistryError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { "key registry: \(message)" }
}

/// The Cowork-on-3P key registry, read from `Resources/registry.json`. Validation,
/// exporters and importers consult it; no code switches on key names.
public struct KeyRegistry: Sendable {
    public let keys: [String: PolicyKey]
    public let providers: [String: ProviderRequirements]
    public let payloadType: String
    public let placeholderOrganizationUuid: String
    /// Update keys: a managed source setting only these leaves local configuration in force.
    public let updateOnlyKeys: [String]
    /// Where org plugins install, relative to the system root, by platform (`macos`, `windows`).
    public let orgPluginRoots: [String: String]
    /// Keys the app ignores because of another key's value.
    public let ignoredKeyRules: [IgnoredKeyRule]
    /// Old names without a record of their own, mapped to the key they mean.
    public let aliases: [String: String]
    /// Keys a bootstrap server cannot set.
    public let bootstrapCannotSet: [String]
    /// The registry key (Windows) the app reads, below the hive.
    public let registryPath: String
    /// The newest app release the registry's sources describe.
    public let newestKnownRelease: AppRelease?

    /// Key names, sorted.
    public var names: [String] { keys.keys.sorted() }

    public subscript(name: String) -> PolicyKey? { keys[name] }

    /// Where the registry and presets live in the source tree, and so in BundledFiles.
    static let resourcesDirectory = "Sources/ManagedPolicy/Resources"

    /// The bundled registry.
    public static func load() throws(RegistryError) -> KeyRegistry {
        // Compiled into the binary (BundledFiles), so no resource bundle is needed at run time.
        guard let data = BundledFiles.data(resourcesDirectory + "/registry.json") else {
            throw RegistryError(message: "Resources/registry.json is missing from the binary")
        }
        return try parse(bytes: Array(data), file: "registry.json")
    }

    /// A registry from JSON bytes in the bundled format.
    public static func parse(bytes: [UInt8], file: String) throws(RegistryError) -> KeyRegistry {
        let document: Document
        do { document = try JSONReader().read(bytes: bytes, file: file) } catch {
            throw RegistryError(message: error.description)
        }
        return try RegistryDecoder(root: document.value).decode()
    }

    init(keys: [String: PolicyKey], providers: [String: ProviderRequirements], payloadType: String,
         placeholderOrganizationUuid: String, updateOnlyKeys: [String], orgPluginRoots: [String: String],
         ignoredKeyRules: [IgnoredKeyRule], bootstrapCannotSet: [String], registryPath: String, newestKnownRelease: AppRelease?) {
        self.keys = keys
        self.providers = providers
        self.payloadType = payloadType
        self.placeholderOrganizationUuid = placeholderOrganizationUuid
        self.updateOnlyKeys = updateOnlyKeys
        self.orgPluginRoots = orgPluginRoots
        self.ignoredKeyRules = ignoredKeyRules
        self.bootstrapCannotSet = bootstrapCannotSet
        self.registryPath = registryPath
        self.newestKnownRelease = newestKnownRelease
        var aliases: [String: String] = [:]
        for key in keys.values { for alias in key.aliases where keys[alias] == nil { aliases[alias] = key.name } }
        self.aliases = aliases
    }

    /// Current keys (status `current`), sorted by name.
    public var currentKeys: [PolicyKey] { keys.values.filter { $0.status == .current }.sorted { $0.name < $1.name } }
}

