import Foundation
import Documents

/// The file formats a policy exports to.
public enum PolicyExportFormat: String, Sendable, CaseIterable {
    /// macOS configuration profile (XML plist), every value a string.
    case mobileconfig
    /// Windows registry file (UTF-16LE, BOM, CRLF), REG_SZ values.
    case reg
    /// `claude_desktop_config.json` with an `enterpriseConfig` object (local configuration).
    case json
    /// Linux `/etc/claude-desktop/managed-settings.json`, flat keys with native values.
    case linux

    /// The conventional file name for a distribution name.
    public func fileName(for name: String) -> String {
        switch self {
        case .mobileconfig: return "\(name).mobileconfig"
        case .reg: return "\(name).reg"
        case .json: return "claude_desktop_config.json"
        case .linux: return "managed-settings.json"
        }
    }
}

/// The registry hive a `.reg` file writes to.
public enum RegistryScope: String, Sendable, CaseIterable {
    case machine, user

    public var root: String { self == .machine ? "HKEY_LOCAL_MACHINE" : "HKEY_CURRENT_USER" }
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

    public init(name: String, displayName: String? = nil, organization: String? = nil, identifier: String? = nil,
                scope: RegistryScope = .machine) {
        self.name = name
        self.displayName = displayName
        self.organization = organization
        self.identifier = identifier
        self.scope = scope
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
        switch format {
        case .mobileconfig: return try MobileconfigWriter(payloadType: registry.payloadType).data(policy, options: options)
        case .reg: return try RegWriter().data(policy, scope: options.scope)
        case .json:
            let config = JSONObject([("enterpriseConfig", .object(sortedValues(policy)))])
            return JSONWriter().data(.object(config))
        case .linux:
            return JSONWriter().data(.object(sortedValues(policy)))
        }
    }

    func sortedValues(_ policy: ManagedPolicy) -> JSONObject {
        JSONObject(policy.entries.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }
}
