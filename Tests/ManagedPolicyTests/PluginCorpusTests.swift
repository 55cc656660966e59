import Foundation
import Testing
import Diagnostics
import TestSupport
@testable import ManagedPolicy

/// Anthropic's knowledge-work-plugins (../shared/corpus, Apache-2.0): every real plugin
/// directory is accepted with no error, every directory that is not a plugin is rejected
/// with a reason, and the marketplace resolves every entry it lists. The figures are
/// computed from the files and printed; the floors below are what the corpus held when
/// this test was written, so a regression that drops plugins cannot pass silently.
@Suite(.enabled(if: SharedData.isUsable, "../shared is absent: the plugin corpus test needs ../shared/corpus/knowledge-work-plugins"))
struct PluginCorpusTests {
    static let corpus = SharedData.path("corpus/knowledge-work-plugins")

    /// Directories to judge: each top-level directory (hidden ones too), and the
    /// directories inside a top-level directory that is a folder of plugins.
    static func candidates() throws -> [URL] {
        let manager = FileManager.default
        func directories(in url: URL) throws -> [URL] {
            try manager.contentsOfDirectory(atPath: url.path).sorted().map { url.appendingPathComponent($0) }.filter {
                var isDirectory: ObjCBool = false
                return manager.fileExists(atPath: $0.path, isDirectory: &isDirectory) && isDirectory.boolValue
            }
        }
        var result: [URL] = []
        for top in try directories(in: corpus) {
            result.append(top)
            let children = try directories(in: top)
            if !isPluginByTheFiles(top), children.contains(where: isPluginByTheFiles) { result += children }
        }
        return result
    }

    /// The app's own test for a plugin directory, computed here from the files alone.
    static func isPluginByTheFiles(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(".claude-plugin/plugin.json").path)
            || FileManager.default.fileExists(atPath: url.appendingPathComponent("SKILL.md").path)
    }

    static func relative(_ url: URL) -> String { String(url.path.dropFirst(corpus.path.count + 1)) }

    @Test func everyPluginDirectoryIsAcceptedAndEveryOtherOneRejectedWithAReason() throws {
        var accepted: [String] = []
        var rejected: [(String, String)] = []
        var warnings: [String: Int] = [:]
        for directory in try Self.candidates() {
            let name = Self.relative(directory)
            let (plugin, findings) = OrgPluginValidator().validate(directory: directory)
            for finding in findings where finding.severity == .warning { warnings[finding.code, default: 0] += 1 }
            let errors = findings.filter { $0.severity == .error }
            if let plugin {
                #expect(errors.isEmpty, "\(name): \(errors)")
                #expect(!plugin.files.isEmpty)
                accepted.append(name)
            } else {
                let reason = errors.map { "\($0.code): \($0.message)" + ($0.hint.map { " — \($0)" } ?? "") }.joined(separator: "; ")
                #expect(!reason.isEmpty, "\(name) rejected without a reason")
                rejected.append((name, reason))
            }
            #expect((plugin != nil) == Self.isPluginByTheFiles(directory),
                    "\(name): accepted must mean it is a plugin directory: \(errors.map(\.message))")
        }
        // Only directories that are not plugins are rejected, each for that reason.
        for (name, reason) in rejected { #expect(reason.hasPrefix("plugin-manifest-missing"), "\(name): \(reason)") }
        #expect(accepted.count >= 22, "accepted \(accepted.count): \(accepted)")
        #expect(rejected.count >= 1)
        print("knowledge-work-plugins: \(accepted.count) accepted, \(rejected.count) rejected")
        print("  accepted: \(accepted.joined(separator: ", "))")
        for (name, reason) in rejected { print("  rejected \(name): \(reason)") }
        print("  warnings: " + warnings.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))
    }

    @Test func theMarketplaceResolvesEveryEntryItLists() throws {
        let (marketplace, findings) = OrgMarketplace.load(directory: Self.corpus)
        #expect(findings.isEmpty, "\(findings)")
        let catalog = try #require(marketplace)
        // Every entry of the file is resolved: count them independently.
        let raw = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.corpus.appendingPathComponent(".claude-plugin/marketplace.json")))
        let listed = ((raw as? [String: Any])?["plugins"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
        #expect(Set(listed) == Set(catalog.entries.keys))
        #expect(listed.count >= 90, "the marketplace listed 90+ plugins when this test was written")
        var local: [String] = []
        var remote: [String: Int] = [:]
        for entry in catalog.entries.values {
            switch entry.source {
            case .local(let directory):
                #expect(Self.isPluginByTheFiles(directory), "\(entry.name) points at \(directory.path)")
                local.append(entry.name)
            case .remote(let kind, let reference):
                #expect(reference.hasPrefix("https://"), "\(entry.name): \(reference)")
                remote[kind, default: 0] += 1
            }
        }
        #expect(local.count >= 22)
        // Every plugin inside the marketplace ships when selected by its marketplace name.
        let (set, selectFindings) = OrgPluginSet.select(local.sorted(), from: Self.corpus)
        #expect(selectFindings.filter { $0.severity == .error }.isEmpty, "\(selectFindings.filter { $0.severity == .error })")
        #expect(set.plugins.map(\.name) == local.sorted())
        #expect(!selectFindings.contains { $0.code == "plugin-name-mismatch" }, "marketplace names match plugin.json names")
        // A remote entry cannot ship from the directory, and says why.
        let remoteName = try #require(catalog.entries.values.first { if case .remote = $0.source { return true } else { return false } }?.name)
        let (_, remoteFindings) = OrgPluginSet.select([remoteName], from: Self.corpus)
        #expect(remoteFindings.map(\.code) == ["plugin-marketplace-remote"])
        print("knowledge-work-plugins marketplace: \(listed.count) entries resolved — \(local.count) in the directory (all accepted), "
              + remote.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
    }
}
