import Foundation
import OpenCowork
import Packaging

/// The library side of `cowork-dist init`: turns the files under `templates/init/` (data,
/// not code, compiled into the binary) into a new distribution directory. Placeholders of the form `{{name}}` in
/// file contents and file names are substituted from values derived from the
/// distribution's name, so a fresh distribution has its own identity and passes `check`.
public struct DistributionTemplate: Sendable {
    /// What the new distribution builds.
    public enum Kind: String, CaseIterable, Sendable {
        case desktop
        case claude3p = "claude-3p"
        case both

        /// The template directories copied for this kind, in order (later ones win).
        var parts: [String] {
            switch self {
            case .desktop: return ["common", "desktop"]
            case .claude3p: return ["common", "claude-3p"]
            case .both: return ["common", "desktop", "claude-3p"]
            }
        }

        /// True when the distribution builds on an upstream Open Cowork release.
        public var needsUpstream: Bool { self != .claude3p }
    }

    /// Where the upstream release of a desktop distribution comes from.
    public enum UpstreamChoice: Sendable, Equatable {
        /// Copy the bundled `templates/upstream-base` into the distribution as `upstream/`.
        case bundled
        /// Reference an existing release directory by path (kept outside the distribution).
        case path(URL)
    }

    /// Where the templates (`init/` and `upstream-base/`) are read from.
    public let source: TemplateSource

    public init(source: TemplateSource = .embedded) { self.source = source }

    /// Templates from a `templates` directory on disk instead of the compiled-in copy.
    public init(templatesRoot: URL) { self.source = .directory(templatesRoot) }

    // MARK: - Names and values

    /// Why `name` cannot name a distribution, or nil when it can (the manifest's rule).
    public static func problem(withName name: String) -> String? {
        if name.isEmpty { return "the name is empty" }
        guard ManifestStage.isKebabCase(name) else {
            return "'\(name)' is not kebab-case (lowercase letters, digits and single hyphens, starting with a letter), e.g. acme-cowork"
        }
        return nil
    }

    /// The placeholder values for `name`: a display name, short name and an identity of
    /// its own (app id, data directory, project namespace) so upstream's is never shared.
    /// `upstreamSHA256` (the tree digest of the referenced release, docs/distribution-yaml.md)
    /// pins the upstream in distribution.yaml.
    public static func values(name: String, kind: Kind, upstreamPath: String, upstreamSHA256: String? = nil) -> [String: String] {
        let words = name.split(separator: "-").map(String.init)
        let displayName = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        let initials = words.compactMap(\.first).map { String($0).uppercased() }.joined()
        // shortName is at most 16 characters in upstream's schema; one word keeps its own.
        let shortName = words.count == 1 ? String(displayName.prefix(16)) : String(initials.prefix(16))
        return [
            "name": name,
            "displayName": displayName,
            "shortName": shortName,
            "appId": "com.example.\(name)",
            "dataDirName": name,
            "projectNamespace": name,
            "upstreamPath": upstreamPath,
            "upstreamPin": upstreamSHA256.map { "\n  sha256: \($0)" } ?? "",
            "kind": kind.rawValue,
        ]
    }

    // MARK: - Planning

    /// One file the new distribution will hold.
    public struct PlannedFile: Sendable, Equatable {
        /// Path relative to the distribution directory, `/`-separated.
        public var path: String
        public var contents: Data
    }

    /// The rendered files of `kind` for `name`, sorted by path. Throws when a template
    /// cannot be read or uses an unknown placeholder.
    public func render(name: String, kind: Kind, upstreamPath: String, upstreamSHA256: String? = nil) throws -> [PlannedFile] {
        if let problem = Self.problem(withName: name) { throw DistributionTemplateError.invalidName(problem) }
        let values = Self.values(name: name, kind: kind, upstreamPath: upstreamPath, upstreamSHA256: upstreamSHA256)
        var files: [String: Data] = [:]
        files["distribution.yaml"] = try renderFile("manifest/\(kind.rawValue).yaml", values: values)
        for part in kind.parts {
            for relative in try source.files(under: "init/\(part)") {
                let path = try DistributionTemplateText.substitute(relative, values: values, file: "\(part)/\(relative)")
                files[path] = try renderFile("\(part)/\(relative)", values: values)
            }
        }
        return files.keys.sorted().map { PlannedFile(path: $0, contents: files[$0] ?? Data()) }
    }

    /// One template below `init/`, placeholders substituted; `label` names it in errors.
    func renderFile(_ label: String, values: [String: String]) throws -> Data {
        let data = try source.contents("init/\(label)")
        // Images and other binary files are copied as they are.
        guard let text = String(data: data, encoding: .utf8) else { return data }
        return Data(try DistributionTemplateText.substitute(text, values: values, file: label).utf8)
    }

    /// Regular files below `directory`, relative and sorted; hidden ones included (a
    /// plugin's `.claude-plugin/`), editor litter skipped.
    static func files(under directory: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        else { throw DistributionTemplateError.templateUnreadable(directory.path) }
        let base = directory.standardizedFileURL.resolvingSymlinksInPath().path
        var out: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard full.hasPrefix(base + "/") else { continue }
            let relative = String(full.dropFirst(base.count + 1))
            if url.lastPathComponent == ".DS_Store" { continue }
            out.append(relative)
        }
        return out.sorted()
    }
}

/// Why `init` could not write a distribution.
public enum DistributionTemplateError: Error, Equatable, CustomStringConvertible {
    case invalidName(String)
    case templatesNotFound(searched: [String])
    case templateUnreadable(String)
    case unknownPlaceholder(name: String, file: String)
    case destinationNotEmpty(String)
    case destinationNotDirectory(String)
    case upstreamInvalid(String)
    case upstreamNotAllowed
    case writeFailed(String)

    public var description: String {
        switch self {
        case .invalidName(let reason):
            return "invalid distribution name: \(reason)"
        case .templatesNotFound(let searched):
            return "COWORK_DIST_TEMPLATES does not name a templates directory (one holding 'init/manifest'): "
                + searched.joined(separator: ", ")
                + "; unset it to use the templates built into cowork-dist"
        case .templateUnreadable(let path):
            return "cannot read template \(path)"
        case .unknownPlaceholder(let name, let file):
            return "template \(file) uses unknown placeholder {{\(name)}}"
        case .destinationNotEmpty(let path):
            return "\(path) already exists and is not empty; refusing to overwrite it (choose another --directory or remove it)"
        case .destinationNotDirectory(let path):
            return "\(path) exists and is not a directory"
        case .upstreamInvalid(let path):
            return "\(path) is not an Open Cowork release: it has no open-cowork.config.json"
        case .upstreamNotAllowed:
            return "--upstream applies to desktop distributions; a claude-3p distribution has no upstream"
        case .writeFailed(let reason):
            return "cannot write the distribution: \(reason)"
        }
    }
}
