import Foundation
import Documents

/// One `{env:NAME}` in a layer.
public struct PlaceholderUse: Sendable, Hashable {
    public var name: String
    /// The placeholder's own position (inside the string when it can be computed).
    public var location: SourceLocation
    /// The string's pointer in its layer.
    public var pointer: JSONPointer
    public var layerIndex: Int
    /// True when substituted at build time (`env.resolve` / `--resolve-env`).
    public var resolved: Bool
    /// True when the layer's own `allowedEnvPlaceholders` lists the name.
    public var allowedInFile: Bool
    /// True inside `providers.custom.<id>.options`, which stays raw (never substituted).
    public var rawOption: Bool = false
}

/// A relative `{file:PATH}` target that must be installed beside the config.
public struct ShippedFile: Sendable, Hashable {
    /// PATH as written in the placeholder.
    public var reference: String
    /// The file on disk.
    public var source: URL
    /// Where it goes, relative to the installed config's directory.
    public var destination: String
    public var location: SourceLocation
}
