/// `<stem>-downstream-root.<ext>`: the runtime overlay and its content, relative to the
/// directory `OPEN_COWORK_DOWNSTREAM_ROOT` names (installed by hand, any platform).
struct DownstreamRootArchive: ArtifactKind {
    func plan(_ context: ArtifactContext) -> [PlannedArtifact] {
        guard let desktop = context.desktop else { return [] }
        return desktop.delivery.installs.filter { $0.channel == .downstreamRoot && $0.platform == nil }
            .flatMap { desktop.archives(of: $0, stem: context.stem) }
    }
}
