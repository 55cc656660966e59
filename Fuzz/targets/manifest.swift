import Documents
import Foundation
import OpenCowork

/// Fuzz target: distribution.yaml — the YAML reader, then the strict manifest reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let document = try? DocumentLoader().parse(bytes: fuzzBytes(data, size), format: .yaml, file: "distribution.yaml")
    else { return 0 }
    _ = ManifestStage().read(document, directory: URL(fileURLWithPath: "/nonexistent-fuzz-distribution"))
    return 0
}
