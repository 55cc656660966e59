import Documents

/// Calendar days as `YYYY-MM-DD` text, compared as strings. Pure arithmetic: the audit
/// never reads the clock to decide what is expired.
public enum CatalogDate {
    /// `YYYY-MM-DD` from an ISO-8601 date or date-time string, or from a number of
    /// seconds since 1970 (milliseconds when it is too large to be seconds).
    public static func day(from value: JSONValue) -> String? {
        switch value {
        case .string(let text): return isDay(String(text.prefix(10))) ? String(text.prefix(10)) : nil
        case .number(let number):
            guard var seconds = number.int64Value, seconds >= 0 else { return nil }
            if seconds > 100_000_000_000 { seconds /= 1000 }
            return day(fromEpochSeconds: seconds)
        default: return nil
        }
    }

    /// True for text shaped `YYYY-MM-DD` with a plausible month and day.
    public static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    /// Civil date of a Unix time (days-from-civil inverse, proleptic Gregorian).
    public static func day(fromEpochSeconds seconds: Int64) -> String {
        let z = seconds / 86_400 + 719_468
        let era = z / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func pad(_ n: Int64, _ width: Int) -> String {
            let text = String(n)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }
}
