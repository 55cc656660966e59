import Diagnostics
import Documents
import Foundation
import OpenCowork
import Packaging

/// The result of emulating the app's launch over one delivery.
public struct DeliveryVerification: Sendable {
    public var channel: DeliveryChannel
    public var platform: Platform?
    /// The artifact read back (`acme-1.0.0-downstream-root-linux.tar.gz`), or the
    /// install's stem when nothing was written (`check`).
    public var artifact: String
    /// The config files the app read, in load order.
    public var layersRead: [String]
    public var environment: [String: String]
    /// Where the channel's config file is installed, as written on the platform.
    public var installedConfig: String?
    public var verified: Bool
}

/// Proves delivery: for every install of the plan, emulates Open Cowork's launch over
/// what the install holds (read back from the written archive by `build`, taken from the
/// plan by `check`) and compares the active config with the checked one. Every
/// difference or refusal is an error naming the artifact and the pointer.
public struct VerifyStage: Sendable {
    public var emulator: AppLoadEmulator
    /// The stock app the runtime channels are installed into: the pinned upstream.
    public var stockPackage: AppLoadEmulator.Package

    public init(emulator: AppLoadEmulator, stockPackage: AppLoadEmulator.Package) {
        self.emulator = emulator
        self.stockPackage = stockPackage
    }

    /// Verifies one install whose files are `files`, read from `artifact`.
    public func verify(_ install: DeliveryInstall, files: InstalledFiles, artifact: String,
                       expected: JSONValue) -> (DeliveryVerification, [Finding]) {
        let package: AppLoadEmulator.Package
        let system: InstalledFiles
        if install.channel == .appResources {
            guard let config = files.contents(of: install.configPath) else {
                let missing = Finding(.error, code: .verifyConfigMissing, message: "\(artifact) holds no \(install.configPath)",
                                      location: SourceLocation(file: artifact, line: 1, column: 1))
                return (record(install, artifact: artifact, layers: [], ok: false), [missing])
            }
            package = AppLoadEmulator.Package(config: config, configName: install.configPath,
                                              provides: stockPackage.provides.union(Self.provided(by: install.entries)))
            system = NoSystemFiles()
        } else {
            package = stockPackage
            system = files
        }
        let outcome = emulator.launch(package: package, system: system, platform: install.platform,
                                      environment: install.environment, artifact: artifact)
        var findings = outcome.findings
        if install.channel.isRuntime {
            // A shipped logo under a runtime channel is reported by the delivery plan.
            findings.removeAll { $0.code == .verifyBrandingMissing }
        }
        if install.platform != nil || install.channel == .appResources {
            if !outcome.layersRead.contains(install.configPath) {
                findings.append(Finding(.error, code: .verifyConfigNotRead,
                                        message: "the app never reads \(install.configPath) from \(artifact) (it read \(outcome.layersRead.joined(separator: ", ")))",
                                        location: SourceLocation(file: artifact, line: 1, column: 1)))
            }
        }
        if let active = outcome.config, !active.isIdentical(to: expected) {
            let pointer = active.firstDifference(from: expected) ?? .root
            findings.append(Finding(.error, code: .verifyConfigDiffers,
                                    message: "the app loads a different config from \(artifact) than the one checked, first at '\(pointer.dotted())'",
                                    location: SourceLocation(file: artifact, line: 1, column: 1), pointer: pointer,
                                    hint: "a bug in cowork-dist's delivery: please report it with this distribution"))
        }
        let ok = outcome.config != nil && !findings.contains { $0.severity == .error }
        return (record(install, artifact: artifact, layers: outcome.layersRead, ok: ok), findings)
    }

    /// Emulates every install of `plan` over its planned entries (no archive written).
    public func verifyPlanned(_ plan: DeliveryPlan) -> ([DeliveryVerification], [Finding]) {
        var records: [DeliveryVerification] = []
        var findings: [Finding] = []
        // The installs of every platform share one content list: indexed once.
        var indexes: [UInt: [String: Int]] = [:]
        for install in plan.installs where install.platform != nil || install.channel == .appResources {
            let storage = install.entries.sharedIdentity
            let index = indexes[storage] ?? PlannedFiles.index(install.entries.shared)
            indexes[storage] = index
            let (record, found) = verify(install, files: PlannedFiles(install.entries, index: index), artifact: install.artifactStem,
                                         expected: plan.checkedConfig)
            records.append(record)
            findings += found
        }
        return (records, findings)
    }

    func record(_ install: DeliveryInstall, artifact: String, layers: [String], ok: Bool) -> DeliveryVerification {
        let installed = install.platform.map { DeliveryLayout.layout(for: $0).installedPath(install.configPath) }
        return DeliveryVerification(channel: install.channel, platform: install.platform, artifact: artifact, layersRead: layers,
                                    environment: install.environment, installedConfig: installed, verified: ok)
    }

    /// `skill:NAME`, `mcp:NAME` and `branding:PATH` for the files of an app-resources tree.
    static func provided(by entries: ArchiveEntryList) -> Set<String> {
        var result = Set<String>()
        entries.forEach { entry in
            let path = entry.path
            let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 3, parts[0] == "skills", parts[2] == "SKILL.md" { result.insert("skill:\(parts[1])") }
            if parts.count >= 3, parts[0] == "mcps" { result.insert("mcp:\(parts[1])") }
            if parts.count >= 2, parts[0] == "branding" { result.insert("branding:" + parts.dropFirst().joined(separator: "/")) }
        }
        return result
    }
}

/// An app built with app-resources reads no runtime layer in this emulation.
struct NoSystemFiles: InstalledFiles {
    func contents(of path: String) -> [UInt8]? { nil }
    func isFile(_ path: String) -> Bool { false }
}

extension DeliveryVerification {
    /// The record in `build-manifest.json`'s `delivery` section.
    public var json: JSONValue {
        var object = JSONObject()
        object["channel"] = .string(channel.rawValue)
        object["platform"] = platform.map { .string($0.rawValue) } ?? .null
        object["artifact"] = .string(artifact)
        object["installedConfig"] = installedConfig.map { .string($0) } ?? .null
        object["environment"] = .object(JSONObject(environment.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        object["layersRead"] = .array(layersRead.map { .string($0) })
        object["verified"] = .bool(verified)
        return .object(object)
    }
}
