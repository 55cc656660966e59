import Foundation
import Documents
import Diagnostics

/// A plugin marketplace: `.claude-plugin/marketplace.json` listing `plugins[]`, each with
/// a `name` and a `source` — a path inside the marketplace (optionally below
/// `metadata.pluginRoot`) or a remote reference (`github`, `url`, `git`, `git-subdir`,
/// `npm`, `pip`) that devices fetch themselves.
public struct OrgMarketplace: Sendable {
    /// Where an entry's plugin comes from.
    public enum Source: Sendable, Equatable {
        /// A directory inside the marketplace.
        case local(URL)
        /// Fetched by the app: the source kind and what it names (repository, URL, package).
        case remote(kind: String, reference: String)
    }

    /// One listed plugin, located in marketplace.json.
    public struct Entry: Sendable {
        public var name: String
        public var source: Source
        public var location: SourceLocation
        /// Where the `source` value sits in marketplace.json.
        public var sourceLocation: SourceLocation
    }

    /// The marketplace's `name`, when it has one.
    public var name: String?
    /// Entries by plugin name.
    public var entries: [String: Entry]
    public var location: SourceLocation

    /// Remote source kinds and the field naming what each fetches.
    static let remoteKinds: [String: String] = ["github": "repo", "url": "url", "git": "url", "git-subdir": "url", "npm": "package", "pip": "package"]

    public static func load(directory: URL) -> (marketplace: OrgMarketplace?, findings: [Finding]) {
        let path = directory.appendingPathComponent(".claude-plugin/marketplace.json").path
        let document: Document
        do { document = try DocumentLoader().load(path: path, format: .json) } catch { return (nil, [Finding(error)]) }
        guard let list = document.value["plugins"]?.arrayValue else {
            return (nil, [Finding(.error, code: .pluginMarketplaceInvalid, message: "marketplace.json needs a plugins list",
                                  location: document.location(of: .root), hint: "{\"name\": \"…\", \"plugins\": [{\"name\": \"…\", \"source\": \"./…\"}]}")])
        }
        let root = directory.resolvingSymlinksInPath().standardizedFileURL
        let pluginRoot = document.value["metadata"]?["pluginRoot"]?.stringValue
        var entries: [String: Entry] = [:]
        var findings: [Finding] = []
        for (index, item) in list.enumerated() {
            let pointer = JSONPointer(tokens: ["plugins", String(index)])
            func fail(_ code: FindingCode, _ message: String, _ at: JSONPointer, hint: String? = nil) {
                findings.append(Finding(.error, code: code, message: "marketplace.json: \(message)", location: document.location(of: at), pointer: at, hint: hint))
            }
            guard let name = item["name"]?.stringValue, !name.isEmpty, let sourceValue = item["source"] else {
                fail(.pluginMarketplaceInvalid, "plugins[\(index)] needs a name and a source", pointer,
                     hint: "{\"name\": \"…\", \"source\": \"./plugins/…\"}")
                continue
            }
            let source: Source
            if let relative = sourceValue.stringValue {
                let joined = relative.hasPrefix(".") || pluginRoot == nil ? relative : "\(pluginRoot ?? "")/\(relative)"
                let url = root.appendingPathComponent(joined).resolvingSymlinksInPath().standardizedFileURL
                // "./" is a marketplace that is itself one plugin.
                guard url.path == root.path || url.path.hasPrefix(root.path + "/") else {
                    fail(.pluginMarketplaceSource, "source '\(relative)' of \(name) leaves the marketplace", pointer / "source",
                         hint: "keep plugins inside the marketplace directory, or use a remote source")
                    continue
                }
                // Whether it exists is checked when it is selected: a vendored copy of a
                // marketplace may hold only the plugins it ships.
                source = .local(url)
            } else if let kind = sourceValue["source"]?.stringValue, let field = remoteKinds[kind] {
                guard let reference = sourceValue[field]?.stringValue, !reference.isEmpty else {
                    fail(.pluginMarketplaceInvalid, "\(name): a \(kind) source needs \(field)", pointer / "source", hint: "add \"\(field)\"")
                    continue
                }
                if field == "url", !PluginContentChecks.isHTTPS(reference) {
                    fail(.pluginMarketplaceInvalid, "\(name): the source url must be an https:// URL with a host", pointer / "source" / "url",
                         hint: "e.g. https://github.com/owner/repo.git")
                    continue
                }
                if field == "url", URLComponents(string: reference)?.password != nil {
                    fail(.pluginMarketplaceInvalid, "\(name): the source url holds a password", pointer / "source" / "url",
                         hint: "remove the credentials from the URL and rotate them; devices authenticate with credentialKind")
                    continue
                }
                if let sha = sourceValue["sha"]?.stringValue, sha.range(of: "^[0-9a-f]{40}$", options: .regularExpression) == nil {
                    fail(.pluginMarketplaceInvalid, "\(name): sha '\(sha)' is not a full commit SHA", pointer / "source" / "sha",
                         hint: "40 lowercase hex digits")
                    continue
                }
                source = .remote(kind: kind, reference: reference)
            } else {
                let kind = sourceValue["source"]?.stringValue ?? sourceValue.typeName
                fail(.pluginMarketplaceInvalid, "\(name): source '\(kind)' is neither a path nor a known source ("
                     + remoteKinds.keys.sorted().joined(separator: ", ") + ")" + Suggestions.didYouMean(kind, among: remoteKinds.keys), pointer / "source",
                     hint: "a path such as ./plugins/name, or {\"source\": \"github\", \"repo\": \"owner/repo\"}")
                continue
            }
            if entries[name] != nil {
                fail(.pluginMarketplaceDuplicate, "plugin '\(name)' is listed twice", pointer, hint: "remove or rename one entry")
                continue
            }
            entries[name] = Entry(name: name, source: source, location: document.location(of: pointer), sourceLocation: document.location(of: pointer / "source"))
        }
        return (OrgMarketplace(name: document.value["name"]?.stringValue, entries: entries, location: document.location(of: .root)), findings)
    }
}
