import Diagnostics
import Documents
import Foundation
import OpenCowork
import Packaging

/// One way the checked config reaches the app: a channel on a platform (or on none, for
/// the platform-neutral archives), the files it installs and what points the app at them.
public struct DeliveryInstall: Sendable {
    public var channel: DeliveryChannel
    /// Nil for `app-resources` and the bare downstream-root archive.
    public var platform: Platform?
    /// The artifact name without the `<name>-<version>-` stem or extension.
    public var artifactStem: String
    /// Entries relative to the file-system root (platform installs) or to the
    /// directory the archive is for (platform-neutral ones). The content entries are
    /// one list shared by every install, each placing it under its own root.
    public var entries: ArchiveEntryList
    /// The directory the archive owns; no directory entry is written above it.
    public var ownedRoot: String
    /// Environment variables the app must see (name → value), already set by the
    /// carrier files the archive holds.
    public var environment: [String: String]
    /// Where the channel's config file sits, relative to the archive root.
    public var configPath: String
}

/// Everything the desktop target delivers, decided from the checked config alone.
public struct DeliveryPlan: Sendable {
    /// The runtime overlay (`config.json` of the runtime channels).
    public var runtimeOverlay: JSONValue
    /// The full checked config (`app-resources`' bundled config, `config.resolved.json`).
    public var checkedConfig: JSONValue
    /// The bundled config of the pinned upstream, as the stock app reads it.
    public var bundledConfig: JSONValue
    public var installs: [DeliveryInstall]

    public static let configName = "config.json"
    public static let bundledConfigName = "open-cowork.config.json"
}

/// Decides every channel's files and reports what a channel cannot deliver.
public struct DeliveryPlanner: Sendable {
    public var channels: [DeliveryChannel]
    public var platforms: [Platform]
    /// `<name>-<version>`, for README texts.
    public var release: String
    /// The upstream the artifacts are built against (shown in README texts).
    public var upstreamIdentity: String

    public init(channels: [DeliveryChannel], platforms: [Platform], release: String, upstreamIdentity: String) {
        self.channels = channels
        self.platforms = platforms
        self.release = release
        self.upstreamIdentity = upstreamIdentity
    }

    public func plan(checked: JSONValue, bundled: JSONValue, content: BundlePlan?,
                     locate: (JSONPointer) -> SourceLocation?) -> (DeliveryPlan, [Finding]) {
        var findings: [Finding] = []
        let overlay = RuntimeOverlay.minimal(bundled: bundled, checked: checked)
        let runtime = channels.filter(\.isRuntime)
        let hasAppResources = channels.contains(.appResources)
        if !runtime.isEmpty {
            findings += overlayProblems(overlay.problems, runtime: runtime, locate: locate)
            findings += brandingFindings(checked: checked, content: content, hasAppResources: hasAppResources, locate: locate)
        }
        let items = content?.items ?? []
        let shippedContent = items.filter { $0.path.hasPrefix("skills/") || $0.path.hasPrefix("mcps/") }
        if channels.contains(.managedConfig), let first = shippedContent.first {
            findings.append(Finding(.error, code: .deliveryContentManagedConfig,
                                    message: "managed-config carries config only, but the distribution ships \(shippedContent.count) skill or MCP file(s) (\(first.path), ...)",
                                    location: nil, pointer: nil,
                                    hint: "deliver them with downstream-root or app-resources, or remove managed-config from targets.desktop.delivery"))
        }
        var plan = DeliveryPlan(runtimeOverlay: overlay.value, checkedConfig: checked, bundledConfig: bundled, installs: [])
        let overlayBytes = JSONWriter().data(overlay.value)
        // What the app reads from a downstream root: skills, MCPs and {file:} targets;
        // branding images only ever come from the app package (SPEC §5).
        let runtimeItems = items.filter { !$0.path.hasPrefix("branding/") }
        let runtimeEntries = runtimeItems.map(Self.entry)
        let checkedName = DataDirName.value(in: checked)
        let bundledName = DataDirName.value(in: bundled)
        for channel in channels {
            switch channel {
            case .downstreamRoot:
                plan.installs.append(DeliveryInstall(channel: channel, platform: nil, artifactStem: "downstream-root",
                                                     entries: ArchiveEntryList(shared: runtimeEntries, own: [.data(DeliveryPlan.configName, overlayBytes)]),
                                                     ownedRoot: "", environment: [:], configPath: DeliveryPlan.configName))
                guard let name = checkedName else { continue }
                for platform in platforms {
                    plan.installs.append(downstreamRootInstall(platform, dataDirName: name, config: overlayBytes, entries: runtimeEntries))
                }
            case .managedConfig:
                guard let name = bundledName else {
                    findings.append(Finding(.error, code: .deliveryManagedConfigLocation,
                                            message: "managed-config needs the bundled config's branding.dataDirName to place config.json, and the upstream config has none",
                                            hint: "deliver with downstream-root or app-resources"))
                    continue
                }
                if let checkedName, checkedName != name {
                    findings.append(Finding(.note, code: .deliveryManagedConfigDataDir,
                                            message: "managed-config installs config.json under '\(name)', the dataDirName the app has before reading it; the rename to '\(checkedName)' takes effect for everything read after it",
                                            location: locate(DataDirName.pointer), pointer: DataDirName.pointer,
                                            hint: "only app-resources renames the directory every layer follows"))
                }
                let fileEntries = runtimeEntries.filter { !$0.path.hasPrefix("skills/") && !$0.path.hasPrefix("mcps/") }
                for platform in platforms {
                    plan.installs.append(managedConfigInstall(platform, dataDirName: name, config: overlayBytes, entries: fileEntries))
                }
            case .appResources:
                let config = JSONWriter().data(checked)
                let all = ArchiveEntryList(shared: items.map(Self.entry), own: [.data(DeliveryPlan.bundledConfigName, config)])
                plan.installs.append(DeliveryInstall(channel: channel, platform: nil, artifactStem: "app-resources", entries: all,
                                                     ownedRoot: "", environment: [:], configPath: DeliveryPlan.bundledConfigName))
            }
        }
        return (plan, findings)
    }

    static func entry(_ item: BundleItem) -> ArchiveEntry {
        switch item.source {
        case .file(let source): return .file(item.path, source: source, executable: item.executable)
        case .data(let bytes): return .data(item.path, bytes, executable: item.executable)
        }
    }

    func downstreamRootInstall(_ platform: Platform, dataDirName: String, config: [UInt8], entries: [ArchiveEntry]) -> DeliveryInstall {
        let layout = DeliveryLayout.layout(for: platform)
        let root = layout.downstreamRootPath(dataDirName: dataDirName)
        let installed = layout.installedPath(root)
        let variable = DeliveryLayout.downstreamRootVariable
        var all = ArchiveEntryList(shared: entries, prefix: root, own: [.data(root + DeliveryPlan.configName, config)])
        for carrier in layout.environmentCarriers(dataDirName: dataDirName) {
            all.own.append(.data(carrier, EnvironmentCarrier.file(at: carrier, platform: platform, label: "\(dataDirName).downstream-root",
                                                              variable: variable, value: installed)))
        }
        all.own.append(.text(root + "README.txt", readme(channel: .downstreamRoot, platform: platform, installed: installed,
                                                     environment: "\(variable)=\(installed)")))
        return DeliveryInstall(channel: .downstreamRoot, platform: platform, artifactStem: "downstream-root-\(platform.rawValue)",
                               entries: all, ownedRoot: root, environment: [variable: installed],
                               configPath: root + DeliveryPlan.configName)
    }

    func managedConfigInstall(_ platform: Platform, dataDirName: String, config: [UInt8], entries: [ArchiveEntry]) -> DeliveryInstall {
        let layout = DeliveryLayout.layout(for: platform)
        let configPath = layout.managedConfigPath(dataDirName: dataDirName)
        let directory = String(configPath.dropLast(DeliveryPlan.configName.count))
        // The data directory belongs to the app and its users: the archive adds files to
        // it and never writes an entry for the directory itself.
        var all = ArchiveEntryList(shared: entries, prefix: directory, own: [.data(configPath, config)])
        all.own.append(.text(directory + "README-\(release).txt", readme(channel: .managedConfig, platform: platform,
                                                                     installed: layout.installedPath(configPath), environment: nil)))
        return DeliveryInstall(channel: .managedConfig, platform: platform, artifactStem: "managed-config-\(platform.rawValue)",
                               entries: all, ownedRoot: configPath, environment: [:], configPath: configPath)
    }

    func readme(channel: DeliveryChannel, platform: Platform, installed: String, environment: String?) -> String {
        var text = "\(release): Open Cowork \(channel.rawValue) delivery for \(platform.rawValue)\n\n"
        text += "Built against upstream \(upstreamIdentity); the config here is an overlay over the config\n"
        text += "that release bundles. Install it for an app built from that release.\n\n"
        text += "Unpack the archive at the file-system root (\(DeliveryLayout.layout(for: platform).systemRoot)). It installs\n  \(installed)\n"
        if let environment {
            text += "and sets, machine-wide, through the files it carries beside it:\n  \(environment)\n"
        }
        return text + "See docs/install.md of cowork-dist for each step.\n"
    }

    /// What a runtime layer cannot do, at the overlay line that asked for it.
    func overlayProblems(_ problems: [RuntimeOverlay.Problem], runtime: [DeliveryChannel],
                         locate: (JSONPointer) -> SourceLocation?) -> [Finding] {
        let names = runtime.map(\.rawValue).joined(separator: ", ")
        return problems.map { problem in
            switch problem.kind {
            case .removedKey:
                return Finding(.error, code: .deliveryRuntimeRemoval,
                               message: "'\(problem.pointer.dotted())' is removed from the bundled config, which \(names) cannot do: the app deep-merges them over its bundled config, so the key would still be there",
                               location: locate(problem.pointer), pointer: problem.pointer,
                               hint: "deliver with app-resources only (it replaces the bundled config), or set the key instead of deleting it")
            case .keyOrder:
                return Finding(.error, code: .deliveryRuntimeKeyOrder,
                               message: "'\(problem.pointer.dotted())' has its keys in an order deepMerge cannot produce over the bundled config (\(names))",
                               location: locate(problem.pointer), pointer: problem.pointer,
                               hint: "deliver with app-resources only, or avoid deleting and re-adding keys")
            }
        }
    }

    /// A logo or app icon the distribution ships is shown only when built into the app.
    func brandingFindings(checked: JSONValue, content: BundlePlan?, hasAppResources: Bool,
                          locate: (JSONPointer) -> SourceLocation?) -> [Finding] {
        let shipped = Set((content?.items ?? []).map(\.path).filter { $0.hasPrefix("branding/") })
        guard !shipped.isEmpty else { return [] }
        var findings: [Finding] = []
        for pointer in ContentResolver.brandingAssetPointers {
            // The path as the app resolves it (SPEC §5), then whether this distribution ships it.
            guard let value = checked[pointer]?.stringValue, case .success(let path) = BrandingAssetPath.normalise(value),
                  shipped.contains("branding/" + path) else { continue }
            // With app-resources listed the logo ships in the app build; the runtime
            // channels alone do not show it (docs/install.md says so).
            if !hasAppResources {
                findings.append(Finding(.error, code: .deliveryBrandingRuntime,
                                        message: "'\(pointer.dotted())' names \(value), shipped by this distribution, but the app reads branding images only from its own package: a runtime delivery never shows it",
                                        location: locate(pointer), pointer: pointer,
                                        hint: "add app-resources to targets.desktop.delivery and build it into the app, or use an image upstream bundles"))
            }
        }
        return findings
    }
}
