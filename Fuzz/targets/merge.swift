import Documents
import Foundation
import OpenCowork

/// Fuzz target: layers and merge directives ($append, $prepend, $upsert, $remove,
/// $delete), placeholders and provenance — a JSONC base before the first NUL and a YAML
/// overlay after it, through the same stages `render` runs.
let directory: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cowork-dist-fuzz-merge-\(getpid())")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let (base, overlay) = splitAtNUL(fuzzBytes(data, size))
    let baseURL = directory.appendingPathComponent("base.jsonc"), overlayURL = directory.appendingPathComponent("overlay.yaml")
    guard FileManager.default.createFile(atPath: baseURL.path, contents: Data(base)),
          FileManager.default.createFile(atPath: overlayURL.path, contents: Data(overlay)) else { return 0 }
    let sources = [LayerSource(name: "base", path: baseURL, displayName: "base.jsonc", root: directory),
                   LayerSource(name: "overlay", path: overlayURL, displayName: "overlay.yaml", root: directory)]
    _ = Pipeline.layersOnward(LayerPlan(sources: sources))
    return 0
}
