import Foundation
import Documents
import Diagnostics
import ManagedPolicy
import OpenCowork

/// The org plugins of a Cowork on 3P target: every plugin of `plugins:` and the plugins
/// picked by name from `marketplace:`, each name located in distribution.yaml.
extension CheckStage {
    func checkPlugins(_ target: Manifest.Targets.Claude3P, manifest: Manifest, into result: inout CheckResult) -> OrgPluginSet? {
        guard target.plugins != nil || target.marketplace != nil else { return nil }
        var findings: [Finding] = []
        var set = OrgPluginSet(plugins: [])
        if let plugins = target.plugins {
            let loaded = OrgPluginSet.load(directory: manifest.url(plugins))
            findings += loaded.findings
            set = loaded.set
        }
        if let marketplace = target.marketplace {
            let base = JSONPointer.root / "targets" / "claude-3p" / "marketplace" / "plugins"
            let selections = target.marketplacePlugins.enumerated().map { index, name in
                PluginSelection(name: name, location: manifest.document.location(of: base / index))
            }
            let picked = OrgPluginSet.select(selections, from: manifest.url(marketplace))
            findings += picked.findings
            let merged = set.merging(picked.set, at: manifest.document.location(of: base))
            findings += merged.findings
            set = merged.set
        }
        result.findings += findings.map { relativized($0, root: manifest.directory, display: displayPath(manifest)) }
        return set
    }
}
