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
        var plan = ArtifactPlan(artifacts: [], configBytes: nil, downstreamRoot: [], targets: targets)
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
        let config = JSONWriter().data(desktop.value)
        plan.configBytes = config
        var root = [ArchiveEntry.data(ArtifactPlan.downstreamConfigName, config)]
        for item in check.plan?.items ?? [] {
            switch item.source {
            case .file(let url): root.append(.file(item.path, source: url, executable: item.executable))
            case .data(let bytes): root.append(.data(item.path, bytes, executable: item.executable))
            }
        }
        plan.downstreamRoot = root
        let formats = try target.formats.map { (name) throws(BuildError) -> ArchiveFormat in
            guard let format = ArchiveFormat(rawValue: name) else { throw BuildError("unknown archive format '\(name)'") }
            return format
        }
        for format in formats {
            plan.artifacts.append(PlannedArtifact(name: "\(stem)-downstream-root.\(format.fileExtension)", content: .archive(format, root)))
        }
        guard let dataDirName = desktop.value["branding"]?["dataDirName"]?.stringValue else {
            throw BuildError("the merged config has no branding.dataDirName, so install trees have no location")
        }
        for platformName in target.platforms {
            guard let platform = Platform(rawValue: platformName) else { throw BuildError("unknown platform '\(platformName)'") }
            let prefix: String, readme: String
            do {
                prefix = try InstallLayout.prefix(platform: platform, dataDirName: dataDirName)
                readme = try InstallLayout.readme(platform: platform, dataDirName: dataDirName)
            } catch {
                throw BuildError(error.message)
            }
            let tree = [ArchiveEntry.text("README.txt", readme)] + root.map { entry in
                var moved = entry
                moved.path = prefix + entry.path
                return moved
            }
            for format in formats {
                plan.artifacts.append(PlannedArtifact(name: "\(stem)-install-\(platform.rawValue).\(format.fileExtension)",
                                                      content: .archive(format, tree)))
            }
        }
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
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
