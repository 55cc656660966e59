import Documents
import Diagnostics
import Packaging

/// The vendor's rules for `/etc/claude-desktop/managed-settings.json`, checked on an
/// archive as it will be extracted: a regular file (not a symlink), owned by root, not
/// group- or world-writable, and any directory entry on its path the same. If they fail
/// on a device, none of the file applies and local settings are disabled too.
public struct LinuxManagedFileCheck: Sendable {
    /// The file's path inside an archive extracted at `/`.
    public static let path = "etc/claude-desktop/managed-settings.json"

    public init() {}

    /// Findings for the entry and its directories in `listing`; `archive` names the file.
    public func check(_ listing: ArchiveListing, archive: String) -> [Finding] {
        let location = SourceLocation(file: archive, line: 1, column: 1)
        guard let entry = listing[Self.path] else {
            return [Finding(.error, code: .policyLinuxFile, message: "the archive holds no \(Self.path)", location: location)]
        }
        var findings: [Finding] = []
        func problem(_ path: String, _ text: String) {
            findings.append(Finding(.error, code: .policyLinuxFile, message: "\(path) \(text); the app then ignores the file and disables local settings",
                                    location: location, hint: "root:root, mode 0644 (directories 0755)"))
        }
        if entry.kind != .file { problem(Self.path, "is not a regular file") }
        var parents: [String] = []
        var prefix = ""
        for part in Self.path.split(separator: "/").dropLast() {
            prefix += prefix.isEmpty ? String(part) : "/\(part)"
            parents.append(prefix)
        }
        for (path, item) in [(Self.path, entry)] + parents.compactMap({ p in listing[p].map { (p, $0) } }) {
            if path != Self.path && item.kind != .directory { problem(path, "is not a directory") }
            if item.uid != 0 || item.gid != 0 { problem(path, "is owned by \(item.uid):\(item.gid), not root") }
            if item.permissions & 0o022 != 0 { problem(path, "is group- or world-writable (mode \(String(item.permissions, radix: 8)))") }
        }
        return findings
    }
}
