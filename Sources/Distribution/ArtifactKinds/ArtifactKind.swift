import Diagnostics
import Foundation
import ManagedPolicy
import OpenCowork
import Packaging

/// One kind of artifact a build can produce: it plans its own artifacts (stage 3) and,
/// for the kinds that summarise the others, writes its own file at commit (stage 6).
///
/// A planned artifact says how it is written through its `PlannedArtifact.Content` (an
/// archive of entries, or bytes), so the writer can compress every unique content once
/// for all archives. Adding a kind: one new file in this folder and one line in
/// `ArtifactKinds.all`.
protocol ArtifactKind: Sendable {
    /// The artifacts of this kind for a checked distribution; empty when it asks for none.
    func plan(_ context: ArtifactContext) throws(BuildError) -> [PlannedArtifact]
    /// Writes this kind's file from the verified build (build-manifest.json, SHA256SUMS).
    func commit(_ build: inout CommittingBuild) throws
}

extension ArtifactKind {
    func plan(_ context: ArtifactContext) throws(BuildError) -> [PlannedArtifact] { [] }
    func commit(_ build: inout CommittingBuild) throws {}
}

/// The registry: every kind a build knows, in the order their commit steps run (the
/// build manifest before the checksums that cover it). Artifacts are sorted by name
/// after planning, so the order here does not change what is written.
enum ArtifactKinds {
    static let all: [any ArtifactKind] = [
        DownstreamRootArchive(),
        InstallTreeArchive(),
        AppResourcesArchive(),
        ResolvedConfigFile(),
        PolicyFile(),
        PluginArchive(),
        LinuxPolicyArchive(),
        BuildManifestFile(),
        ChecksumsFile(),
    ]
}

/// What the kinds plan from: the checked distribution, with what both systems' kinds
/// share worked out once (the archive formats, the shipped config, each exported policy).
struct ArtifactContext: Sendable {
    var manifest: Manifest
    /// `<name>-<version>`, the start of every archive's name.
    var stem: String
    var check: CheckResult
    /// Set when the desktop target is built.
    var desktop: Desktop?
    /// Set when the claude-3p target is built.
    var claude3P: Claude3P?

    struct Desktop: Sendable {
        var delivery: DeliveryPlan
        var formats: [ArchiveFormat]
        /// The merged config as shipped (`config.resolved.json`).
        var config: [UInt8]

        /// One artifact per archive format for a delivery install.
        func archives(of install: DeliveryInstall, stem: String) -> [PlannedArtifact] {
            formats.map { format in
                PlannedArtifact(name: "\(stem)-\(install.artifactStem).\(format.fileExtension)",
                                content: .archive(format, install.entries), ownedRoot: install.ownedRoot, delivery: install)
            }
        }
    }

    struct Claude3P: Sendable {
        /// The distribution's name, which names the policy files.
        var name: String
        /// Each exported policy, in the order `targets.claude-3p.formats` lists them.
        var policyFiles: [(format: PolicyExportFormat, bytes: [UInt8])]
        var plugins: OrgPluginSet?
        var registry: KeyRegistry

        func bytes(of format: PolicyExportFormat) -> [UInt8]? {
            policyFiles.first { $0.format == format }?.bytes
        }
    }
}
