import ManagedPolicy

/// Fuzz target: the 3P policy importer on any bytes — XML and binary plists, `.reg`
/// (UTF-16 and UTF-8), JSON/YAML — chosen by sniffing, as `policy import` does; the
/// first byte picks the file name the importer falls back to.
nonisolated(unsafe) let registry = try? PolicyWorkflow.bundled().registry
let names = ["fuzz.mobileconfig", "fuzz.reg", "fuzz.json", "fuzz.yaml"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let registry, size > 0 else { return 0 }
    let bytes = fuzzBytes(data, size)
    let name = names[Int(bytes[0]) % names.count]
    _ = PolicyImporter(registry: registry).parse(bytes: Array(bytes.dropFirst()), file: name)
    return 0
}
