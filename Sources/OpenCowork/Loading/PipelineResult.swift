import Documents

/// A distribution loaded through stages 1–4 (and the placeholder check): everything
/// `render`, `explain`, `check` and `build` need.
public struct PipelineResult: Sendable {
    /// Nil in the ad-hoc `--base/--overlay` form.
    public var manifest: Manifest?
    /// Nil in the ad-hoc form.
    public var upstream: Upstream?
    public var layers: [Layer]
    public var merged: MergedConfig
    /// Kept and resolved placeholder names, and `{file:}` targets to ship beside the config.
    public var placeholders: PlaceholderCheck.Result

    /// The merged config value.
    public var value: JSONValue { merged.value }
    public var provenance: Provenance { merged.provenance }

    /// Removes the unpacked copy of an archive upstream, once its files are no longer needed.
    public func removeTemporaryFiles() { upstream?.removeTemporaryCopy() }
}
