import ManagedPolicy
import Packaging

/// `<stem>-claude-3p-<platform>.<ext>` for macOS and Windows: the org plugins at the
/// platform's plugin directory, with the policy file that platform installs
/// (mobileconfig, reg) beside them. None for a platform with neither.
struct PluginArchive: ArtifactKind {
    func plan(_ context: ArtifactContext) -> [PlannedArtifact] {
        guard let target = context.claude3P else { return [] }
        var artifacts: [PlannedArtifact] = []
        for platform in PluginPlatform.allCases {
            var entries = (target.plugins?.entries(platform: platform, registry: target.registry) ?? []).map {
                ArchiveEntry.file($0.archivePath, source: $0.source, executable: $0.executable)
            }
            let policy: PolicyExportFormat
            switch platform {
            case .macos: policy = .mobileconfig
            case .windows: policy = .reg
            }
            if let bytes = target.bytes(of: policy) { entries.append(.data(policy.fileName(for: target.name), bytes)) }
            guard !entries.isEmpty else { continue }
            let format: ArchiveFormat = platform == .windows ? .zip : .tarGzip
            artifacts.append(PlannedArtifact(name: "\(context.stem)-claude-3p-\(platform.rawValue).\(format.fileExtension)",
                                             content: .archive(format, ArchiveEntryList(entries))))
        }
        return artifacts
    }
}
