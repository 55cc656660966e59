import Foundation
import Documents

/// `multipleOf` decided in decimal arithmetic, so that 0.0075 is a multiple of 0.0001
/// (binary doubles say it is not).
enum MultipleOf {
    static func isMultiple(_ value: JSONNumber, of divisor: JSONNumber) -> Bool {
        if value.isIntegerLiteral, divisor.isIntegerLiteral, let v = Int64(value.literal), let d = Int64(divisor.literal), d != 0 {
            // Int64.min % -1 traps; the remainder by ±1 is always 0.
            if d == 1 || d == -1 { return true }
            return v % d == 0
        }
        if let v = value.decimalValue, let d = divisor.decimalValue, !d.isZero {
            // q = v / d rounded to a whole number; v is a multiple exactly when q × d == v.
            // Exact quotients survive the round trip; inexact ones cannot.
            var quotient = v / d
            var whole = Decimal()
            NSDecimalRound(&whole, &quotient, 0, .plain)
            return whole * d == v
        }
        // Out of Decimal's range (e.g. 1e308): fall back to binary, treating an
        // infinite quotient as "not a multiple" rather than failing.
        let q = value.doubleValue / divisor.doubleValue
        return q.isFinite && q == q.rounded()
    }
}
