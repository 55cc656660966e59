import Foundation
import Documents
import Diagnostics

/// The order of the loading stages, in one place:
/// Manifest → Upstream → Layers → Merged (+ provenance) → placeholder check.
/// Each stage takes the previous stage's value and returns its own plus findings.
public enum Pipeline {
    /// Loads a distribution directory. `environment` supplies values for names in
    /// `env.resolve` and `resolveEnv`; the caller passes it (the library never reads the
    /// process environment). An archive upstream is unpacked into a private temporary
    /// directory: call `PipelineResult.removeTemporaryFiles()` when done. `displayPath` names the directory in positions (defaults
    /// to its path). A nil result means the input could not be read or is invalid;
    /// otherwise error findings may still be present (placeholders, directives).
    public static func load(directory: URL, displayPath: String? = nil, environment: [String: String] = [:],
                            resolveEnv: [String] = []) -> (PipelineResult?, [Finding]) {
        let display = displayPath ?? directory.path
        // 1. Manifest: distribution.yaml, strictly read.
        let (manifestValue, manifestFindings) = ManifestStage(displayDirectory: display).run(directory: directory)
        guard let manifest = manifestValue else { return (nil, manifestFindings) }
        let (result, findings) = load(manifest: manifest, displayPath: display, environment: environment, resolveEnv: resolveEnv)
        return (result, manifestFindings + findings)
    }

    /// Stages 2-4 for a manifest already read (stage 1).
    public static func load(manifest: Manifest, displayPath: String, environment: [String: String] = [:],
                            resolveEnv: [String] = []) -> (PipelineResult?, [Finding]) {
        // 2. Upstream: located and verified against its pin.
        let (upstreamValue, upstreamFindings) = UpstreamStage().run(manifest)
        var findings = upstreamFindings
        guard let upstream = upstreamValue else { return (nil, findings) }
        // 3. Layers: the upstream config, then the overlays in order.
        var sources = [LayerSource(name: "upstream", path: upstream.configPath, displayName: upstream.configDisplayName, root: upstream.root)]
        for (index, overlay) in manifest.overlays.enumerated() {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: manifest.url(overlay).path, isDirectory: &isDirectory) || isDirectory.boolValue {
                // Point at the manifest line that names the overlay, where the fix goes.
                let pointer = JSONPointer.root / "overlays" / index
                findings.append(Finding(.error, code: .overlayNotFound, message: "overlay '\(overlay)' is not a file in the distribution",
                                        location: manifest.document.location(of: pointer), pointer: pointer))
                continue
            }
            sources.append(LayerSource(name: overlay, path: manifest.url(overlay),
                                       displayName: PipelinePaths.join(displayPath, overlay), root: manifest.directory))
        }
        if findings.errorCount > 0 {
            upstream.removeTemporaryCopy()
            return (nil, findings)
        }
        let resolve = uniqued(manifest.resolveEnv + resolveEnv)
        let (result, rest) = layersOnward(LayerPlan(sources: sources, resolve: resolve, environment: environment))
        findings += rest
        guard var loaded = result else {
            upstream.removeTemporaryCopy()
            return (nil, findings)
        }
        loaded.manifest = manifest
        loaded.upstream = upstream
        return (loaded, findings)
    }

    /// The ad-hoc form: `base` plays the upstream config, then each overlay in order.
    /// Relative `{file:}` targets must stay inside each file's own directory.
    public static func load(base: String, overlays: [String], environment: [String: String] = [:],
                            resolveEnv: [String] = []) -> (PipelineResult?, [Finding]) {
        let sources = ([base] + overlays).enumerated().map { index, path in
            let url = URL(fileURLWithPath: path).standardizedFileURL
            return LayerSource(name: index == 0 ? "base" : path, path: url, displayName: path, root: url.deletingLastPathComponent())
        }
        return layersOnward(LayerPlan(sources: sources, resolve: uniqued(resolveEnv), environment: environment))
    }

    /// Stages 3 and 4 and the placeholder check.
    public static func layersOnward(_ plan: LayerPlan) -> (PipelineResult?, [Finding]) {
        let (layersValue, layerFindings) = LayerStage().run(plan)
        guard let layers = layersValue else { return (nil, layerFindings) }
        // 4. Merged: upstream's deepMerge plus list directives, with provenance.
        let (merged, mergeFindings) = MergeStage().run(layers)
        // Kept placeholders against the final allowlist; {file:} targets to ship.
        let (placeholders, placeholderFindings) = PlaceholderCheck().run(merged, layers: layers)
        let result = PipelineResult(manifest: nil, upstream: nil, layers: layers, merged: merged, placeholders: placeholders)
        return (result, layerFindings + mergeFindings + placeholderFindings)
    }

    private static func uniqued(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
