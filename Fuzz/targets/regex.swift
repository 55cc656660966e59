import Documents
import Schema

/// Fuzz target: the input (UTF-8, invalid bytes repaired) as a `pattern` and as a
/// `patternProperties` name, through the ECMA-262 translation into PCRE2; when it
/// compiles, it is matched against the input itself, the empty string and a few values
/// that end in a character the backtracking limit has to stop on.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let pattern = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    guard let schema = try? JSONSchema(compiling: ["pattern": .string(pattern),
                                                    "patternProperties": .object(JSONObject([(pattern, .bool(false))]))])
    else { return 0 }
    for value in [pattern, "", String(repeating: "a", count: 64) + "!", "😀\u{2028}\n\u{FEFF}x"] {
        _ = schema.validate(.string(value))
        _ = schema.validate(.object(JSONObject([(value, .null)])))
    }
    return 0
}
