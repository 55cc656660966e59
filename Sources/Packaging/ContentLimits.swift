/// Caps on what a distribution may ship, so a stray build directory or a hostile tree
/// cannot balloon an artifact.
public struct ContentLimits: Sendable {
    public var maxFileBytes: Int
    public var maxTotalBytes: Int
    public var maxFiles: Int

    public init(maxFileBytes: Int = 256 << 20, maxTotalBytes: Int = 4 << 30, maxFiles: Int = 200_000) {
        self.maxFileBytes = maxFileBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxFiles = maxFiles
    }

    public static let `default` = ContentLimits()
}
