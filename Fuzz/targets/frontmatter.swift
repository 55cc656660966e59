import Documents

/// Fuzz target: Markdown front matter (SKILL.md, agents, commands).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = try? FrontMatter.parse(String(decoding: fuzzBytes(data, size), as: UTF8.self), file: "SKILL.md")
    return 0
}
