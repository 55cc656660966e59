import Foundation
import OpenCowork
import Packaging

/// What `build` is asked to do beyond the distribution itself.
public struct BuildOptions: Sendable {
    /// Targets to build; nil means every target the distribution declares.
    public var targets: Set<BuildTarget>?
    /// The mtime of every archive entry (SOURCE_DATE_EPOCH, else a fixed epoch).
    public var archiveOptions: ArchiveOptions
    /// Recorded in build-manifest.json.
    public var toolVersion: String

    public init(targets: Set<BuildTarget>? = nil, archiveOptions: ArchiveOptions = ArchiveOptions(), toolVersion: String) {
        self.targets = targets
        self.archiveOptions = archiveOptions
        self.toolVersion = toolVersion
    }
}
