import Foundation

/// Locates the project root and the read-only `../shared` reference data beside it.
///
/// Tests that need `../shared` use `.enabled(if: SharedData.isUsable)`: they are skipped
/// with a message when it is absent on a developer machine, but under CI (`CI=true`)
/// they run, and fail, so a missing `../shared` can never pass silently.
public enum SharedData {
    /// The package root (the directory holding Package.swift).
    public static let projectRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `../shared` next to the project root.
    public static let root: URL = projectRoot.deletingLastPathComponent().appendingPathComponent("shared")

    public static var isPresent: Bool { FileManager.default.fileExists(atPath: root.path) }

    /// True when tests needing `../shared` should run: it is present, or we are in CI.
    public static var isUsable: Bool { isPresent || ProcessInfo.processInfo.environment["CI"] == "true" }

    /// A path below `../shared`.
    public static func path(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// The current upstream release used as test data.
    public static var upstreamCurrent: URL { path("upstream/open-cowork/ba16c71") }
    /// The older upstream release.
    public static var upstreamOlder: URL { path("upstream/open-cowork/1092033b") }
}
