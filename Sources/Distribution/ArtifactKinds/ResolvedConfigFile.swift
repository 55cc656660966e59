/// `config.resolved.json`: the full checked config, what the app will see whatever the
/// channel.
struct ResolvedConfigFile: ArtifactKind {
    func plan(_ context: ArtifactContext) -> [PlannedArtifact] {
        guard let desktop = context.desktop else { return [] }
        return [PlannedArtifact(name: ArtifactPlan.resolvedConfigName, content: .bytes(desktop.config))]
    }
}
