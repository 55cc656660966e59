import Documents
import Schema

/// Fuzz target: a schema (JSON before the first NUL) compiled, and the instance (JSON
/// after it) validated against it — numbers, patterns, uniqueItems, multipleOf, $ref.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let (schemaBytes, instanceBytes) = splitAtNUL(fuzzBytes(data, size))
    guard let schemaDocument = try? DocumentLoader().parse(bytes: schemaBytes, format: .json, file: "schema.json"),
          let schema = try? JSONSchema(compiling: schemaDocument.value) else { return 0 }
    let instance = (try? DocumentLoader().parse(bytes: instanceBytes, format: .json, file: "instance.json"))?.value
        ?? schemaDocument.value
    _ = schema.validate(instance)
    _ = schema.partial().validate(instance)
    return 0
}
