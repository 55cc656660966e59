import Diagnostics
import Packaging

/// Lets `cowork-dist diff` of two builds report 3P policy exports by key: the artifacts
/// named as `policy export` names them are read back with the importer and compared.
/// Schema-only exports (ADMX, Profile Manifest) and zips are left to digests and sizes.
public struct PolicyArtifactComparer: BuildArtifactComparer {
    public var registry: KeyRegistry

    public init(registry: KeyRegistry) { self.registry = registry }

    /// Fixed names and suffixes of the value-carrying exports (`PolicyExportFormat.fileName`).
    static let names: Set<String> = ["com.anthropic.claudefordesktop.plist", "managed-settings.json", "claude_desktop_config.json"]
    static let suffixes = [".mobileconfig", ".reg", "-bootstrap-v1.json", "-bootstrap-v2.json"]

    public func accepts(artifact name: String) -> Bool {
        Self.names.contains(name) || Self.suffixes.contains { name.hasSuffix($0) }
    }

    public func keyChanges(artifact name: String, old: [UInt8], new: [UInt8]) -> [BuildDiff.KeyChange]? {
        let importer = PolicyImporter(registry: registry)
        let a = importer.parse(bytes: old, file: name), b = importer.parse(bytes: new, file: name)
        // Reader errors live beside the policy or inside it (a .reg's findings); either means half a file.
        guard let oldPolicy = a.imported?.policy, let newPolicy = b.imported?.policy,
              (a.findings + (a.imported?.findings ?? [])).errorCount == 0,
              (b.findings + (b.imported?.findings ?? [])).errorCount == 0 else { return nil }
        return PolicyDiff(old: oldPolicy, new: newPolicy, registry: registry).keyChanges
    }
}
