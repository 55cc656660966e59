/// `<stem>-app-resources.<ext>`: the full checked config as the bundled
/// `open-cowork.config.json` and every shipped file, to build into the app package.
struct AppResourcesArchive: ArtifactKind {
    func plan(_ context: ArtifactContext) -> [PlannedArtifact] {
        guard let desktop = context.desktop else { return [] }
        return desktop.delivery.installs.filter { $0.channel == .appResources && $0.platform == nil }
            .flatMap { desktop.archives(of: $0, stem: context.stem) }
    }
}
