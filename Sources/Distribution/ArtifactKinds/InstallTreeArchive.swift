/// `<stem>-<channel>-<platform>.<ext>`: a runtime channel laid out from the file-system
/// root of one platform, with the files that point the app at it; verified after writing
/// by loading it as the app would.
struct InstallTreeArchive: ArtifactKind {
    func plan(_ context: ArtifactContext) -> [PlannedArtifact] {
        guard let desktop = context.desktop else { return [] }
        return desktop.delivery.installs.filter { $0.platform != nil }
            .flatMap { desktop.archives(of: $0, stem: context.stem) }
    }
}
