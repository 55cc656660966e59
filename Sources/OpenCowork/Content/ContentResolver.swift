import Diagnostics
import Documents
import Foundation
import Packaging

/// The content directories of one root (a distribution, or the upstream release).
public struct ContentDirectories: Sendable {
    public var skills: URL?
    public var mcps: URL?
    public var branding: URL?

    public init(skills: URL? = nil, mcps: URL? = nil, branding: URL? = nil) {
        self.skills = skills
        self.mcps = mcps
        self.branding = branding
    }

    /// The conventional layout under `root`: `skills/`, `mcps/`, `branding/`.
    public init(conventionalUnder root: URL) {
        self.init(skills: root.appendingPathComponent("skills"), mcps: root.appendingPathComponent("mcps"),
                  branding: root.appendingPathComponent("branding"))
    }
}

/// A `{file:PATH}` target that must ship beside the config, at `path` (relative to the
/// downstream root, where the merged config is installed).
public struct FileTargetItem: Hashable, Sendable {
    public var path: String
    public var source: URL
    public var pointer: JSONPointer

    public init(path: String, source: URL, pointer: JSONPointer) {
        self.path = path
        self.source = source
        self.pointer = pointer
    }
}

/// Decides which skills, MCPs, branding images and `{file:}` targets ship, looking in the
/// distribution first and then upstream, as the app does (SPEC §6). Only referenced
/// content ships; content upstream already bundles is not shipped again; a referenced
/// item found nowhere is an error at the line that references it.
public struct ContentResolver {
    /// MCP packages the upstream app bundles (SPEC §6): referencing them needs no files.
    public static let upstreamBundledMCPs: Set<String> = ["agents", "charts", "skills", "workflows", "knowledge", "semantic-ui"]

    public var distributionRoot: URL
    public var downstream: ContentDirectories
    public var upstream: ContentDirectories
    public var limits: ContentLimits

    public init(distributionRoot: URL, downstream: ContentDirectories, upstream: ContentDirectories,
                limits: ContentLimits = .default) {
        self.distributionRoot = distributionRoot
        self.downstream = downstream
        self.upstream = upstream
        self.limits = limits
    }

    public struct Result: Sendable {
        public var plan: BundlePlan
        public var findings: [Finding]
    }

    public func resolve(config: JSONValue, fileTargets: [FileTargetItem] = [],
                        locate: @escaping (JSONPointer) -> SourceLocation?) -> Result {
        var state = State(tree: ContentTree(root: distributionRoot, limits: limits), locate: locate)
        resolveSkills(config, &state)
        resolveMCPs(config, &state)
        resolveBranding(config, &state)
        for target in fileTargets {
            state.add(path: target.path, file: SourcePath(target.source.path), size: fileSize(target.source), executable: false,
                      pointer: target.pointer)
        }
        reportUnreferenced(&state)
        return Result(plan: BundlePlan(items: state.items, providedByUpstream: state.provided), findings: state.findings)
    }

    struct State {
        let tree: ContentTree
        let locate: (JSONPointer) -> SourceLocation?
        var items: [BundleItem] = []
        var paths: [String: JSONPointer?] = [:]
        var provided: [String] = []
        var findings: [Finding] = []
        var referencedSkills: Set<String> = []
        var referencedMCPs: Set<String> = []
        var referencedBranding: Set<String> = []

        mutating func error(_ code: FindingCode, _ message: String, at pointer: JSONPointer, hint: String? = nil) {
            findings.append(Finding(.error, code: code, message: message, location: locate(pointer), pointer: pointer, hint: hint))
        }

        /// A reference (`sourceName`, `packageName`) names one directory: no separators,
        /// no `..`. Anything else is refused at its line.
        mutating func acceptReference(_ name: String, field: String, at pointer: JSONPointer) -> Bool {
            guard ContentTree.isSafeSegment(name) else {
                error(.contentBadReference, "\(field) '\(name)' must be a single directory name", at: pointer)
                return false
            }
            return true
        }

        mutating func add(path: String, file: SourcePath, size: Int, executable: Bool, pointer: JSONPointer?) {
            if paths[path] != nil {
                if let pointer { error(.contentPathCollision, "'\(path)' would ship twice", at: pointer) }
                return
            }
            paths[path] = pointer
            items.append(BundleItem(path: path, source: .file(file), executable: executable, size: size))
        }

        /// Ships every file of `directory` under `prefix/`, reporting unsafe entries.
        mutating func addTree(_ directory: URL, prefix: String) {
            let walked = tree.files(in: directory)
            findings += walked.findings
            let root = directory.path
            // A tree that sits at its item path under some directory (the distribution's
            // skills/x under the distribution) has each source named by the item path
            // itself, under that directory: one string per file, not two.
            let suffix = "/" + prefix
            let base = root.hasSuffix(suffix) && root.utf8.count > suffix.utf8.count
                ? String(decoding: root.utf8.dropLast(suffix.utf8.count), as: UTF8.self) : nil
            for file in walked.files {
                let path = prefix + "/" + file.relativePath
                let source: SourcePath
                if !Self.isPath(file.sourcePath, under: root, relative: file.relativePath) {
                    source = SourcePath(file.sourcePath)    // through a link: its real path
                } else if let base {
                    source = SourcePath(base: base, relative: path)
                } else {
                    source = SourcePath(base: root, relative: file.relativePath)
                }
                add(path: path, file: source, size: file.size, executable: file.executable, pointer: nil)
            }
        }

        /// True when `source` is exactly `root/relative`.
        static func isPath(_ source: String, under root: String, relative: String) -> Bool {
            let whole = source.utf8, head = root.utf8, tail = relative.utf8
            guard whole.count == head.count + 1 + tail.count, whole.starts(with: head) else { return false }
            let rest = whole.dropFirst(head.count)
            return rest.first == UInt8(ascii: "/") && rest.dropFirst().elementsEqual(tail)
        }
    }

    func exists(_ url: URL?, _ relative: String) -> Bool {
        guard let url else { return false }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.appendingPathComponent(relative).path, isDirectory: &isDirectory)
            && !isDirectory.boolValue
    }

    func fileSize(_ url: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int) ?? 0
    }

    func subdirectories(_ url: URL?) -> [String] {
        guard let url, let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return [] }
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    // MARK: - Skills

    func resolveSkills(_ config: JSONValue, _ state: inout State) {
        guard let skills = config["skills"]?.arrayValue else { return }
        for (index, skill) in skills.enumerated() {
            let pointer = JSONPointer.root / "skills" / index / "sourceName"
            guard let name = skill["sourceName"]?.stringValue else { continue }
            guard state.acceptReference(name, field: "skill sourceName", at: pointer) else { continue }
            state.referencedSkills.insert(name)
            if let root = downstream.skills, exists(root, name + "/SKILL.md") {
                let directory = root.appendingPathComponent(name)
                let skillFile = directory.appendingPathComponent("SKILL.md")
                // Read once: the YAML check and the app's own rules look at the same text.
                let text = Self.skillText(skillFile)
                let before = state.findings.count
                checkSkillFrontMatter(skillFile, text: text, &state)
                let reported = state.findings[before...].contains { $0.code == .skillFrontMatter || $0.code == .skillUnreadable }
                if let text {
                    checkAppSkillRules(name: name, content: text, pointer: pointer, frontMatterReported: reported, &state)
                }
                state.addTree(directory, prefix: "skills/" + name)
            } else if let root = upstream.skills, exists(root, name + "/SKILL.md") {
                if let text = Self.skillText(root.appendingPathComponent(name + "/SKILL.md")) {
                    checkAppSkillRules(name: name, content: text, pointer: pointer, frontMatterReported: false, &state)
                }
                state.provided.append("skill:" + name)
            } else {
                let known = subdirectories(downstream.skills) + subdirectories(upstream.skills)
                state.error(.contentSkillMissing,
                            "skill '\(name)' has no \(name)/SKILL.md in the distribution's or upstream's skills/"
                                + Suggestions.didYouMean(name, among: known),
                            at: pointer, hint: "add skills/\(name)/SKILL.md to the distribution, or fix sourceName")
            }
        }
    }

    /// SKILL.md as UTF-8 text, through the one safe reader (size cap, regular files only);
    /// nil when it cannot be read. A byte order mark is kept, as the app's reader keeps it.
    static func skillText(_ file: URL) -> String? {
        guard let bytes = try? SafeFile.read(path: file.path, maxBytes: ContentLimits.default.maxFileBytes) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// A shipped skill's SKILL.md (`text`, nil when unreadable) needs front matter with a
    /// non-empty `name` and `description`.
    func checkSkillFrontMatter(_ file: URL, text: String?, _ state: inout State) {
        let start = SourceLocation(file: file.path, line: 1, column: 1)
        guard let text else {
            state.findings.append(Finding(.error, code: .skillUnreadable, message: "SKILL.md is not readable UTF-8 text",
                                          location: start))
            return
        }
        do {
            guard let document = try FrontMatter.parse(text, file: file.path) else {
                state.findings.append(Finding(.error, code: .skillFrontMatter,
                                              message: "SKILL.md has no YAML front matter (a '---' block with name and description)",
                                              location: start, hint: "start the file with ---, name: ..., description: ..., ---"))
                return
            }
            for key in ["name", "description"] {
                // Blank means all white space; the first other character settles it.
                let value = document.value[key]?.stringValue ?? ""
                if value.unicodeScalars.allSatisfy({ CharacterSet.whitespacesAndNewlines.contains($0) }) {
                    state.findings.append(Finding(.error, code: .skillFrontMatter,
                                                  message: "SKILL.md front matter needs a non-empty '\(key)'",
                                                  location: document.location(of: .root / key, preferKey: true)))
                }
            }
        } catch {
            state.findings.append(Finding(error))
        }
    }

    // MARK: - MCPs

    func resolveMCPs(_ config: JSONValue, _ state: inout State) {
        guard let mcps = config["mcps"]?.arrayValue else { return }
        for (index, mcp) in mcps.enumerated() {
            guard mcp["type"]?.stringValue ?? "local" == "local", let name = mcp["packageName"]?.stringValue else { continue }
            let pointer = JSONPointer.root / "mcps" / index / "packageName"
            guard state.acceptReference(name, field: "MCP packageName", at: pointer) else { continue }
            state.referencedMCPs.insert(name)
            if let root = downstream.mcps, exists(root, name + "/dist/index.js") {
                state.addTree(root.appendingPathComponent(name), prefix: "mcps/" + name)
            } else if ContentResolver.upstreamBundledMCPs.contains(name) || exists(upstream.mcps, name + "/dist/index.js") {
                state.provided.append("mcp:" + name)
            } else {
                let known = subdirectories(downstream.mcps) + Array(ContentResolver.upstreamBundledMCPs)
                state.error(.contentMcpMissing,
                            "MCP package '\(name)' has no mcps/\(name)/dist/index.js in the distribution and upstream does not bundle it"
                                + Suggestions.didYouMean(name, among: known),
                            at: pointer, hint: "build the MCP into mcps/\(name)/dist/index.js, or fix packageName")
            }
        }
    }

    // MARK: - Branding

    /// Config fields that name an image under `branding/` (SPEC §5).
    public static let brandingAssetPointers: [JSONPointer] = ["/branding/sidebar/top/logoAsset", "/branding/appIcon"]

    /// Ships branding images found in the distribution, resolved exactly as the app
    /// resolves them (`BrandingAssetPath`: SPEC §5 normalisation, first root holding the
    /// name decides, real path inside the root). Invalid, missing or escaping paths are
    /// reported by the branding rules of `check`, which every build runs, so they are
    /// skipped here rather than reported twice.
    func resolveBranding(_ config: JSONValue, _ state: inout State) {
        for pointer in ContentResolver.brandingAssetPointers {
            guard let raw = config[pointer]?.stringValue, case .success(let relative) = BrandingAssetPath.normalise(raw) else {
                continue
            }
            state.referencedBranding.insert(relative)
            if let root = downstream.branding {
                switch BrandingAssetPath.resolve(relative, roots: [root]) {
                case .file(let real):
                    state.add(path: "branding/" + relative, file: SourcePath(real.path), size: fileSize(real), executable: false, pointer: pointer)
                    continue
                case .missing:
                    break
                default:
                    continue
                }
            }
            if let root = upstream.branding, case .file = BrandingAssetPath.resolve(relative, roots: [root]) {
                state.provided.append("branding:" + relative)
            }
        }
    }

    // MARK: - Unreferenced content

    func reportUnreferenced(_ state: inout State) {
        func warn(_ kind: String, _ url: URL, _ name: String) {
            state.findings.append(Finding(.warning, code: .contentUnreferenced,
                                          message: "\(kind) '\(name)' is not referenced by the config and will not ship",
                                          location: SourceLocation(file: url.path, line: 1, column: 1),
                                          hint: "reference it from the config, or remove it"))
        }
        for name in subdirectories(downstream.skills) where !state.referencedSkills.contains(name) {
            if let root = downstream.skills { warn("skill", root.appendingPathComponent(name), name) }
        }
        for name in subdirectories(downstream.mcps) where !state.referencedMCPs.contains(name) {
            if let root = downstream.mcps { warn("MCP", root.appendingPathComponent(name), name) }
        }
        if let root = downstream.branding {
            for file in ContentTree(root: root, limits: limits).files(in: root).files
            where !state.referencedBranding.contains(file.relativePath) {
                warn("branding file", root.appendingPathComponent(file.relativePath), file.relativePath)
            }
        }
    }
}
