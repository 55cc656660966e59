import CArchive

/// Hands memory freed by a finished piece of work back to the system.
///
/// glibc keeps freed heap pages mapped for reuse; after an archive's entry lists are
/// freed, the next archive's lists (allocated on another thread, of other sizes) often
/// cannot reuse them, and the resident size climbs with every archive although the live
/// heap does not. `malloc_trim` returns every free page of every arena, so a build's
/// resident size follows what it holds. A no-op where there is no glibc.
public enum MemoryRelease {
    public static func now() {
        #if os(Linux)
        _ = malloc_trim(0)
        #endif
    }
}
