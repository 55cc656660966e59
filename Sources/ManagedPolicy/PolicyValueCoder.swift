import Foundation
import Documents

/// Converts between native policy values and the strings the OS preference stores hold:
/// booleans "true"/"false", integers in decimal, containers as one compact JSON string.
public enum PolicyValueCoder {
    /// The preference-store string for a native value.
    public static func encode(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.literal
        case .null: return ""
        case .array, .object: return JSONWriter.compact.string(value)
        }
    }

    /// The native value of a preference-store string for a key of `type`; nil when the
    /// string does not decode (the caller reports a type finding).
    public static func decode(_ text: String, as type: PolicyValueType) -> JSONValue? {
        switch type {
        case .string, .enum:
            return .string(text)
        case .boolean:
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "1": return .bool(true)
            case "false", "0": return .bool(false)
            default: return nil
            }
        case .integer:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let n = Int64(trimmed) else { return nil }
            return .number(JSONNumber(n))
        case .number:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let d = Double(trimmed), d.isFinite,
                  let document = try? JSONReader(recordsLocations: false).read(trimmed), document.value.numberValue != nil
            else { return nil }
            return document.value
        case .stringList, .objectList, .object:
            guard let document = try? JSONReader(recordsLocations: false).read(text) else { return nil }
            switch (type, document.value) {
            case (.object, .object), (.stringList, .array), (.objectList, .array):
                return document.value
            default:
                return nil
            }
        }
    }
}
