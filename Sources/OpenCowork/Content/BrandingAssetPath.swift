import Foundation
import Packaging

/// The app's acceptance rules for a branding image path (SPEC §5), one failure each,
/// so the build can say exactly which rule a path breaks instead of the app silently
/// dropping the logo.
public enum BrandingAssetPath {
    public static let maxLength = 512
    public static let extensions = ["svg", "png", "jpg", "jpeg", "webp", "gif"]

    /// Why a configured path is refused, before touching the file system.
    public enum Problem: Error, Equatable, Sendable {
        case empty, tooLong, urlScheme, absolute, traversal, badExtension(String)
    }

    /// Normalises a configured path into one relative to the branding root (no leading
    /// `branding/`, `/` separators, no `.` segments), or says which rule it breaks.
    public static func normalise(_ raw: String) -> Result<String, Problem> {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return .failure(.empty) }
        if text.count > maxLength { return .failure(.tooLong) }
        if hasScheme(text) { return .failure(.urlScheme) }
        if text.hasPrefix("/") || text.hasPrefix("\\") { return .failure(.absolute) }
        var segments = text.split(whereSeparator: { $0 == "/" || $0 == "\\" }).map(String.init).filter { $0 != "." }
        if segments.contains("..") { return .failure(.traversal) }
        if segments.first == "branding" { segments.removeFirst() }
        guard let last = segments.last else { return .failure(.empty) }
        let ext = last.split(separator: ".", omittingEmptySubsequences: false).count > 1
            ? String(last.split(separator: ".", omittingEmptySubsequences: false).last ?? "").lowercased() : ""
        if !extensions.contains(ext) { return .failure(.badExtension(ext)) }
        return .success(segments.joined(separator: "/"))
    }

    /// `scheme:` at the start (RFC 3986 scheme syntax); also catches `C:` drive paths.
    static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon].unicodeScalars
        guard let first = scheme.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) else { return false }
        return scheme.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "+.-".unicodeScalars.contains($0) }
    }

    /// Where a normalised path resolves among the roots: the first root holding an entry
    /// by that name (even a dangling symlink) decides.
    public enum Resolution: Equatable, Sendable {
        case missing
        case escapesRoot(URL)
        case notRegularFile(URL)
        case file(URL)
    }

    public static func resolve(_ relative: String, roots: [URL]) -> Resolution {
        let fm = FileManager.default
        for root in roots {
            let candidate = root.appendingPathComponent(relative)
            // attributesOfItem does not follow the final symlink: a dangling link still
            // counts as "present here" and then fails the real-path rule.
            guard (try? fm.attributesOfItem(atPath: candidate.path)) != nil else { continue }
            guard let realFile = ContentTree.realPath(candidate), let realRoot = ContentTree.realPath(root),
                  realFile != realRoot, ContentTree.isInside(realFile, root: realRoot) else {
                return .escapesRoot(candidate)
            }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: realFile, isDirectory: &isDirectory), !isDirectory.boolValue,
                  (try? fm.attributesOfItem(atPath: realFile)[.type] as? FileAttributeType) == .typeRegular else {
                return .notRegularFile(candidate)
            }
            return .file(URL(fileURLWithPath: realFile))
        }
        return .missing
    }
}
