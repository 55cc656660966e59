#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// File-type bits of `st_mode` (and libarchive's `AE_IF*`), spelled out because the C
/// macros import ambiguously when both libc and libarchive headers are visible.
enum FileTypeBits {
    static let mask: mode_t = 0o170000
    static let regular: mode_t = 0o100000
    static let directory: mode_t = 0o040000
    static let symlink: mode_t = 0o120000
}
