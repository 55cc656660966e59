import Diagnostics
import Documents
import Foundation
import OpenCowork
import Packaging
import Schema

/// Files as the app finds them: a path relative to the file-system root (or to the app
/// package's resources) to its bytes.
public protocol InstalledFiles: Sendable {
    /// The bytes of a regular file, or nil when there is none at `path`.
    func contents(of path: String) -> [UInt8]?
    /// Whether a regular file exists at `path` (without reading it).
    func isFile(_ path: String) -> Bool
}

/// An archive read back from disk (see `ArchiveFiles`).
public struct ListedFiles: InstalledFiles {
    public var archive: ArchiveFiles
    public init(_ archive: ArchiveFiles) { self.archive = archive }
    public func contents(of path: String) -> [UInt8]? { archive.kept[path] }
    public func isFile(_ path: String) -> Bool { archive.files.contains(path) }
}

/// A directory standing for the file-system root (an install archive unpacked by tar).
public struct DirectoryFiles: InstalledFiles {
    public var root: URL
    public init(root: URL) { self.root = root }
    public func contents(of path: String) -> [UInt8]? {
        isFile(path) ? (try? Data(contentsOf: root.appendingPathComponent(path))).map(Array.init) : nil
    }
    public func isFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(root.appendingPathComponent(path).path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }
}

/// Planned entries, before anything is written (what `check` emulates). An install's
/// list is looked up where it lies, the shared part through an index of it made once
/// for every install that places it, so no install's entries are copied.
public struct PlannedFiles: InstalledFiles {
    private var own: [String: ArchiveEntry]
    private var shared: [ArchiveEntry] = []
    private var prefix = ""
    /// Path (relative to `prefix`) → position in `shared`.
    private var sharedIndex: [String: Int] = [:]

    public init(_ entries: [ArchiveEntry]) {
        own = Dictionary(entries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// `index` is `PlannedFiles.index(list.shared)`, made once per shared list.
    public init(_ list: ArchiveEntryList, index: [String: Int]? = nil) {
        self.init(list.own)
        shared = list.shared
        prefix = list.prefix
        sharedIndex = index ?? Self.index(list.shared)
    }

    /// Each path's first position (an own entry wins over a shared one, as the first of
    /// two entries for one path would).
    public static func index(_ shared: [ArchiveEntry]) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(shared.count)
        for (position, entry) in shared.enumerated() where index[entry.path] == nil { index[entry.path] = position }
        return index
    }

    func entry(_ path: String) -> ArchiveEntry? {
        if let entry = own[path] { return entry }
        guard path.utf8.starts(with: prefix.utf8) else { return nil }
        let relative = prefix.isEmpty ? path : String(decoding: path.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
        return sharedIndex[relative].map { shared[$0] }
    }

    public func contents(of path: String) -> [UInt8]? {
        switch entry(path)?.kind {
        case .data(let bytes)?: return bytes
        case .file(let source)?: return FileManager.default.contents(atPath: source.path).map(Array.init)
        default: return nil
        }
    }
    public func isFile(_ path: String) -> Bool {
        switch entry(path)?.kind {
        case .data?, .file?: return true
        default: return false
        }
    }
}

/// Emulates how Open Cowork builds its active config at launch (SPEC §1, §3, §5, §6) over
/// the files a delivery installs, so a build can prove the app gets the checked config.
///
/// Placeholders are checked as the app checks them (per file, against that file's own
/// `allowedEnvPlaceholders`, `providers.custom.*.options` included) but left as text: the
/// comparison is with the checked config, whose kept placeholders are text too.
public struct AppLoadEmulator: Sendable {
    /// The app package: its bundled config and what its resources provide.
    public struct Package: Sendable {
        public var config: [UInt8]
        public var configName: String
        /// `skill:NAME`, `mcp:NAME`, `branding:PATH` the package carries.
        public var provides: Set<String>
    }

    public var schema: SchemaCheck?

    public init(schema: SchemaCheck?) { self.schema = schema }

    /// The outcome of one emulated launch.
    public struct Outcome: Sendable {
        /// The active config, or nil when the app would refuse a layer and fall back to
        /// its compiled-in defaults.
        public var config: JSONValue?
        /// Layer files read, in order (paths relative to the root).
        public var layersRead: [String]
        public var findings: [Finding]
    }

    /// Loads `package` plus whatever `system` holds at the paths the app computes on
    /// `platform`, with `environment` set. `artifact` names the archive in findings.
    public func launch(package: Package, system: InstalledFiles, platform: Platform?, environment: [String: String],
                       artifact: String) -> Outcome {
        var findings: [Finding] = []
        var layers: [(name: String, value: JSONValue, directory: String, files: InstalledFiles)] = []
        var read: [String] = []
        func layer(_ bytes: [UInt8], name: String, directory: String, files: InstalledFiles) -> Bool {
            guard let value = parse(bytes, name: name, artifact: artifact, into: &findings) else { return false }
            layers.append((name, value, directory, files))
            read.append(name)
            return true
        }
        guard layer(package.config, name: package.configName, directory: "", files: PackageFiles()) else {
            return Outcome(config: nil, layersRead: read, findings: findings)
        }
        var downstreamRoot: String?
        if let installed = environment[DeliveryLayout.downstreamRootVariable], let platform {
            let root = Self.staged(installed, platform: platform)
            downstreamRoot = root
            for name in [DeliveryPlan.configName, DeliveryPlan.bundledConfigName] {
                if let bytes = system.contents(of: root + name) {
                    guard layer(bytes, name: root + name, directory: root, files: system) else {
                        return Outcome(config: nil, layersRead: read, findings: findings)
                    }
                    break
                }
            }
        }
        // The managed file sits under the dataDirName of the layers read so far, never
        // of the managed file itself.
        let before = layers.reduce(JSONValue.object(JSONObject())) { MergeStage.deepMerge($0, $1.value) }
        if let platform, let dataDirName = DataDirName.usable(in: before) {
            let path = DeliveryLayout.layout(for: platform).managedConfigPath(dataDirName: dataDirName)
            if let bytes = system.contents(of: path) {
                let directory = String(path.dropLast(DeliveryPlan.configName.count))
                guard layer(bytes, name: path, directory: directory, files: system) else {
                    return Outcome(config: nil, layersRead: read, findings: findings)
                }
            }
        }
        for entry in layers {
            findings += placeholderProblems(entry.value, name: entry.name, directory: entry.directory, files: entry.files,
                                            artifact: artifact)
            if let schema {
                for violation in schema.validatePartial(entry.value) {
                    findings.append(finding(.verifyLayerSchema, "\(entry.name) fails the partial schema: \(violation.message)",
                                            artifact: artifact, path: entry.name, pointer: violation.instancePointer))
                }
            }
        }
        let merged = layers.reduce(JSONValue.object(JSONObject())) { MergeStage.deepMerge($0, $1.value) }
        if let schema {
            for violation in schema.validateFull(merged) {
                findings.append(finding(.verifyConfigSchema, "the active config fails the schema: \(violation.message)",
                                        artifact: artifact, path: nil, pointer: violation.instancePointer))
            }
        }
        findings += contentProblems(merged, package: package, system: system, downstreamRoot: downstreamRoot, artifact: artifact)
        let refusing: [FindingCode] = [.verifyPlaceholder, .verifyLayerSchema, .verifyConfigSchema]
        let refused = findings.contains { finding in finding.severity == .error && refusing.contains { finding.code == $0 } }
        // Not a ternary: JSONValue is ExpressibleByNilLiteral, so `nil` there would be `.null`
        // and a refused launch would look like one that loaded `null`.
        let active: JSONValue? = refused ? Optional.none : .some(merged)
        return Outcome(config: active, layersRead: read, findings: findings)
    }

    /// `C:\ProgramData\acme\downstream-root` → `ProgramData/acme/downstream-root/`.
    static func staged(_ installed: String, platform: Platform) -> String {
        let layout = DeliveryLayout.layout(for: platform)
        var path = installed.hasPrefix(layout.systemRoot) ? String(installed.dropFirst(layout.systemRoot.count)) : installed
        path = path.replacingOccurrences(of: layout.separator, with: "/")
        return path.hasSuffix("/") ? path : path + "/"
    }

    func parse(_ bytes: [UInt8], name: String, artifact: String, into findings: inout [Finding]) -> JSONValue? {
        do {
            let document = try DocumentLoader().parse(bytes: bytes, format: .jsonc, file: "\(artifact):\(name)")
            guard document.value.objectValue != nil else {
                findings.append(finding(.verifyLayerUnreadable, "\(name) is not a JSON object", artifact: artifact, path: name, pointer: nil))
                return nil
            }
            return document.value
        } catch {
            findings.append(finding(.verifyLayerUnreadable, "the app cannot read \(name): \(error.message)", artifact: artifact, path: name, pointer: nil))
            return nil
        }
    }

    /// The app's per-file rule: every `{env:NAME}` in the file, provider options included,
    /// is listed in that file's own allowlist; a relative `{file:}` target exists.
    func placeholderProblems(_ value: JSONValue, name: String, directory: String, files: InstalledFiles,
                             artifact: String) -> [Finding] {
        let allowed = Set(value["allowedEnvPlaceholders"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        var findings: [Finding] = []
        func walk(_ value: JSONValue, _ pointer: JSONPointer) {
            switch value {
            case .string(let text):
                for match in PlaceholderScanner.scan(text) {
                    switch match.kind {
                    case .env where !allowed.contains(match.argument):
                        findings.append(finding(.verifyPlaceholder, "the app refuses \(name): {env:\(match.argument)} is not in its allowedEnvPlaceholders",
                                                artifact: artifact, path: name, pointer: pointer))
                    case .file:
                        let target = match.argument.trimmingCharacters(in: .whitespaces)
                        guard !target.hasPrefix("/"), !target.hasPrefix("~"), !target.contains("{") else { continue }
                        if !files.isFile(directory + target) {
                            findings.append(finding(.verifyFileTarget, "{file:\(target)} in \(name) names no installed file; the app would read \"\"",
                                                    artifact: artifact, path: name, pointer: pointer))
                        }
                    default:
                        continue
                    }
                }
            case .array(let items):
                for (index, item) in items.enumerated() { walk(item, pointer / index) }
            case .object(let object):
                for (key, member) in object { walk(member, pointer / key) }
            default:
                break
            }
        }
        walk(value, .root)
        return findings
    }

    /// Skills and MCPs through the app's content roots (downstream root first, then the
    /// package); branding images from the package only.
    func contentProblems(_ config: JSONValue, package: Package, system: InstalledFiles, downstreamRoot: String?,
                         artifact: String) -> [Finding] {
        var findings: [Finding] = []
        for (index, skill) in (config["skills"]?.arrayValue ?? []).enumerated() {
            guard let name = skill["sourceName"]?.stringValue else { continue }
            let shipped = downstreamRoot.map { system.isFile($0 + "skills/\(name)/SKILL.md") } ?? false
            if !shipped && !package.provides.contains("skill:\(name)") {
                findings.append(finding(.verifySkillMissing, "skill '\(name)' is in no content root the app searches",
                                        artifact: artifact, path: nil, pointer: JSONPointer.root / "skills" / index / "sourceName"))
            }
        }
        for (index, mcp) in (config["mcps"]?.arrayValue ?? []).enumerated() {
            guard mcp["type"]?.stringValue == "local", let name = mcp["packageName"]?.stringValue else { continue }
            let shipped = downstreamRoot.map { system.isFile($0 + "mcps/\(name)/dist/index.js") } ?? false
            if !shipped && !package.provides.contains("mcp:\(name)") {
                findings.append(finding(.verifyMcpMissing, "MCP package '\(name)' is in no content root the app searches",
                                        artifact: artifact, path: nil, pointer: JSONPointer.root / "mcps" / index / "packageName"))
            }
        }
        for pointer in ContentResolver.brandingAssetPointers {
            guard let raw = config[pointer]?.stringValue, case .success(let path) = BrandingAssetPath.normalise(raw) else { continue }
            if !package.provides.contains("branding:\(path)") {
                findings.append(finding(.verifyBrandingMissing, "'\(pointer.dotted())' names \(path), which the app package does not hold; the app shows no image",
                                        artifact: artifact, path: nil, pointer: pointer))
            }
        }
        return findings
    }

    func finding(_ code: FindingCode, _ message: String, artifact: String, path: String?, pointer: JSONPointer?) -> Finding {
        Finding(.error, code: code, message: message,
                location: SourceLocation(file: path.map { "\(artifact):\($0)" } ?? artifact, line: 1, column: 1), pointer: pointer)
    }
}

/// The app package's own files: the bundled config's `{file:}` targets are the
/// upstream's business, taken as present.
struct PackageFiles: InstalledFiles {
    func contents(of path: String) -> [UInt8]? { nil }
    func isFile(_ path: String) -> Bool { true }
}
