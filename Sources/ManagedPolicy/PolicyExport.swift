import Foundation
import Documents

/// The file formats a policy exports to.
public enum PolicyExportFormat: String, Sendable, CaseIterable {
    /// macOS configuration profile (XML plist), every value a string.
    case mobileconfig
    /// A bare managed-preferences plist (Jamf "custom settings"), every value a string.
    case plist
    /// Windows registry file (UTF-16LE, BOM, CRLF), REG_SZ values; replaces the key unless merging.
    case reg
    /// ADMX/ADML template (`.zip` with `Claude.admx` and `en-US/Claude.adml`), schema only.
    case admx
    /// Profile Manifest (`.plist`, schema only) for Jamf / ProfileCreator.
    case manifest
    /// `claude_desktop_config.json` with an `enterpriseConfig` object (local configuration before configLibrary).
    case json
    /// The local `configLibrary/` directory (`_meta.json` plus `<id>.json`) as a `.zip`.
    case configLibrary = "config-library"
    /// Linux `/etc/claude-desktop/managed-settings.json`, flat keys with native values.
    case linux
    /// A bootstrap server's response body, flat (v1) schema.
    case bootstrap
    /// A bootstrap server's response body, nested (v2) schema.
    case bootstrapV2 = "bootstrap-v2"

    /// The conventional file name for a distribution name.
    public func fileName(for name: String) -> String {
        switch self {
        case .mobileconfig: return "\(name).mobileconfig"
        case .plist: return "com.anthropic.claudefordesktop.plist"
        case .reg: return "\(name).reg"
        case .admx: return "\(name)-admx.zip"
        case .manifest: return "com.anthropic.claudefordesktop.manifest.plist"
        case .json: return "claude_desktop_config.json"
        case .configLibrary: return "\(name)-configLibrary.zip"
        case .linux: return "managed-settings.json"
        case .bootstrap: return "\(name)-bootstrap-v1.json"
        case .bootstrapV2: return "\(name)-bootstrap-v2.json"
        }
    }

    /// Formats that describe the registry (schema only) rather than a policy's values.
    public var isSchemaOnly: Bool { self == .admx || self == .manifest }
}

/// The registry hive a `.reg` file writes to.
public enum RegistryScope: String, Sendable, CaseIterable {
    case machine, user

    public var root: String { self == .machine ? "HKEY_LOCAL_MACHINE" : "HKEY_CURRENT_USER" }
}

/// Where a macOS profile installs: for the whole device or for the user.
public enum ProfileScope: String, Sendable, CaseIterable {
    case system, user

    public var payloadScope: String { self == .system ? "System" : "User" }
}

/// Naming and placement of an export.
public struct PolicyExportOptions: Sendable {
    /// The distribution or profile name; it seeds the payload identifiers and UUIDs.
    public var name: String
    public var displayName: String?
    public var organization: String?
    /// Reverse-DNS prefix for PayloadIdentifier; default `com.anthropic.claudefordesktop.<name>`.
    public var identifier: String?
    public var scope: RegistryScope
    /// PayloadScope of a `.mobileconfig`.
    public var profileScope: ProfileScope
    /// `.reg` only: keep values already under the key (no delete first).
    public var merge: Bool

    public init(name: String, displayName: String? = nil, organization: String? = nil, identifier: String? = nil,
                scope: RegistryScope = .machine, profileScope: ProfileScope = .system, merge: Bool = false) {
        self.name = name
        self.displayName = displayName
        self.organization = organization
        self.identifier = identifier
        self.scope = scope
        self.profileScope = profileScope
        self.merge = merge
    }
}

/// An export that could not be produced.
public struct PolicyExportError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// The policy value the problem is about, when it came from a file.
    public var location: SourceLocation? = nil
    public var description: String { message }
}

/// Writes a policy in each export format. Output depends only on the policy and the
/// options: keys sorted, UUIDs derived from names, no clock.
public struct PolicyExporter: Sendable {
    public var registry: KeyRegistry

    public init(registry: KeyRegistry) { self.registry = registry }

    public func export(_ policy: ManagedPolicy, format: PolicyExportFormat, options: PolicyExportOptions) throws(PolicyExportError) -> [UInt8] {
        // Per-platform values become the value of the platform this format is for.
        let policy = PlatformValues.resolve(policy, for: format.platform)
        switch format {
        case .mobileconfig: return try MobileconfigWriter(payloadType: registry.payloadType).data(policy, options: options)
        case .plist: return try MobileconfigWriter(payloadType: registry.payloadType).bare(policy)
        case .reg: return try RegWriter(keyPath: registry.registryPath).data(policy, scope: options.scope, merge: options.merge)
        case .admx: return try AdmxWriter(registry: registry).zip()
        case .manifest: return try ProfileManifestWriter(registry: registry).data(options: options)
        case .json:
            let config = JSONObject([("enterpriseConfig", .object(policy.values))])
            return JSONWriter().data(.object(config))
        case .configLibrary: return try LocalConfigWriter(registry: registry).configLibrary(policy, options: options)
        case .linux:
            return JSONWriter().data(.object(policy.values))
        case .bootstrap: return try LocalConfigWriter(registry: registry).bootstrap(policy, nested: false)
        case .bootstrapV2: return try LocalConfigWriter(registry: registry).bootstrap(policy, nested: true)
        }
    }
}
