import Documents
import Diagnostics

/// Paths written for the wrong platform: a macOS or Linux path in a Windows export, a
/// Windows path in a macOS or Linux one. The app would look for a file that cannot exist
/// there; usually the value should differ by platform (`$platform`, docs/policy.md).
struct PlatformPathCheck {
    /// Prefixes of absolute paths only macOS or Linux use (a bare `/` alone is not enough:
    /// URL paths and patterns start with it too). `~/` is not one: the app expands a
    /// leading `~` on every platform.
    static let posixPrefixes = ["/Users/", "/Library/", "/Applications/", "/Volumes/", "/System/", "/usr/", "/opt/", "/etc/",
                                "/home/", "/var/", "/tmp/", "/private/", "/bin/", "/sbin/", "/srv/", "/mnt/"]

    static func looksPosix(_ text: String) -> Bool {
        posixPrefixes.contains { text.hasPrefix($0) }
    }

    /// `C:\...`, `C:/...`, `\\server\share`, `%VAR%\...`.
    static func looksWindows(_ text: String) -> Bool {
        let head = Array(text.prefix(3))
        if head.count == 3, head[0].isASCII, head[0].isLetter, head[1] == ":", head[2] == "\\" || head[2] == "/" { return true }
        if text.hasPrefix("\\\\") { return true }
        // %VAR% is Windows' syntax, except the XDG name the app also expands (Linux).
        if text.hasPrefix("%"), !text.hasPrefix("%XDG_"), let end = text.dropFirst().firstIndex(of: "%") {
            let rest = text[text.index(after: end)...]
            return rest.isEmpty || rest.hasPrefix("\\")
        }
        return false
    }

    /// Every string in a value with its position.
    static func strings(_ value: JSONValue, at pointer: JSONPointer, _ visit: (JSONPointer, String) -> Void) {
        switch value {
        case .string(let text): visit(pointer, text)
        case .array(let items): for (i, item) in items.enumerated() { strings(item, at: pointer / i, visit) }
        case .object(let object): for (name, item) in object.members { strings(item, at: pointer / name, visit) }
        default: break
        }
    }

    func check(_ policy: ManagedPolicy, format: PolicyExportFormat) -> [Finding] {
        guard let platform = format.platform, !format.isSchemaOnly else { return [] }
        var findings: [Finding] = []
        for entry in policy.entries {
            Self.strings(entry.value, at: .root) { sub, text in
                let wrong: String?
                switch platform {
                case .windows: wrong = Self.looksPosix(text) ? "a macOS/Linux path" : nil
                case .macos, .linux: wrong = Self.looksWindows(text) ? "a Windows path" : nil
                }
                guard let wrong else { return }
                findings.append(Finding(.warning, code: .policyPlatformPath,
                                        message: "\(entry.key) holds \(wrong) (\(text)) in a \(platform.displayName) export (\(format.rawValue))",
                                        location: policy.location(of: entry, at: sub), pointer: JSONPointer(tokens: [entry.key] + sub.tokens),
                                        hint: "give the key a value per platform: \(entry.key): {$platform: {macos: ..., windows: ...}}"))
            }
        }
        return findings
    }
}

extension PolicyPlatform {
    var displayName: String {
        switch self {
        case .macos: return "macOS"
        case .windows: return "Windows"
        case .linux: return "Linux"
        }
    }
}
