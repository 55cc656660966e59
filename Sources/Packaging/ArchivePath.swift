import Foundation

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
        // Over UTF-8 bytes: every rule is about ASCII bytes, except C1 controls, which
        // are U+0080...U+009F, encoded C2 80...C2 9F.
        let utf8 = relative.utf8
        if utf8.isEmpty { return "path is empty" }
        if utf8.first == UInt8(ascii: "/") { return "path is absolute" }
        var previous: UInt8 = 0
        for byte in utf8 {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && (0x80...0x9F).contains(byte)) {
                return "path contains a control character"
            }
            if byte == UInt8(ascii: "\\") { return "path contains a backslash" }
            previous = byte
        }
        if utf8.count > 4096 { return "path is longer than 4096 bytes" }
        var segmentLength = 0, dots = 0
        func segmentProblem() -> String? {
            if segmentLength == 0 { return "path has an empty segment" }
            if segmentLength == 1, dots == 1 { return "path has a '.' segment" }
            if segmentLength == 2, dots == 2 { return "path has a '..' segment" }
            return nil
        }
        for byte in utf8 {
            guard byte == UInt8(ascii: "/") else {
                segmentLength += 1
                dots += byte == UInt8(ascii: ".") ? 1 : 0
                continue
            }
            if let problem = segmentProblem() { return problem }
            segmentLength = 0
            dots = 0
        }
        if let problem = segmentProblem() { return problem }
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
        // memcmp over the contiguous UTF-8 (a sort of 10,000 paths per archive spent
        // most of its time in the generic sequence comparison).
        var a = a, b = b
        return a.withUTF8 { left in
            b.withUTF8 { right in
                let common = min(left.count, right.count)
                if common > 0, let l = left.baseAddress, let r = right.baseAddress {
                    let order = memcmp(l, r, common)
                    if order != 0 { return order < 0 }
                }
                return left.count < right.count
            }
        }
    }

    /// Byte order of `prefix + path` against `other`, without joining them: negative,
    /// zero or positive.
    static func compare(prefix: String, _ path: String, _ other: String) -> Int {
        var prefix = prefix, path = path, other = other
        return prefix.withUTF8 { head in
            path.withUTF8 { tail in
                other.withUTF8 { right in
                    let inHead = min(head.count, right.count)
                    if inHead > 0, let h = head.baseAddress, let r = right.baseAddress {
                        let order = memcmp(h, r, inHead)
                        if order != 0 { return Int(order) }
                    }
                    if right.count <= head.count { return head.count + tail.count - right.count }
                    let rest = right.count - head.count
                    let inTail = min(tail.count, rest)
                    if inTail > 0, let t = tail.baseAddress, let r = right.baseAddress {
                        let order = memcmp(t, r + head.count, inTail)
                        if order != 0 { return Int(order) }
                    }
                    return tail.count - rest
                }
            }
        }
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
