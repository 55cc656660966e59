import ManagedPolicy
import Packaging
import Foundation
import Documents
import Diagnostics

/// Stage 1: reads and checks `distribution.yaml`. Unknown keys, wrong types, a name that
/// is not kebab-case or a version that is not semver are errors at their file:line:column;
/// any error means no manifest.
public struct ManifestStage: Sendable {
    /// How the manifest's file is named in positions (defaults to its path).
    public var displayDirectory: String?

    public init(displayDirectory: String? = nil) { self.displayDirectory = displayDirectory }

    /// Allowed keys come from ManifestShape, the table the editor schema is made from.
    static var topKeys: [String] { ManifestShape.keys(at: []) }

    /// Reads `<directory>/distribution.yaml`.
    public func run(directory: URL) -> (Manifest?, [Finding]) {
        let display = PipelinePaths.join(displayDirectory ?? directory.path, Manifest.fileName)
        let document: Document
        do {
            document = try DocumentLoader().load(path: directory.appendingPathComponent(Manifest.fileName).path,
                                                 format: .yaml, displayName: display)
        } catch {
            return (nil, [Finding(error)])
        }
        return read(document, directory: directory)
    }

    /// Checks an already parsed manifest document.
    public func read(_ document: Document, directory: URL) -> (Manifest?, [Finding]) {
        var reader = ManifestFieldReader(document: document)
        let warnings = document.warnings.map { Finding(warning: $0) }
        guard reader.object(.root, allowed: Self.topKeys) != nil else {
            reader.error(.manifestType, "distribution.yaml must be a mapping of keys (name, version, upstream, ...)", at: .root)
            return (nil, warnings + reader.findings)
        }
        let name = reader.string("/name", required: true)
        if let name, !ManifestStage.isKebabCase(name) {
            reader.error(.manifestName, "name '\(name)' must be kebab-case (lowercase letters, digits and single hyphens, starting with a letter)",
                         at: "/name", hint: "for example: acme-cowork")
        }
        let version = reader.string("/version", required: true)
        if let version, !ManifestStage.isSemVer(version) {
            reader.error(.manifestVersion, "version '\(version)' is not a semantic version (MAJOR.MINOR.PATCH[-pre][+build])",
                         at: "/version", hint: "for example: 1.4.0 (quote it in YAML if it could read as a number)")
        }
        let upstream = readUpstream(&reader)
        var overlays: [String] = []
        if let list = reader.strings("/overlays") {
            for index in list.indices {
                if let path = reader.relativePath(JSONPointer.root / "overlays" / index, in: directory) {
                    if DocumentFormat(pathExtension: (path as NSString).pathExtension) == nil {
                        reader.error(.manifestOverlayFormat, "overlay '\(path)' must end in .json, .jsonc, .yaml or .yml",
                                     at: JSONPointer.root / "overlays" / index)
                    }
                    overlays.append(path)
                }
            }
        }
        var resolve: [String] = []
        if reader.object("/env", allowed: ManifestShape.keys(at: ["env"])) != nil, let names = reader.strings("/env/resolve") {
            for (index, name) in names.enumerated() {
                if PlaceholderScanner.isValidName(name) { resolve.append(name) } else {
                    reader.error(.manifestEnvName, "'\(name)' is not a placeholder name ([A-Z0-9_]+)", at: JSONPointer.root / "env" / "resolve" / index)
                }
            }
        }
        var content = Manifest.ContentRoots()
        if reader.object("/content", allowed: ManifestShape.keys(at: ["content"])) != nil {
            if let value = reader.relativePath("/content/skills", in: directory) { content.skills = value }
            if let value = reader.relativePath("/content/mcps", in: directory) { content.mcps = value }
            if let value = reader.relativePath("/content/branding", in: directory) { content.branding = value }
        }
        let targets = readTargets(&reader, directory: directory)
        let waivers = readWaivers(&reader)
        guard reader.findings.isEmpty, let name, let version else { return (nil, warnings + reader.findings) }
        let manifest = Manifest(directory: directory, document: document, name: name, version: version, upstream: upstream,
                                overlays: overlays, resolveEnv: resolve, content: content, targets: targets, waivers: waivers)
        return (manifest, warnings)
    }

    private func readUpstream(_ reader: inout ManifestFieldReader) -> Manifest.UpstreamReference? {
        guard reader.object("/upstream", allowed: ManifestShape.keys(at: ["upstream"])) != nil else { return nil }
        let path = reader.string("/upstream/path")
        let archive = reader.string("/upstream/archive")
        let sha = reader.string("/upstream/sha256")
        if let sha, !(sha.count == 64 && sha.allSatisfy({ $0.isHexDigit && !$0.isUppercase })) {
            reader.error(.manifestSha256, "upstream.sha256 must be 64 lowercase hexadecimal digits", at: "/upstream/sha256")
        }
        let location = reader.location("/upstream")
        switch (path, archive) {
        case (let path?, nil):
            return Manifest.UpstreamReference(source: .path(path), sha256: sha, location: location)
        case (nil, let archive?):
            let lower = archive.lowercased()
            if !(lower.hasSuffix(".tar.gz") || lower.hasSuffix(".tgz") || lower.hasSuffix(".zip")) {
                reader.error(.manifestUpstreamArchive, "upstream.archive must be a .tar.gz or .zip file", at: "/upstream/archive")
            }
            return Manifest.UpstreamReference(source: .archive(archive), sha256: sha, location: location)
        case (.some, .some):
            reader.error(.manifestUpstream, "upstream takes either 'path' or 'archive', not both", at: "/upstream")
        case (nil, nil):
            reader.error(.manifestUpstream, "upstream needs 'path' (a directory) or 'archive' (a .tar.gz or .zip)", at: "/upstream")
        }
        return nil
    }

    private func readTargets(_ reader: inout ManifestFieldReader, directory: URL) -> Manifest.Targets {
        var targets = Manifest.Targets()
        guard reader.object("/targets", allowed: ManifestShape.keys(at: ["targets"])) != nil else { return targets }
        if reader.object("/targets/desktop", allowed: ManifestShape.keys(at: ["targets", "desktop"])) != nil {
            var desktop = Manifest.Targets.Desktop()
            if let list = reader.values("/targets/desktop/platforms", of: Platform.self) { desktop.platforms = list }
            if let list = reader.values("/targets/desktop/formats", of: ArchiveFormat.self) { desktop.formats = list }
            if let list = reader.values("/targets/desktop/delivery", of: DeliveryChannel.self) {
                if list.isEmpty {
                    reader.error(.manifestDelivery, "targets.desktop.delivery lists no channel", at: "/targets/desktop/delivery",
                                 hint: "use downstream-root, managed-config and/or app-resources")
                } else {
                    desktop.delivery = list
                }
            }
            targets.desktop = desktop
        }
        if reader.object("/targets/claude-3p", allowed: ManifestShape.keys(at: ["targets", "claude-3p"])) != nil {
            var claude = Manifest.Targets.Claude3P()
            claude.policy = reader.relativePath("/targets/claude-3p/policy", in: directory)
            claude.profile = reader.string("/targets/claude-3p/profile")
            claude.plugins = reader.relativePath("/targets/claude-3p/plugins", in: directory)
            if reader.object("/targets/claude-3p/marketplace", allowed: ManifestShape.keys(at: ["targets", "claude-3p", "marketplace"])) != nil {
                claude.marketplace = reader.relativePath("/targets/claude-3p/marketplace/path", in: directory, required: true)
                if let names = reader.strings("/targets/claude-3p/marketplace/plugins") {
                    claude.marketplacePlugins = names
                } else {
                    reader.error(.manifestMissingKey, "missing required key 'targets.claude-3p.marketplace.plugins'",
                                 at: "/targets/claude-3p/marketplace", hint: "name the plugins to ship, e.g. plugins: [sales, legal]")
                }
            }
            if let list = reader.values("/targets/claude-3p/formats", of: PolicyExportFormat.self) { claude.formats = list }
            claude.appVersion = reader.string("/targets/claude-3p/appVersion")
            claude.identifier = reader.string("/targets/claude-3p/identifier")
            claude.organization = reader.string("/targets/claude-3p/organization")
            claude.displayName = reader.string("/targets/claude-3p/displayName")
            let scope = reader.string("/targets/claude-3p/profileScope")
            claude.profileScope = scope.flatMap(ProfileScope.init(rawValue:))
            claude.regMerge = reader.bool("/targets/claude-3p/regMerge") ?? false
            if let scope, claude.profileScope == nil {
                reader.error(.manifestType, "'targets.claude-3p.profileScope' must be system or user, not '\(scope)'", at: "/targets/claude-3p/profileScope")
            }
            targets.claude3p = claude
        }
        return targets
    }

    private func readWaivers(_ reader: inout ManifestFieldReader) -> [Waiver] {
        guard let value = reader.document.value[JSONPointer.root / "waivers"] else { return [] }
        guard let items = value.arrayValue else {
            reader.error(.manifestType, "'waivers' must be a list, not \(value.typeName)", at: "/waivers")
            return []
        }
        var waivers: [Waiver] = []
        for index in items.indices {
            let base = JSONPointer.root / "waivers" / index
            guard reader.object(base, allowed: ManifestShape.keys(at: ["waivers", "*"])) != nil else { continue }
            let code = reader.string(base / "code", required: true)
            let reason = reader.string(base / "reason", required: true)
            var pointer: JSONPointer?
            if let text = reader.document.value[base / "pointer"] {
                if let string = text.stringValue, let parsed = try? JSONPointer(parsing: string) {
                    pointer = parsed
                } else {
                    reader.error(.manifestWaiverPointer, "waivers[\(index)].pointer must be a JSON pointer such as /branding/helpUrl", at: base / "pointer")
                }
            }
            if let code, let reason {
                waivers.append(Waiver(code: code, pointer: pointer, reason: reason, location: reader.location(base)))
            }
        }
        return waivers
    }

    /// `acme-cowork`: lowercase ASCII letters and digits in hyphen-separated words, starting with a letter.
    public static func isKebabCase(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { word in
            !word.isEmpty && word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
    }

    /// Semantic Versioning 2.0.0: numeric core without leading zeros, dot-separated
    /// pre-release identifiers (numeric ones without leading zeros) and build metadata.
    public static func isSemVer(_ text: String) -> Bool {
        var rest = Substring(text)
        var build: Substring?
        if let plus = rest.firstIndex(of: "+") { build = rest[rest.index(after: plus)...]; rest = rest[..<plus] }
        var pre: Substring?
        if let dash = rest.firstIndex(of: "-") { pre = rest[rest.index(after: dash)...]; rest = rest[..<dash] }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3, core.allSatisfy(isNumericIdentifier) else { return false }
        func identifiers(_ part: Substring) -> [Substring]? {
            let ids = part.split(separator: ".", omittingEmptySubsequences: false)
            let allowed = ids.allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "-" } }
            return allowed ? ids : nil
        }
        if let pre {
            guard let ids = identifiers(pre) else { return false }
            for id in ids where id.allSatisfy(\.isNumber) && !isNumericIdentifier(id) { return false }
        }
        if let build, identifiers(build) == nil { return false }
        return true
    }

    private static func isNumericIdentifier(_ part: Substring) -> Bool {
        !part.isEmpty && part.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } && (part == "0" || part.first != "0")
    }
}
