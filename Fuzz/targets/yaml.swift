import Documents

/// Fuzz target: the yaml reader, then the canonical writer on whatever it accepted.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    if let document = try? DocumentLoader().parse(bytes: fuzzBytes(data, size), format: .yaml, file: "fuzz.yaml") {
        _ = JSONWriter().string(document.value)
    }
    return 0
}
