import Diagnostics
import Documents
import Foundation
import OpenCowork
import Packaging
import Testing
import TestSupport
@testable import Distribution

/// Delivery channels: what each install archive holds, where, and that the app's own
/// load over it — unpacked by tar into an empty directory standing for `/` — gives the
/// checked config.
@Suite struct DeliveryTests {
    func check(_ fixture: DistributionFixture) throws -> (LoadedDistribution?, CheckResult, [Finding]) {
        let (loaded, loadFindings) = DistributionLoader.load(directory: fixture.root, displayPath: "dist", environment: [:])
        guard let distribution = loaded else { return (nil, CheckResult(findings: []), loadFindings) }
        let check = CheckStage().run(distribution)
        return (distribution, check, loadFindings + check.findings)
    }

    func build(_ fixture: DistributionFixture, into out: URL) throws -> BuildResult {
        let (loadedValue, check, findings) = try check(fixture)
        #expect(findings.errorCount == 0, "\(findings)")
        let loaded = try #require(loadedValue)
        let options = BuildOptions(toolVersion: "test")
        let plan = try ArtifactPlanner(options: options).plan(loaded, check: check)
        return try ArtifactStage(options: options).run(plan, outputDirectory: out)
    }

    func setDelivery(_ fixture: DistributionFixture, _ channels: String) throws {
        let path = fixture.dir.file("dist/distribution.yaml")
        let text = try String(contentsOf: path, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "delivery: [downstream-root, app-resources]", with: "delivery: [\(channels)]")
        #expect(changed != text)
        try fixture.dir.write("dist/distribution.yaml", changed)
    }

    /// The fixture's overlay without content: a config-only distribution.
    func configOnly(_ fixture: DistributionFixture) throws {
        try fixture.dir.write("dist/acme.yaml", """
            branding:
              name: Acme
              dataDirName: acme
            """)
    }

    /// Unpacks `archive` with GNU tar into a new directory and emulates the app's launch
    /// with `environment` set, as the stock app of the fixture's upstream.
    func launch(_ archive: URL, fixture: DistributionFixture, platform: Platform,
                environment: [String: String]) throws -> AppLoadEmulator.Outcome {
        let root = fixture.dir.file("root-\(archive.lastPathComponent)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let untar = try ProcessRunner.run("tar", ["-xzf", archive.path, "-C", root.path])
        #expect(untar.status == 0, "\(untar.stderr)")
        let bundled = try [UInt8](Data(contentsOf: fixture.dir.file("upstream/open-cowork.config.json")))
        let schema = SchemaCheck.load(path: fixture.dir.file("upstream/open-cowork.config.schema.json").path).0
        return AppLoadEmulator(schema: schema).launch(
            package: AppLoadEmulator.Package(config: bundled, configName: "open-cowork.config.json", provides: []),
            system: DirectoryFiles(root: root), platform: platform, environment: environment, artifact: archive.lastPathComponent)
    }

    @Test func everyInstallArchiveUnpackedAtRootLoadsTheCheckedConfig() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        let out = fixture.dir.file("out")
        _ = try build(fixture, into: out)
        let checked = try JSONReader().read(bytes: [UInt8](Data(contentsOf: out.appendingPathComponent("config.resolved.json")))).value
        let manifest = try JSONReader().read(bytes: [UInt8](Data(contentsOf: out.appendingPathComponent("build-manifest.json")))).value
        let records = try #require(manifest["delivery"]?.arrayValue)
        var launched = 0
        for record in records where record["platform"]?.stringValue != nil {
            let artifact = try #require(record["artifact"]?.stringValue)
            #expect(record["verified"] == true, "\(artifact)")
            guard artifact.hasSuffix(".tar.gz") else { continue }
            let platform = try #require(Platform(rawValue: record["platform"]?.stringValue ?? ""))
            var environment: [String: String] = [:]
            for (name, value) in record["environment"]?.objectValue ?? JSONObject() { environment[name] = value.stringValue }
            #expect(environment["OPEN_COWORK_DOWNSTREAM_ROOT"] != nil)
            let outcome = try launch(out.appendingPathComponent(artifact), fixture: fixture, platform: platform, environment: environment)
            #expect(outcome.findings.filter { $0.code != "verify-branding-missing" }.isEmpty, "\(outcome.findings)")
            #expect(outcome.config?.isIdentical(to: checked) == true, "\(artifact)")
            launched += 1
        }
        #expect(launched == 3)
    }

    @Test func installArchivesTouchNoSystemDirectory() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        let out = fixture.dir.file("out")
        _ = try build(fixture, into: out)
        for platform in Platform.allCases {
            let layout = DeliveryLayout.layout(for: platform)
            let owned = layout.downstreamRootPath(dataDirName: "acme")
            let carriers = Set(layout.environmentCarriers(dataDirName: "acme"))
            let listing = try ArchiveListing.read(out.appendingPathComponent("acme-fixture-2.0.0-downstream-root-\(platform.rawValue).tar.gz"),
                                                  keep: { _ in false })
            for entry in listing.entries {
                let inside = (entry.path + (entry.kind == .directory ? "/" : "")).hasPrefix(owned)
                #expect(inside || (entry.kind == .file && carriers.contains(entry.path)), "\(platform): \(entry.path)")
            }
            #expect(listing[owned + "README.txt"] != nil)
        }
    }

    @Test func aDeletedKeyIsAnErrorForRuntimeChannelsOnly() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        let overlay = try String(contentsOf: fixture.dir.file("dist/acme.yaml"), encoding: .utf8)
        try fixture.dir.write("dist/acme.yaml", overlay.replacingOccurrences(of: "  projectNamespace: acme\n",
                                                                              with: "  projectNamespace: acme\n  helpUrl: {$delete: true}\n"))
        let findings = try check(fixture).2
        let removal = try #require(findings.first { $0.code == "delivery-runtime-removal" })
        #expect(removal.pointer == "/branding/helpUrl")
        #expect(removal.location?.file == "dist/acme.yaml" && removal.location?.line == 6)
        try setDelivery(fixture, "app-resources")
        #expect(try check(fixture).2.errorCount == 0)
    }

    @Test func aShippedLogoNeedsAppResources() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        try setDelivery(fixture, "downstream-root")
        let findings = try check(fixture).2
        #expect(findings.map(\.code) == ["delivery-branding-runtime"])
        #expect(findings.first?.location?.line == 6)
    }

    @Test func anUnlistedPlaceholderInProviderOptionsIsRefusedAsTheAppWould() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        let overlay = try String(contentsOf: fixture.dir.file("dist/acme.yaml"), encoding: .utf8)
        try fixture.dir.write("dist/acme.yaml", overlay + """

            providers:
              custom:
                gw: {name: Gateway, options: {apiKey: "{env:GATEWAY_KEY}"}}
            """)
        let findings = try check(fixture).2
        #expect(findings.contains { $0.severity == .error && $0.message.contains("GATEWAY_KEY") }, "\(findings.map(\.message))")
    }

    @Test func managedConfigSitsUnderTheDataDirNameTheAppHasBeforeReadingIt() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        try configOnly(fixture)
        try setDelivery(fixture, "managed-config")
        let (_, _, findings) = try check(fixture)
        #expect(findings.map(\.code).filter { $0.hasPrefix("delivery-") } == ["delivery-managed-config-data-dir"])
        #expect(findings.errorCount == 0)
        let out = fixture.dir.file("out")
        _ = try build(fixture, into: out)
        let archive = out.appendingPathComponent("acme-fixture-2.0.0-managed-config-linux.tar.gz")
        let listing = try ArchiveListing.read(archive, keep: { $0.hasSuffix("config.json") })
        // The upstream's dataDirName, not the renamed one, and no directory entries.
        #expect(listing.entries.map(\.path) == ["etc/open-cowork/README-acme-fixture-2.0.0.txt", "etc/open-cowork/config.json"])
        let shipped = try JSONReader().read(bytes: try #require(listing["etc/open-cowork/config.json"]?.data)).value
        #expect(shipped.isIdentical(to: ["branding": ["name": "Acme", "dataDirName": "acme"]]))
        let checked = try JSONReader().read(bytes: [UInt8](Data(contentsOf: out.appendingPathComponent("config.resolved.json")))).value
        let outcome = try launch(archive, fixture: fixture, platform: .linux, environment: [:])
        #expect(outcome.layersRead == ["open-cowork.config.json", "etc/open-cowork/config.json"])
        #expect(outcome.config?.isIdentical(to: checked) == true)
    }

    @Test func managedConfigCannotCarrySkills() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        try setDelivery(fixture, "managed-config, app-resources")
        #expect(try check(fixture).2.map(\.code).contains("delivery-content-managed-config"))
    }

    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"))
    func againstTheRealUpstreamTheRuntimeOverlayCarriesOnlyWhatChanged() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        try configOnly(fixture)
        try setDelivery(fixture, "downstream-root")
        let manifest = try String(contentsOf: fixture.dir.file("dist/distribution.yaml"), encoding: .utf8)
        try fixture.dir.write("dist/distribution.yaml",
                              manifest.replacingOccurrences(of: "upstream: {path: ../upstream}",
                                                            with: "upstream: {path: \"\(SharedData.upstreamCurrent.path)\"}"))
        let out = fixture.dir.file("out")
        _ = try build(fixture, into: out)
        let listing = try ArchiveListing.read(out.appendingPathComponent("acme-fixture-2.0.0-downstream-root.tar.gz"),
                                              keep: { $0 == "config.json" })
        let shipped = try JSONReader().read(bytes: try #require(listing["config.json"]?.data)).value
        #expect(shipped.objectValue?.keys == ["branding"])
        #expect(shipped["agents"] == nil && shipped["tools"] == nil)
        let resolved = try JSONReader().read(bytes: [UInt8](Data(contentsOf: out.appendingPathComponent("config.resolved.json")))).value
        #expect(resolved["agents"] != nil, "config.resolved.json stays the full config")
    }

    /// The verifier itself fails when an install does not deliver the checked config:
    /// a changed value, or a placeholder its file does not allow.
    @Test func theVerifierRefusesAnInstallThatDiffersFromTheCheck() throws {
        let fixture = try DistributionFixture()
        defer { fixture.remove() }
        let (_, check, findings) = try check(fixture)
        #expect(findings.errorCount == 0, "\(findings)")
        let verifier = try #require(check.verifier)
        let plan = try #require(check.delivery)
        var install = try #require(plan.installs.first { $0.channel == .downstreamRoot && $0.platform == .linux })
        func replacingConfig(_ json: String) -> DeliveryInstall {
            var changed = install
            changed.entries = ArchiveEntryList(install.entries.materialized().map { $0.path == install.configPath ? .text($0.path, json) : $0 })
            return changed
        }
        let honest = verifier.verify(install, files: PlannedFiles(install.entries.materialized()), artifact: "a.tar.gz", expected: plan.checkedConfig)
        #expect(honest.0.verified && honest.1.isEmpty, "\(honest.1)")

        // The honest overlay with one value changed.
        var branding = try #require(plan.runtimeOverlay["branding"]?.objectValue)
        branding["name"] = "Someone else"
        var overlay = try #require(plan.runtimeOverlay.objectValue)
        overlay["branding"] = .object(branding)
        install = replacingConfig(JSONWriter().string(.object(overlay)))
        let (differs, differsFindings) = verifier.verify(install, files: PlannedFiles(install.entries.materialized()), artifact: "a.tar.gz",
                                                         expected: plan.checkedConfig)
        #expect(!differs.verified)
        #expect(differsFindings.contains { $0.code == "verify-config-differs" && $0.pointer == "/branding/name" }, "\(differsFindings)")

        install = replacingConfig(#"{"branding": {"helpUrl": "{env:NOT_LISTED}"}}"#)
        let (refused, refusedFindings) = verifier.verify(install, files: PlannedFiles(install.entries.materialized()), artifact: "a.tar.gz",
                                                         expected: plan.checkedConfig)
        #expect(!refused.verified)
        #expect(refusedFindings.map(\.code).contains("verify-placeholder"), "\(refusedFindings)")
        #expect(refusedFindings.first?.location?.file.hasPrefix("a.tar.gz:") == true)
        // A refused file is reported as the refusal, not also as a config that differs at
        // the root (the emulator once returned `null` for "no config").
        #expect(!refusedFindings.map(\.code).contains("verify-config-differs"), "\(refusedFindings)")
        let outcome = verifier.emulator.launch(package: verifier.stockPackage, system: PlannedFiles(install.entries.materialized()),
                                               platform: .linux, environment: install.environment, artifact: "a.tar.gz")
        #expect(outcome.config == nil)
    }
}
