import Foundation
import Documents

/// One parsed configuration layer: the upstream config (index 0) or an overlay, after
/// dropping YAML `x-` anchor holders and substituting build-time placeholders.
public struct Layer: Sendable {
    /// Position in the stack; 0 is the upstream (or `--base`) config.
    public var index: Int
    /// A short name for reports: `upstream` or the overlay path as written.
    public var name: String
    /// The file on disk.
    public var path: URL
    /// The parsed document; `document.file` is the display path used in positions.
    public var document: Document
    /// Every `{env:NAME}` met in the layer (those in `providers.custom.*.options` marked `rawOption`).
    public var placeholders: [PlaceholderUse]
    /// Relative `{file:PATH}` targets that must ship beside the config.
    public var files: [ShippedFile]
    /// Values substituted from the environment, kept only to redact them from findings.
    public var resolvedValues: [String] = []
}

/// Where a layer comes from.
public struct LayerSource: Sendable {
    public var name: String
    public var path: URL
    public var displayName: String
    /// The directory `{file:...}` targets must stay inside.
    public var root: URL

    public init(name: String, path: URL, displayName: String, root: URL) {
        self.name = name
        self.path = path
        self.displayName = displayName
        self.root = root
    }
}

/// The input of `LayerStage`: the files in order, and how to treat placeholders.
public struct LayerPlan: Sendable {
    public var sources: [LayerSource]
    /// Names substituted at build time.
    public var resolve: [String]
    /// The environment to substitute from (passed in; the library never reads the process environment).
    public var environment: [String: String]

    public init(sources: [LayerSource], resolve: [String] = [], environment: [String: String] = [:]) {
        self.sources = sources
        self.resolve = resolve
        self.environment = environment
    }
}
