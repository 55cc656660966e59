import Diagnostics
import Documents
import Foundation
import ManagedPolicy
import OpenCowork
import Packaging
import Schema

/// What `check` may be told beyond the distribution itself.
public struct CheckOptions: Sendable {
    /// A schema to validate against instead of upstream's own.
    public var schemaPath: String?
    /// The Claude desktop release the 3P policy must suit (`--app-version`).
    public var appVersion: String?
    /// Caps on shipped content.
    public var contentLimits: ContentLimits

    /// Request every URL in the config (`--check-links`); the pipeline runs the probe
    /// before the check stage.
    public var checkLinks: Bool

    /// Findings of live checks made beforehand (`--check-links`): reported with the rest,
    /// and waivable like any other finding.
    public var liveFindings: [Finding]

    public init(schemaPath: String? = nil, appVersion: String? = nil, contentLimits: ContentLimits = .default,
                checkLinks: Bool = false, liveFindings: [Finding] = []) {
        self.schemaPath = schemaPath
        self.appVersion = appVersion
        self.contentLimits = contentLimits
        self.checkLinks = checkLinks
        self.liveFindings = liveFindings
    }
}

/// Everything stage 5 found, plus what it had to work out on the way and `build` reuses.
public struct CheckResult: Sendable {
    /// Every finding, waivers applied, sorted by file and line.
    public var findings: [Finding]
    /// The downstream-root content that would ship (desktop target), if any.
    public var plan: BundlePlan?
    /// The validated 3P policy, when the distribution has a claude-3p target.
    public var policy: ManagedPolicy?
    public var plugins: OrgPluginSet?
    public var policyWorkflow: PolicyWorkflow?
    /// How the desktop target reaches the app, and the verifier that proves it.
    public var delivery: DeliveryPlan?
    public var verifier: VerifyStage?
}

/// Stage 5: every finding at once — schema (per layer and merged), upstream's semantic
/// rules and cross-references, branding assets, links, hazards, identity, secrets,
/// content resolution, and for Cowork on 3P the policy and its org plugins.
public struct CheckStage: Sendable {
    public var options: CheckOptions

    public init(options: CheckOptions = CheckOptions()) { self.options = options }

    public func run(_ loaded: LoadedDistribution) -> CheckResult {
        var result = CheckResult(findings: [])
        if let desktop = loaded.desktop { checkDesktop(desktop, manifest: loaded.manifest, into: &result) }
        if let manifest = loaded.manifest, let target = manifest.targets.claude3p {
            checkClaude3P(target, manifest: manifest, into: &result)
        }
        if !loaded.reportedPointers.isEmpty {
            result.findings.removeAll { finding in finding.pointer.map { loaded.reportedPointers.contains($0) } ?? false }
        }
        result.findings += options.liveFindings
        // Secrets (literal or resolved from the environment) never appear in a report.
        var secrets = (loaded.desktop?.layers ?? []).flatMap { $0.resolvedValues + SecretScanner.secrets(in: $0.document) }
        if let manifest = loaded.manifest, let target = manifest.targets.claude3p {
            let swept = SecretSweep.scan(policyPath: target.policy.map { manifest.url($0).path }, plugins: result.plugins)
            // A credential in a plugin's .mcp.json is already reported with the plugin's own hint.
            let owned = Set(result.findings.filter { $0.code == .pluginMcpCredential }.compactMap { $0.location.map { "\($0.file):\($0.line)" } })
            result.findings += swept.findings.map { relativized($0, root: manifest.directory, display: displayPath(manifest)) }.filter { finding in
                !(finding.code == .secretLiteral && finding.location.map { owned.contains("\($0.file):\($0.line)") } == true)
            }
            secrets += swept.secrets
        }
        result.findings = SecretScanner.redact(result.findings, secrets: secrets)
        if let waivers = loaded.manifest?.waivers { result.findings = Waivers.apply(result.findings, waivers: waivers) }
        result.findings.sort()
        return result
    }

    // MARK: - Open Cowork desktop

    func checkDesktop(_ desktop: PipelineResult, manifest: Manifest?, into result: inout CheckResult) {
        let provenance = desktop.provenance
        let locate: @Sendable (JSONPointer) -> SourceLocation? = { provenance.location(of: $0) }

        // Compiled once: the schema checks the layers here and the delivered files later.
        var schema: SchemaCheck?
        if let path = schemaPath(desktop) {
            let (check, schemaFindings) = SchemaCheck.load(path: path)
            result.findings += schemaFindings
            if let check { result.findings += check.run(layers: desktop.layers, merged: desktop.merged) }
            schema = check
        } else {
            result.findings.append(Finding(.warning, code: .schemaNotFound,
                                           message: "no open-cowork.config.schema.json beside the upstream config; schema validation skipped",
                                           location: desktop.layers.first.map { $0.document.location(of: .root) },
                                           hint: "pass --schema FILE"))
        }

        let brandingRoots = [manifest.map { $0.url($0.content.branding) }, desktop.upstream?.brandingRoot,
                             manifest == nil ? baseDirectory(desktop)?.appendingPathComponent("branding") : nil]
            .compactMap { $0 }
        let context = RulesContext(config: desktop.value, locate: locate, brandingRoots: brandingRoots,
                                   upstreamConfig: manifest == nil ? nil : desktop.layers.first?.document.value)
        result.findings += Rules.check(context)
        for layer in desktop.layers { result.findings += SecretScanner.scan(layer.document) }

        guard let manifest, let upstream = desktop.upstream else { return }
        if manifest.targets.desktop != nil, DataDirName.value(in: desktop.value) == nil {
            // Install trees live under <dataDirName>; without it build could not place them.
            result.findings.append(Finding(.error, code: .targetDataDirMissing,
                                           message: "the desktop target needs branding.dataDirName, which no layer sets",
                                           location: manifest.document.location(of: "/targets/desktop", preferKey: true),
                                           pointer: DataDirName.pointer,
                                           hint: "set branding.dataDirName in an overlay, e.g. 'acme-cowork'"))
        }
        let resolver = ContentResolver(
            distributionRoot: manifest.directory,
            downstream: ContentDirectories(skills: manifest.url(manifest.content.skills), mcps: manifest.url(manifest.content.mcps),
                                           branding: manifest.url(manifest.content.branding)),
            upstream: ContentDirectories(skills: upstream.skillsRoot, mcps: upstream.mcpsRoot, branding: upstream.brandingRoot),
            limits: options.contentLimits)
        let targets = desktop.placeholders.files.map {
            FileTargetItem(path: $0.destination, source: $0.source, pointer: .root)
        }
        let content = resolver.resolve(config: desktop.value, fileTargets: targets, locate: locate)
        result.findings += content.findings.map { relativized($0, root: manifest.directory, display: displayPath(manifest)) }
        result.plan = content.plan
        if let target = manifest.targets.desktop {
            // A key a layer deleted is located at the deletion.
            let locateChange: @Sendable (JSONPointer) -> SourceLocation? = {
                provenance.history(of: $0).last?.location ?? provenance.location(of: $0)
            }
            checkDelivery(target, desktop: desktop, manifest: manifest, upstream: upstream, schema: schema,
                          locate: locateChange, into: &result)
        }
    }

    /// Plans every delivery channel and, when the distribution is otherwise clean,
    /// emulates the app's launch over each planned install (what `build` repeats over
    /// the written archives).
    func checkDelivery(_ target: Manifest.Targets.Desktop, desktop: PipelineResult, manifest: Manifest, upstream: Upstream,
                       schema: SchemaCheck?, locate: (JSONPointer) -> SourceLocation?, into result: inout CheckResult) {
        // The bundled config exactly as the app reads it: its own bytes, before any
        // build-time substitution the upstream layer went through.
        let bundledBytes: [UInt8], bundled: JSONValue
        do {
            bundledBytes = try DocumentLoader.readFile(path: upstream.configPath.path, displayName: upstream.configDisplayName,
                                                       maxBytes: DocumentLimits.default.maxBytes)
            bundled = try DocumentLoader().parse(bytes: bundledBytes, format: .jsonc, file: upstream.configDisplayName).value
        } catch {
            result.findings.append(Finding(error))
            return
        }
        let planner = DeliveryPlanner(channels: target.delivery, platforms: target.platforms,
                                      release: "\(manifest.name)-\(manifest.version)",
                                      upstreamIdentity: "\(upstream.configDisplayName) (sha256 \(upstream.digest.prefix(12)))")
        let (plan, findings) = planner.plan(checked: desktop.value, bundled: bundled, content: result.plan, locate: locate)
        result.findings += findings
        result.delivery = plan
        let provides = Set(result.plan?.providedByUpstream ?? [])
        let verifier = VerifyStage(emulator: AppLoadEmulator(schema: schema),
                                   stockPackage: AppLoadEmulator.Package(config: bundledBytes, configName: DeliveryPlan.bundledConfigName,
                                                                         provides: provides))
        result.verifier = verifier
        guard result.findings.errorCount == 0 else { return }
        result.findings += verifier.verifyPlanned(plan).1
    }

    /// The distribution directory as positions name it (`distribution.yaml`'s own directory).
    func displayPath(_ manifest: Manifest) -> String {
        (manifest.document.file as NSString).deletingLastPathComponent
    }

    /// Content findings name files by absolute path; show them the way the user named
    /// the distribution.
    func relativized(_ finding: Finding, root: URL, display: String) -> Finding {
        guard var location = finding.location else { return finding }
        let prefix = root.standardizedFileURL.path + "/"
        guard location.file.hasPrefix(prefix) else { return finding }
        let rest = String(location.file.dropFirst(prefix.count))
        location.file = display.isEmpty || display == "." ? rest : (display as NSString).appendingPathComponent(rest)
        var copy = finding
        copy.location = location
        return copy
    }

    /// The schema to validate against: `--schema`, else upstream's, else (ad-hoc form)
    /// the file the base config's `$schema` names, when it exists.
    func schemaPath(_ desktop: PipelineResult) -> String? {
        if let explicit = options.schemaPath { return explicit }
        if let path = desktop.upstream?.schemaPath?.path { return path }
        guard let base = baseDirectory(desktop), let declared = desktop.layers.first?.document.value["$schema"]?.stringValue,
              !declared.contains("://")
        else { return nil }
        let candidate = declared.hasPrefix("/") ? URL(fileURLWithPath: declared) : base.appendingPathComponent(declared)
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate.path : nil
    }

    func baseDirectory(_ desktop: PipelineResult) -> URL? {
        desktop.layers.first?.path.deletingLastPathComponent()
    }

    // MARK: - Cowork on 3P

    func checkClaude3P(_ target: Manifest.Targets.Claude3P, manifest: Manifest, into result: inout CheckResult) {
        var release: AppRelease?
        // --app-version wins over targets.claude-3p.appVersion.
        if let version = options.appVersion ?? target.appVersion {
            guard let parsed = AppRelease(version) else {
                let location = options.appVersion == nil ? manifest.document.location(of: "/targets/claude-3p/appVersion") : nil
                result.findings.append(Finding(.error, code: .policyAppVersion,
                                               message: "app version '\(version)' is not a release number like 1.19367.0", location: location))
                return
            }
            release = parsed
        }
        let workflow: PolicyWorkflow
        do {
            workflow = try PolicyWorkflow.bundled(target: release)
        } catch {
            result.findings.append(Finding(.error, code: .policyRegistry, message: "the 3P key registry cannot be read: \(error)"))
            return
        }
        result.policyWorkflow = workflow
        if let policy = target.policy {
            let checked = workflow.check(path: manifest.url(policy).path, profile: target.profile,
                                         profileSource: "distribution.yaml (targets.claude-3p.profile)")
            result.findings += checked.findings.map { relativized($0, root: manifest.directory, display: displayPath(manifest)) }
            result.policy = checked.policy
        } else {
            result.findings.append(Finding(.error, code: .manifestPolicy, message: "targets.claude-3p needs a policy file",
                                           location: manifest.document.location(of: "/targets/claude-3p", preferKey: true),
                                           hint: "add policy: policy/managed.yaml"))
        }
        result.plugins = checkPlugins(target, manifest: manifest, into: &result)
    }
}
