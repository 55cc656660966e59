import OpenCowork

/// Fuzz target: image header sniffing (PNG, GIF, JPEG marker walk, WebP chunks).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = ImageInfo.sniff(fuzzBytes(data, size))
    return 0
}
