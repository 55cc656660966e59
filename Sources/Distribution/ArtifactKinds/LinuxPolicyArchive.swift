import ManagedPolicy
import Packaging

/// `<stem>-claude-3p-linux.tar.gz`: `/etc/claude-desktop/managed-settings.json`, when the
/// `linux` policy format is built.
struct LinuxPolicyArchive: ArtifactKind {
    func plan(_ context: ArtifactContext) -> [PlannedArtifact] {
        guard let linux = context.claude3P?.bytes(of: .linux) else { return [] }
        // Root-owned and not group- or world-writable, as the app requires of this file.
        let entry = ArchiveEntry.data("etc/claude-desktop/managed-settings.json", linux)
        return [PlannedArtifact(name: "\(context.stem)-claude-3p-linux.tar.gz", content: .archive(.tarGzip, [entry]),
                                readBackCheck: .linuxManagedSettings)]
    }
}
