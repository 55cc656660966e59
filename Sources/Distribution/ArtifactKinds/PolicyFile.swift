/// One managed-policy file per format `targets.claude-3p.formats` lists
/// (`<name>.mobileconfig`, `<name>.reg`, `claude_desktop_config.json`, ...).
struct PolicyFile: ArtifactKind {
    func plan(_ context: ArtifactContext) -> [PlannedArtifact] {
        guard let target = context.claude3P else { return [] }
        return target.policyFiles.map { PlannedArtifact(name: $0.format.fileName(for: target.name), content: .bytes($0.bytes)) }
    }
}
