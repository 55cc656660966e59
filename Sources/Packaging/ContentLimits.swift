/// Caps on what a distribution may ship, so a stray build directory or a hostile tree
/// cannot balloon an artifact.
public struct ContentLimits: Sendable {
    public var maxFileBytes: Int
    public var maxTotalBytes: Int
    public var maxFiles: Int
    /// Deepest directory nesting below a walked root. Refused early: real content is a
    /// few levels deep, and every level costs path resolution at each level below it.
    public var maxDepth: Int

    public init(maxFileBytes: Int = 256 << 20, maxTotalBytes: Int = 4 << 30, maxFiles: Int = 200_000, maxDepth: Int = 64) {
        self.maxFileBytes = maxFileBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxFiles = maxFiles
        self.maxDepth = maxDepth
    }

    public static let `default` = ContentLimits()
}
