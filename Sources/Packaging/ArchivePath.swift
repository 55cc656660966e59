/// Rules for the relative, `/`-separated paths stored in archives and artifact trees.
///
/// A valid path is not empty, not absolute, has no empty, `.` or `..` segments, no
/// backslash (a separator on Windows) and no control characters (C0, DEL, C1).
public enum ArchivePath {
    /// Throws `archive-path-invalid` naming `relative` when it breaks a rule.
    public static func validate(_ relative: String) throws(PackagingError) {
        if let reason = problem(in: relative) {
            throw PackagingError(.invalidPath, path: printable(relative), reason)
        }
    }

    /// Why `relative` is not a valid archive path, or nil when it is.
    public static func problem(in relative: String) -> String? {
        if relative.isEmpty { return "path is empty" }
        if relative.hasPrefix("/") { return "path is absolute" }
        for scalar in relative.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                return "path contains a control character"
            }
            if scalar == "\\" { return "path contains a backslash" }
        }
        if relative.utf8.count > 4096 { return "path is longer than 4096 bytes" }
        for segment in relative.split(separator: "/", omittingEmptySubsequences: false) {
            switch segment {
            case "": return "path has an empty segment"
            case ".": return "path has a '.' segment"
            case "..": return "path has a '..' segment"
            default: continue
            }
        }
        return nil
    }

    /// Groups of paths that differ only by letter case, each group sorted, groups sorted
    /// by their first member. Empty when there is no collision.
    public static func caseCollisions(_ paths: [String]) -> [[String]] {
        // First path per folded form; groups are only built for the (rare) clashes.
        var first: [String: String] = [:]
        var groups: [String: Set<String>] = [:]
        first.reserveCapacity(paths.count)
        for path in paths {
            let folded = foldCase(path)
            if let earlier = first[folded] {
                if earlier != path { groups[folded, default: [earlier]].insert(path) }
            } else {
                first[folded] = path
            }
        }
        return groups.values
            .map { $0.sorted(by: byteOrder) }
            .sorted { byteOrder($0[0], $1[0]) }
    }

    /// Byte-wise (UTF-8) ordering, independent of locale and Unicode normalization.
    public static func byteOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// The ancestors of `relative`, outermost first: `a/b/c` gives `a`, `a/b`.
    public static func ancestors(of relative: String) -> [String] {
        let segments = relative.split(separator: "/")
        guard segments.count > 1 else { return [] }
        return (1..<segments.count).map { segments[0..<$0].joined(separator: "/") }
    }

    /// Case folding used for collision checks; lowercasing is what case-insensitive
    /// file systems (APFS, NTFS) approximate.
    static func foldCase(_ path: String) -> String {
        // ASCII (nearly every path) folds byte by byte; anything else through Unicode.
        guard path.utf8.allSatisfy({ $0 < 0x80 }) else { return path.lowercased() }
        guard path.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return path }
        return String(decoding: path.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// `path` with control characters escaped so it can be shown in a message.
    static func printable(_ path: String) -> String {
        var out = ""
        for scalar in path.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
