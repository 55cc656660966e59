import Documents

/// The result of merging every layer: the config value and where each part came from.
public struct MergedConfig: Sendable {
    public var value: JSONValue
    public var provenance: Provenance
    /// Index and name of each layer, in order, for reports.
    public var layerNames: [String]
}
