import Foundation
import Documents
import Diagnostics

/// The content rules of one org plugin, each returning its findings.
struct PluginContentChecks {
    let root: URL
    let name: String
    let paths: Set<String>

    func location(_ path: String, _ document: Document? = nil, _ pointer: JSONPointer = .root) -> SourceLocation {
        document?.location(of: pointer) ?? SourceLocation(file: root.appendingPathComponent(path).path, line: 1, column: 1)
    }

    enum Loaded {
        case success(Document)
        case failure(Finding)
    }

    func load(_ path: String) -> Loaded {
        do { return .success(try DocumentLoader().load(path: root.appendingPathComponent(path).path, format: .json)) } catch {
            return .failure(Finding(error))
        }
    }

    func text(_ path: String) -> String? {
        (try? SafeFile.read(path: root.appendingPathComponent(path).path, maxBytes: DocumentLimits.default.maxBytes,
                           root: root.path)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `.claude-plugin/plugin.json` with name, version, description — or a single SKILL.md.
    func manifest() -> [Finding] {
        let path = ".claude-plugin/plugin.json"
        guard paths.contains(path) else {
            if paths.contains("SKILL.md") { return skillFile("SKILL.md", expectedName: nil) }
            return [Finding(.error, code: .pluginManifestMissing, message: "plugin \(name) has neither \(path) nor a top-level SKILL.md",
                            location: location(""), hint: "add \(path) with name, version and description")]
        }
        let document: Document
        switch load(path) {
        case .failure(let finding): return [finding]
        case .success(let d): document = d
        }
        guard document.value.objectValue != nil else {
            return [Finding(.error, code: .pluginManifestInvalid, message: "\(path) is not a JSON object", location: location(path, document))]
        }
        var findings: [Finding] = []
        for field in ["name", "version", "description"] {
            guard let value = document.value[field] else {
                findings.append(Finding(.error, code: .pluginManifestField, message: "\(path) has no \(field)", location: location(path, document)))
                continue
            }
            if value.stringValue?.isEmpty ?? true {
                findings.append(Finding(.error, code: .pluginManifestField, message: "\(path): \(field) must be a non-empty string",
                                        location: location(path, document, JSONPointer(tokens: [field])), pointer: JSONPointer(tokens: [field])))
            }
        }
        if let declared = document.value["name"]?.stringValue, !declared.isEmpty, declared != name {
            findings.append(Finding(.warning, code: .pluginNameMismatch,
                                    message: "plugin.json names '\(declared)' but the directory is '\(name)'; the directory name wins",
                                    location: location(path, document, "/name"), pointer: "/name"))
        }
        if let version = document.value["version"]?.stringValue, !version.isEmpty,
           version.range(of: "^[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.-]+)?$", options: .regularExpression) == nil {
            findings.append(Finding(.warning, code: .pluginVersion, message: "version '\(version)' is not semver",
                                    location: location(path, document, "/version"), pointer: "/version"))
        }
        return findings
    }

    /// `.mcp.json`: `{"mcpServers": {name: {type: http|sse|stdio, url | command, headers}}}`.
    func mcpServers() -> [Finding] {
        let path = ".mcp.json"
        guard paths.contains(path) else { return [] }
        let document: Document
        switch load(path) {
        case .failure(let finding): return [finding]
        case .success(let d): document = d
        }
        guard let servers = document.value["mcpServers"]?.objectValue else {
            return [Finding(.error, code: .pluginMcpInvalid, message: "\(path) needs an mcpServers object", location: location(path, document))]
        }
        var findings: [Finding] = []
        for (server, config) in servers {
            let at = JSONPointer(tokens: ["mcpServers", server])
            func add(_ message: String, _ sub: String? = nil) {
                let pointer = sub.map { at / $0 } ?? at
                findings.append(Finding(.error, code: .pluginMcpInvalid, message: "\(path): server \(server) \(message)",
                                        location: location(path, document, pointer), pointer: pointer))
            }
            guard config.objectValue != nil else { add("must be an object"); continue }
            let type = config["type"]?.stringValue ?? (config["command"] != nil ? "stdio" : "http")
            switch type {
            case "http", "sse":
                guard let url = config["url"]?.stringValue else { add("needs a url"); break }
                if FormatRules.check(url, .httpsURL, label: "url") != nil && !url.hasPrefix("{env:") && !url.hasPrefix("${") {
                    add("url '\(url)' should be https://", "url")
                }
            case "stdio":
                if config["command"]?.stringValue == nil { add("needs a command", nil) }
            default:
                add("has type '\(type)'; use http, sse or stdio", "type")
            }
            if let headers = config["headers"], headers.objectValue.map({ $0.members.allSatisfy { $0.value.stringValue != nil } }) != true {
                add("headers must map names to strings", "headers")
            }
        }
        return findings
    }

    /// `skills/<name>/SKILL.md` with front matter naming the skill and describing it.
    func skills() -> [Finding] {
        let skillDirs = Set(paths.compactMap { path -> String? in
            let parts = path.split(separator: "/")
            return parts.count >= 3 && parts[0] == "skills" ? String(parts[1]) : nil
        })
        var findings: [Finding] = []
        for skill in skillDirs.sorted() {
            let path = "skills/\(skill)/SKILL.md"
            guard paths.contains(path) else {
                findings.append(Finding(.error, code: .pluginSkillMissing, message: "skill \(skill) has no SKILL.md", location: location("skills/\(skill)")))
                continue
            }
            findings += skillFile(path, expectedName: skill)
        }
        return findings
    }

    func skillFile(_ path: String, expectedName: String?) -> [Finding] {
        let file = root.appendingPathComponent(path).path
        switch PluginFrontMatter.read(text(path) ?? "", file: file) {
        case .none:
            return [Finding(.error, code: .pluginFrontMatter, message: "\(path) has no front matter (--- name, description ---)", location: location(path))]
        case .invalid(let reason):
            return [Finding(.error, code: .pluginFrontMatter, message: "\(path): \(reason)", location: location(path))]
        case .mapping(let object):
            var findings: [Finding] = []
            for field in ["name", "description"] where (object[field]?.stringValue ?? "").isEmpty {
                findings.append(Finding(.error, code: .pluginFrontMatter, message: "\(path) front matter has no \(field)", location: location(path)))
            }
            if let expectedName, let declared = object["name"]?.stringValue, !declared.isEmpty, declared != expectedName {
                findings.append(Finding(.warning, code: .pluginSkillName, message: "\(path) names '\(declared)' in directory '\(expectedName)'",
                                        location: location(path)))
            }
            return findings
        }
    }

    /// `agents/*.md` and `commands/*.md`: Markdown files; agents describe themselves in front matter.
    func markdownFolders() -> [Finding] {
        var findings: [Finding] = []
        for folder in ["agents", "commands"] {
            for path in paths.sorted() where path.hasPrefix("\(folder)/") {
                guard path.hasSuffix(".md") else {
                    findings.append(Finding(.warning, code: .pluginUnexpectedFile, message: "\(path) is not a Markdown file; \(folder)/ holds *.md",
                                            location: location(path)))
                    continue
                }
                if case .invalid(let reason) = PluginFrontMatter.read(text(path) ?? "", file: root.appendingPathComponent(path).path) {
                    findings.append(Finding(.error, code: .pluginFrontMatter, message: "\(path): \(reason)", location: location(path)))
                }
            }
        }
        if paths.contains("hooks/hooks.json") {
            switch load("hooks/hooks.json") {
            case .failure(let finding): findings.append(finding)
            case .success(let document) where document.value["hooks"]?.objectValue == nil:
                findings.append(Finding(.error, code: .pluginHooksInvalid, message: "hooks/hooks.json needs a hooks object", location: location("hooks/hooks.json", document)))
            default: break
            }
        }
        return findings
    }

    /// `version.json`: `{"version": "..."}`; a change triggers re-sync on devices.
    func versionFile() -> [Finding] {
        guard paths.contains("version.json") else { return [] }
        switch load("version.json") {
        case .failure(let finding): return [finding]
        case .success(let document):
            if (document.value["version"]?.stringValue ?? "").isEmpty {
                return [Finding(.error, code: .pluginVersionFile, message: "version.json needs a non-empty version string", location: location("version.json", document))]
            }
            return []
        }
    }
}
