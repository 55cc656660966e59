#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Runs `body` with a UTF-8 `LC_CTYPE` on the current thread only.
///
/// libarchive converts names through the current locale's character set; under the
/// default "C" locale a non-ASCII name fails to convert (and the pax writer then
/// dereferences a NULL name). `uselocale` is per thread, so this changes nothing for the
/// rest of the process.
enum UTF8Locale {
    static func run<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        var locale: locale_t?
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8", "UTF-8"] {
            locale = newlocale(LC_CTYPE_MASK, name, nil)
            if locale != nil { break }
        }
        guard let locale else { return try body() }
        let previous = uselocale(locale)
        defer {
            uselocale(previous)
            freelocale(locale)
        }
        return try body()
    }
}
