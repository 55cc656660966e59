import OpenCowork

/// Fuzz target: the SVG safety inspector (XML parse, CSS decoding, reference checks).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = SVGInspector.inspect(fuzzBytes(data, size))
    return 0
}
