/// A finding code: the stable identifier a user looks up, waives and filters on.
///
/// Codes are not written as strings where findings are made. Each documented code is a
/// constant generated from docs/findings.md (`FindingCode+Catalogue.swift`, by
/// scripts/generate-finding-catalogue.py), so emitting a code that the catalogue does not
/// document does not compile. The one documented family, `schema-<keyword>`, has its own
/// constructor. The type lives in `Documents`, the lowest target, because document
/// readers report errors with codes too.
public struct FindingCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The code as printed (`branding-asset-missing`).
    public let rawValue: String

    /// Only the generated constants and the documented families construct codes.
    init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (a: FindingCode, b: FindingCode) -> Bool { a.rawValue < b.rawValue }

    /// `schema-<keyword>`: a value breaks a JSON Schema keyword (`schema-type`,
    /// `schema-additional-properties`, ...). `keyword` is given in kebab case.
    public static func schema(keyword: String) -> FindingCode { FindingCode("schema-" + keyword) }

    /// A code read back from a report or a waiver compares equal to the constant.
    public static func == (text: String, code: FindingCode) -> Bool { text == code.rawValue }
    public static func == (code: FindingCode, text: String) -> Bool { text == code.rawValue }
    public static func != (text: String, code: FindingCode) -> Bool { text != code.rawValue }
    public static func != (code: FindingCode, text: String) -> Bool { text != code.rawValue }
}

/// An optional code (a caught error's, say) compares with its printed form.
public func == (code: FindingCode?, text: String) -> Bool { code?.rawValue == text }
public func != (code: FindingCode?, text: String) -> Bool { code?.rawValue != text }
