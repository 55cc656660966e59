import Diagnostics
import Documents
import Foundation
import ManagedPolicy
import OpenCowork
import Packaging

/// One artifact a build will write: an archive of entries, or a file of bytes.
public struct PlannedArtifact: Sendable {
    public enum Content: Sendable {
        case archive(ArchiveFormat, [ArchiveEntry])
        case bytes([UInt8])
    }

    public var name: String
    public var content: Content
    /// The directory an install archive owns (no directory entries above it).
    public var ownedRoot: String = ""
    /// The delivery this archive carries, verified after writing.
    public var delivery: DeliveryInstall?
}

/// Stage 6's second half: every artifact of a build, decided before anything is written.
/// Names come from the distribution's `name` and `version`; lists are sorted so the
/// plan, like the artifacts, is the same on every run.
public struct ArtifactPlan: Sendable {
    public var artifacts: [PlannedArtifact]
    /// The merged config as shipped (`config.json`, `config.resolved.json`).
    public var configBytes: [UInt8]?
    /// The downstream-root entries (config.json first among the sorted content).
    public var downstreamRoot: [ArchiveEntry]
    public var targets: [BuildTarget]
    /// How the desktop target reaches the app, and the verifier run on the written archives.
    public var delivery: DeliveryPlan?
    public var verifier: VerifyStage?
    /// What build-manifest.json records about the inputs (the writer needs nothing else).
    public var manifest: Manifest
    public var upstream: Upstream?
    public var placeholdersKept: [String] = []
    public var placeholdersResolved: [String] = []

    public static let downstreamConfigName = "config.json"
    public static let resolvedConfigName = "config.resolved.json"
}

/// Builds the `ArtifactPlan` from a checked distribution.
public struct ArtifactPlanner: Sendable {
    public var options: BuildOptions

    public init(options: BuildOptions) { self.options = options }

    public func plan(_ loaded: LoadedDistribution, check: CheckResult) throws(BuildError) -> ArtifactPlan {
        guard let manifest = loaded.manifest else {
            throw BuildError("build needs a distribution directory with distribution.yaml (the --base form only checks)")
        }
        let stem = "\(manifest.name)-\(manifest.version)"
        let declared: [BuildTarget] = (manifest.targets.desktop != nil ? [.desktop] : []) + (manifest.targets.claude3p != nil ? [.claude3p] : [])
        let targets = declared.filter { options.targets?.contains($0) ?? true }
        if let asked = options.targets, let missing = asked.subtracting(declared).first {
            throw BuildError("distribution.yaml declares no '\(missing.rawValue)' target")
        }
        var plan = ArtifactPlan(artifacts: [], configBytes: nil, downstreamRoot: [], targets: targets,
                                delivery: check.delivery, verifier: check.verifier, manifest: manifest,
                                upstream: loaded.desktop?.upstream,
                                placeholdersKept: loaded.desktop?.placeholders.kept ?? [],
                                placeholdersResolved: loaded.desktop?.placeholders.resolved ?? [])
        if targets.contains(.desktop), let desktop = loaded.desktop, let target = manifest.targets.desktop {
            try planDesktop(desktop, target: target, stem: stem, check: check, into: &plan)
        }
        if targets.contains(.claude3p), let target = manifest.targets.claude3p {
            try planClaude3P(target, name: manifest.name, stem: stem, check: check, into: &plan)
        }
        plan.artifacts.sort { ArchivePath.byteOrder($0.name, $1.name) }
        return plan
    }

    // MARK: - Desktop

    func planDesktop(_ desktop: PipelineResult, target: Manifest.Targets.Desktop, stem: String, check: CheckResult,
                     into plan: inout ArtifactPlan) throws(BuildError) {
        guard let delivery = check.delivery else {
            throw BuildError("the desktop delivery could not be planned; run check for details")
        }
        let config = JSONWriter().data(desktop.value)
        plan.configBytes = config
        let formats = try target.formats.map { (name) throws(BuildError) -> ArchiveFormat in
            guard let format = ArchiveFormat(rawValue: name) else { throw BuildError("unknown archive format '\(name)'") }
            return format
        }
        for install in delivery.installs {
            if install.channel == .downstreamRoot, install.platform == nil { plan.downstreamRoot = install.entries }
            for format in formats {
                plan.artifacts.append(PlannedArtifact(name: "\(stem)-\(install.artifactStem).\(format.fileExtension)",
                                                      content: .archive(format, install.entries), ownedRoot: install.ownedRoot,
                                                      delivery: install))
            }
        }
        if plan.downstreamRoot.isEmpty, let resources = delivery.installs.first(where: { $0.channel == .appResources }) {
            plan.downstreamRoot = resources.entries
        }
        // The full checked config: what the app will see, whatever the channel.
        plan.artifacts.append(PlannedArtifact(name: ArtifactPlan.resolvedConfigName, content: .bytes(config)))
    }

    // MARK: - Cowork on 3P

    func planClaude3P(_ target: Manifest.Targets.Claude3P, name: String, stem: String, check: CheckResult,
                      into plan: inout ArtifactPlan) throws(BuildError) {
        guard let workflow = check.policyWorkflow, let policy = check.policy else {
            throw BuildError("the 3P policy could not be read; run check for details")
        }
        let exportOptions = PolicyExportOptions(name: name, displayName: target.displayName, organization: target.organization,
                                                identifier: target.identifier,
                                                profileScope: target.profileScope.flatMap(ProfileScope.init(rawValue:)) ?? .system,
                                                merge: target.regMerge)
        var files: [PolicyExportFormat: [UInt8]] = [:]
        for formatName in target.formats {
            guard let format = PolicyExportFormat(rawValue: formatName) else { throw BuildError("unknown policy format '\(formatName)'") }
            let exported = workflow.export(policy, format: format, options: exportOptions)
            guard let bytes = exported.bytes else {
                throw BuildError("the 3P policy cannot be exported as \(formatName): \(exported.findings.map(\.message).joined(separator: "; "))")
            }
            files[format] = bytes
            plan.artifacts.append(PlannedArtifact(name: format.fileName(for: name), content: .bytes(bytes)))
        }
        let plugins = check.plugins
        for platform in PluginPlatform.allCases {
            var entries = (plugins?.entries(platform: platform, registry: workflow.registry) ?? []).map {
                ArchiveEntry.file($0.archivePath, source: $0.source, executable: $0.executable)
            }
            switch platform {
            case .macos: if let bytes = files[.mobileconfig] { entries.append(.data(PolicyExportFormat.mobileconfig.fileName(for: name), bytes)) }
            case .windows: if let bytes = files[.reg] { entries.append(.data(PolicyExportFormat.reg.fileName(for: name), bytes)) }
            }
            guard !entries.isEmpty else { continue }
            let format: ArchiveFormat = platform == .windows ? .zip : .tarGzip
            plan.artifacts.append(PlannedArtifact(name: "\(stem)-claude-3p-\(platform.rawValue).\(format.fileExtension)",
                                                  content: .archive(format, entries)))
        }
        if let linux = files[.linux] {
            // Root-owned and not group- or world-writable, as the app requires of this file.
            let entry = ArchiveEntry.data("etc/claude-desktop/managed-settings.json", linux)
            plan.artifacts.append(PlannedArtifact(name: "\(stem)-claude-3p-linux.tar.gz", content: .archive(.tarGzip, [entry])))
        }
    }
}

/// A build that cannot go ahead, with the reason.
public struct BuildError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// Findings behind the failure (a delivery that does not verify), to show in full.
    public var findings: [Finding] = []
    public init(_ message: String, findings: [Finding] = []) {
        self.message = message
        self.findings = findings
    }
    public var description: String { message }
}
