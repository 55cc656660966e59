import Foundation
import Documents
import Diagnostics

/// The content rules of one org plugin, as the app reads it. Each rule returns findings;
/// the manifest, MCP and hook rules live in their own files.
struct PluginContentChecks {
    let root: URL
    /// The name the plugin installs under (its directory, or its marketplace entry).
    let installName: String
    /// Every shipped file, relative to the plugin root.
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

    /// Every rule: the manifest (or single SKILL.md), the MCP servers and hooks at their
    /// default places and wherever the manifest points, skills, agents, commands and
    /// `version.json`.
    func all() -> [Finding] {
        var findings: [Finding] = []
        var mcpFiles: Set<String> = paths.contains(".mcp.json") ? [".mcp.json"] : []
        var hookFiles: Set<String> = paths.contains("hooks/hooks.json") ? ["hooks/hooks.json"] : []
        if paths.contains(Self.manifestPath) {
            let (manifestFindings, document) = manifest()
            findings += manifestFindings
            if let document {
                // Files the manifest names are checked like the default ones; inline
                // configuration is checked in place.
                for file in declaredJSONFiles("mcpServers", in: document) { mcpFiles.insert(file) }
                for file in declaredJSONFiles("hooks", in: document) { hookFiles.insert(file) }
                for (pointer, object) in inlineObjects("mcpServers", in: document) {
                    let wrapped = object["mcpServers"]?.objectValue
                    findings += mcpServers(wrapped ?? object, in: Self.manifestPath, document, at: wrapped == nil ? pointer : pointer / "mcpServers")
                }
                for (pointer, object) in inlineObjects("hooks", in: document) {
                    let wrapped = object["hooks"]?.objectValue
                    findings += hookEvents(wrapped ?? object, in: Self.manifestPath, document, at: wrapped == nil ? pointer : pointer / "hooks")
                }
            }
        }
        if paths.contains("SKILL.md") { findings += skillFile("SKILL.md", expectedName: nil) }
        for file in mcpFiles.sorted() { findings += mcpFile(file) }
        for file in hookFiles.sorted() { findings += hookFile(file) }
        findings += skills()
        findings += markdownFolders()
        findings += versionFile()
        return findings
    }

    /// `skills/<name>/SKILL.md`; a skill directory without one loads no skill.
    func skills() -> [Finding] {
        let skillDirs = Set(paths.compactMap { path -> String? in
            let parts = path.split(separator: "/")
            return parts.count >= 3 && parts[0] == "skills" ? String(parts[1]) : nil
        })
        var findings: [Finding] = []
        for skill in skillDirs.sorted() {
            let path = "skills/\(skill)/SKILL.md"
            guard paths.contains(path) else {
                findings.append(Finding(.warning, code: .pluginSkillMissing, message: "skills/\(skill)/ has no SKILL.md; the app loads no skill from it",
                                        location: location("skills/\(skill)"), hint: "add SKILL.md or move the files elsewhere"))
                continue
            }
            findings += skillFile(path, expectedName: skill)
        }
        return findings
    }

    /// `agents/*.md` and `commands/*.md`: Markdown files whose front matter is read leniently.
    func markdownFolders() -> [Finding] {
        var findings: [Finding] = []
        for folder in ["agents", "commands"] {
            for path in paths.sorted() where path.hasPrefix("\(folder)/") && !path.dropFirst(folder.count + 1).contains("/") {
                guard path.hasSuffix(".md") else {
                    findings.append(Finding(.warning, code: .pluginUnexpectedFile, message: "\(path) is not a Markdown file; \(folder)/ holds *.md",
                                            location: location(path), hint: "move it out of \(folder)/ or rename it to .md"))
                    continue
                }
                findings += frontMatter(path, required: folder == "agents" ? ["description"] : []).findings
            }
        }
        return findings
    }

    /// Paths a manifest field names that are shipped JSON files.
    func declaredJSONFiles(_ field: String, in document: Document) -> [String] {
        guard let value = document.value[field] else { return [] }
        return Self.pathList(value).compactMap(Self.normalized).filter { paths.contains($0) && $0.hasSuffix(".json") }
    }

    /// Inline objects of a manifest field (an object, or objects in a list), with pointers.
    func inlineObjects(_ field: String, in document: Document) -> [(JSONPointer, JSONObject)] {
        let pointer = JSONPointer(tokens: [field])
        guard let value = document.value[field] else { return [] }
        if let object = value.objectValue { return [(pointer, object)] }
        return (value.arrayValue ?? []).enumerated().compactMap { index, item in item.objectValue.map { (pointer / index, $0) } }
    }

    /// `version.json`: `{"version": "..."}`; a change triggers re-sync on devices.
    func versionFile() -> [Finding] {
        guard paths.contains("version.json") else { return [] }
        switch load("version.json") {
        case .failure(let finding): return [finding]
        case .success(let document):
            if (document.value["version"]?.stringValue ?? "").isEmpty {
                return [Finding(.error, code: .pluginVersionFile, message: "version.json needs a non-empty version string",
                                location: location("version.json", document), hint: "{\"version\": \"1.0.0\"}; changing it re-syncs devices")]
            }
            return []
        }
    }
}
