import Foundation

/// A JSON number kept as its literal text (always valid RFC 8259 number syntax), so that
/// integers stay integers, fractions keep their digits, and writing it back is exact.
/// Comparison is by mathematical value: `1`, `1.0` and `1e0` are equal.
public struct JSONNumber: Hashable, Sendable, CustomStringConvertible {
    /// The number in JSON syntax, e.g. `-12`, `0.5`, `1e+400`.
    public let literal: String

    /// Wraps a literal that the caller guarantees is valid JSON number syntax.
    public init(literal: String) { self.literal = literal }

    public init(_ value: Int) { literal = String(value) }
    public init(_ value: Int64) { literal = String(value) }

    /// A Double written in the shortest form that reads back to it; whole values that fit
    /// are written without a fraction, as JavaScript does.
    public init(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            literal = String(Int64(value))
        } else {
            literal = "\(value)"
        }
    }

    public var description: String { literal }

    /// True when the literal has no fraction or exponent (`3`, `-0`).
    public var isIntegerLiteral: Bool {
        !literal.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") })
    }

    /// True when the value is mathematically whole (`3`, `3.0`, `3e2`), as JSON Schema's
    /// "integer" type requires.
    public var isWhole: Bool {
        if isIntegerLiteral { return true }
        // Exact on the text: with digits D (integer and fraction parts joined) and scale
        // exponent - fractionDigits, the value is whole when the last -scale digits are 0.
        // The exponent comes from the input and can have any number of digits: it is read
        // saturating at ±1e15 (far beyond any digit count a file can hold), so no
        // arithmetic below can overflow.
        var mantissa = Substring(literal)
        var exponent = 0
        if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let parsed = JSONNumber.saturatingExponent(mantissa[mantissa.index(after: e)...]) else { return false }
            exponent = parsed
            mantissa = mantissa[..<e]
        }
        if mantissa.hasPrefix("-") { mantissa = mantissa.dropFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? parts[1] : ""
        let digits = parts[0] + fraction
        let scale = exponent - fraction.count
        if scale >= 0 || digits.allSatisfy({ $0 == "0" }) { return true }
        return digits.suffix(min(-scale, digits.count)).allSatisfy { $0 == "0" }
    }

    static let exponentBound = 1_000_000_000_000_000

    /// An exponent's value (`+12`, `-3`, `400`), clamped to ±`exponentBound`; nil when it
    /// is not a signed run of digits.
    static func saturatingExponent(_ text: Substring) -> Int? {
        var rest = text
        var negative = false
        if let sign = rest.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty else { return nil }
        var value = 0
        for c in rest.utf8 {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            if value < exponentBound { value = value * 10 + Int(c - UInt8(ascii: "0")) }
        }
        value = min(value, exponentBound)
        return negative ? -value : value
    }

    /// True when the value is not zero: some digit before the exponent is not 0 (exact,
    /// whatever the exponent, unlike a comparison of doubles that underflow to 0).
    public var hasNonZeroDigit: Bool {
        literal.prefix { $0 != "e" && $0 != "E" }.contains { $0 >= "1" && $0 <= "9" }
    }

    public var int64Value: Int64? {
        if isIntegerLiteral { return Int64(literal) }
        let d = doubleValue
        if d.isFinite, d == d.rounded(), abs(d) <= 9.007_199_254_740_992e15 { return Int64(d) }
        return nil
    }

    public var intValue: Int? { int64Value.flatMap { Int(exactly: $0) } }

    public var doubleValue: Double { Double(literal) ?? .nan }

    /// Exact decimal value when Foundation's Decimal can hold it.
    public var decimalValue: Decimal? {
        guard let d = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")), !d.isNaN else { return nil }
        return d
    }

    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.literal == rhs.literal { return true }
        if lhs.isIntegerLiteral, rhs.isIntegerLiteral, let a = Int64(lhs.literal), let b = Int64(rhs.literal) {
            return a == b
        }
        return lhs.doubleValue == rhs.doubleValue
    }

    public func hash(into hasher: inout Hasher) {
        let d = doubleValue
        hasher.combine(d == 0 ? 0 : d)  // -0 and 0 are equal
    }
}

extension JSONNumber: Comparable {
    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.isIntegerLiteral, rhs.isIntegerLiteral, let a = Int64(lhs.literal), let b = Int64(rhs.literal) {
            return a < b
        }
        return lhs.doubleValue < rhs.doubleValue
    }
}
