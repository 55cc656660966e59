import Diagnostics
import Documents
import Foundation
import ManagedPolicy
import OpenCowork
import Packaging

/// One artifact a build will write: an archive of entries, or a file of bytes.
public struct PlannedArtifact: Sendable {
    public enum Content: Sendable {
        case archive(ArchiveFormat, ArchiveEntryList)
        case bytes([UInt8])
    }

    public var name: String
    public var content: Content
    /// The directory an install archive owns (no directory entries above it).
    public var ownedRoot: String = ""
    /// The delivery this archive carries, verified after writing.
    public var delivery: DeliveryInstall?
    /// A consumer's rule checked on the written archive, read back from disk.
    public var readBackCheck: ReadBackCheck?

    /// Rules a consumer applies to an artifact as installed, beyond loading a config.
    public enum ReadBackCheck: Sendable {
        /// `/etc/claude-desktop/managed-settings.json`: a root-owned regular file, not
        /// group- or world-writable, in root-owned directories (`LinuxManagedFileCheck`).
        case linuxManagedSettings
    }
}

/// Stage 3's output: every artifact of a build, decided before anything is written.
/// Names come from the distribution's `name` and `version`; lists are sorted so the
/// plan, like the artifacts, is the same on every run.
public struct ArtifactPlan: Sendable {
    public var artifacts: [PlannedArtifact]
    /// The merged config as shipped (`config.json`, `config.resolved.json`).
    public var configBytes: [UInt8]?
    /// The downstream-root entries (config.json first among the sorted content).
    public var downstreamRoot: ArchiveEntryList
    public var targets: [BuildTarget]
    /// How the desktop target reaches the app, and the verifier run on the written archives.
    public var delivery: DeliveryPlan?
    public var verifier: VerifyStage?
    /// What build-manifest.json records about the inputs (the writer needs nothing else).
    public var manifest: Manifest
    public var upstream: Upstream?
    public var placeholdersKept: [String] = []
    public var placeholdersResolved: [String] = []
    /// The digest of the bytes each parsed input (distribution.yaml, every layer, the 3P
    /// policy) was read as, by absolute path: build-manifest.json records these rather
    /// than reading the files again, so it names exactly what was checked.
    public var parsedInputs: [String: SourceDigest] = [:]

    public static let downstreamConfigName = "config.json"
    public static let resolvedConfigName = "config.resolved.json"
}

/// Stage 3: builds the `ArtifactPlan` from a checked distribution by asking each kind of
/// `ArtifactKinds.all` for its artifacts.
public struct ArtifactPlanner: Sendable {
    public var options: BuildOptions

    public init(options: BuildOptions) { self.options = options }

    public func plan(_ loaded: LoadedDistribution, check: CheckResult) throws(BuildError) -> ArtifactPlan {
        guard let manifest = loaded.manifest else {
            throw BuildError("build needs a distribution directory with distribution.yaml (the --base form only checks)")
        }
        let declared = manifest.targets.declared
        let targets = declared.filter { options.targets?.contains($0) ?? true }
        if let asked = options.targets, let missing = asked.subtracting(declared).first {
            throw BuildError("distribution.yaml declares no '\(missing.rawValue)' target")
        }
        var context = ArtifactContext(manifest: manifest, stem: "\(manifest.name)-\(manifest.version)", check: check)
        if targets.contains(.desktop), loaded.desktop != nil, let target = manifest.targets.desktop {
            context.desktop = try desktopContext(loaded, target: target, check: check)
        }
        if targets.contains(.claude3p), let target = manifest.targets.claude3p {
            context.claude3P = try claude3PContext(target, name: manifest.name, check: check)
        }
        var plan = ArtifactPlan(artifacts: [], configBytes: context.desktop?.config, downstreamRoot: [], targets: targets,
                                delivery: check.delivery, verifier: check.verifier, manifest: manifest,
                                upstream: loaded.desktop?.upstream,
                                placeholdersKept: loaded.desktop?.placeholders.kept ?? [],
                                placeholdersResolved: loaded.desktop?.placeholders.resolved ?? [])
        if let delivery = context.desktop?.delivery {
            // What build-manifest.json lists as the shipped content: the downstream root,
            // else the app resources.
            let installs = delivery.installs
            plan.downstreamRoot = (installs.first { $0.channel == .downstreamRoot && $0.platform == nil }
                ?? installs.first { $0.channel == .appResources })?.entries ?? []
        }
        plan.parsedInputs = Self.parsedInputs(manifest: manifest, layers: loaded.desktop?.layers ?? [], policy: check.policy)
        for kind in ArtifactKinds.all { plan.artifacts += try kind.plan(context) }
        plan.artifacts.sort { ArchivePath.byteOrder($0.name, $1.name) }
        return plan
    }

    func desktopContext(_ loaded: LoadedDistribution, target: Manifest.Targets.Desktop,
                        check: CheckResult) throws(BuildError) -> ArtifactContext.Desktop? {
        guard let desktop = loaded.desktop else { return nil }
        guard let delivery = check.delivery else {
            throw BuildError("the desktop delivery could not be planned; run check for details")
        }
        return ArtifactContext.Desktop(delivery: delivery, formats: target.formats, config: JSONWriter().data(desktop.value))
    }

    /// Exports the checked policy once in every listed format (the policy files and the
    /// platform archives that carry them share the bytes).
    func claude3PContext(_ target: Manifest.Targets.Claude3P, name: String,
                         check: CheckResult) throws(BuildError) -> ArtifactContext.Claude3P {
        guard let workflow = check.policyWorkflow, let policy = check.policy else {
            throw BuildError("the 3P policy could not be read; run check for details")
        }
        let exportOptions = PolicyExportOptions(name: name, displayName: target.displayName, organization: target.organization,
                                                identifier: target.identifier,
                                                profileScope: target.profileScope ?? .system,
                                                merge: target.regMerge)
        var files: [(format: PolicyExportFormat, bytes: [UInt8])] = []
        for format in target.formats {
            let exported = workflow.export(policy, format: format, options: exportOptions)
            guard let bytes = exported.bytes else {
                throw BuildError("the 3P policy cannot be exported as \(format.rawValue): \(exported.findings.map(\.message).joined(separator: "; "))")
            }
            files.append((format, bytes))
        }
        return ArtifactContext.Claude3P(name: name, policyFiles: files, plugins: check.plugins, registry: workflow.registry)
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

extension ArtifactPlanner {
    /// What each parsed input was read as, keyed by its standardized absolute path.
    static func parsedInputs(manifest: Manifest, layers: [Layer], policy: ManagedPolicy?) -> [String: SourceDigest] {
        var inputs: [String: SourceDigest] = [:]
        func add(_ path: String, _ document: Document) {
            if let source = document.source { inputs[URL(fileURLWithPath: path).standardizedFileURL.path] = source }
        }
        add(manifest.url(Manifest.fileName).path, manifest.document)
        for layer in layers { add(layer.path.path, layer.document) }
        if let policyFile = manifest.targets.claude3p?.policy, let policy {
            let path = manifest.url(policyFile).path
            if let document = policy.documents[path] { add(path, document) }
        }
        return inputs
    }
}
