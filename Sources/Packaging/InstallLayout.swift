/// Where a distribution's data directory goes on each platform, as data.
///
/// Staged trees hold the path relative to the file-system root (`etc/acme/`); the
/// README placed beside them says where that is on a real machine and what to set
/// `OPEN_COWORK_DOWNSTREAM_ROOT` to.
public struct InstallLayout: Sendable, Hashable {
    public var platform: Platform
    /// Relative location with `{dataDirName}` to substitute, ending in `/`.
    public var relativeTemplate: String
    /// How the staging root is written on a real machine (`/`, `C:\`).
    public var systemRoot: String
    /// The platform's path separator, for the absolute form shown to people.
    public var separator: String
    /// How an administrator sets a machine-wide environment variable there.
    public var environmentHint: String

    /// The table. Adding a platform means adding a row, not code.
    public static let all: [InstallLayout] = [
        InstallLayout(platform: .macos, relativeTemplate: "Library/Application Support/{dataDirName}/",
                      systemRoot: "/", separator: "/",
                      environmentHint: "set it for the app, e.g. with `launchctl setenv` or an MDM-managed launch agent"),
        InstallLayout(platform: .windows, relativeTemplate: "ProgramData/{dataDirName}/",
                      systemRoot: "C:\\", separator: "\\",
                      environmentHint: "set it machine-wide, e.g. `setx /M` or a Group Policy environment item"),
        InstallLayout(platform: .linux, relativeTemplate: "etc/{dataDirName}/",
                      systemRoot: "/", separator: "/",
                      environmentHint: "set it system-wide, e.g. in /etc/environment or the service unit"),
    ]

    public static func layout(for platform: Platform) -> InstallLayout {
        all.first { $0.platform == platform } ?? all[0]
    }

    /// The staged prefix for `dataDirName`, e.g. `etc/acme-cowork/`.
    public static func prefix(platform: Platform, dataDirName: String) throws(PackagingError) -> String {
        try validate(dataDirName: dataDirName)
        return layout(for: platform).relativeTemplate.replacingOccurrences(of: "{dataDirName}", with: dataDirName)
    }

    /// The absolute installed location, e.g. `C:\ProgramData\acme-cowork`.
    public static func installedPath(platform: Platform, dataDirName: String) throws(PackagingError) -> String {
        let layout = layout(for: platform)
        let relative = try prefix(platform: platform, dataDirName: dataDirName).dropLast()
        return layout.systemRoot + relative.replacingOccurrences(of: "/", with: layout.separator)
    }

    /// README text for a staged tree: where it goes and what to set.
    public static func readme(platform: Platform, dataDirName: String) throws(PackagingError) -> String {
        let prefix = try prefix(platform: platform, dataDirName: dataDirName)
        let installed = try installedPath(platform: platform, dataDirName: dataDirName)
        return """
        Install layout for \(platform.rawValue)

        This tree is staged relative to the system root. Install the contents of
          \(prefix)
        at
          \(installed)
        then set
          OPEN_COWORK_DOWNSTREAM_ROOT=\(installed)
        (\(layout(for: platform).environmentHint)).

        """
    }

    /// A data directory name must be one safe path segment on every platform.
    public static func validate(dataDirName name: String) throws(PackagingError) {
        if let problem = problem(withDataDirName: name) {
            throw PackagingError(.invalidArgument, path: "dataDirName",
                                 "'\(ArchivePath.printable(name))' is not a safe directory name: \(problem)")
        }
    }

    /// Why `name` cannot be a data directory (one path segment on macOS, Windows and
    /// Linux), or nil when it can. The one rule for both `check` and the install trees.
    public static func problem(withDataDirName name: String) -> String? {
        if name.isEmpty { return "it is empty" }
        if name == "." || name == ".." { return "it names the current or parent directory" }
        if name.contains("/") || name.contains("\\") { return "it contains a path separator" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            return "it contains control characters"
        }
        if name.contains(where: { ":*?\"<>|".contains($0) }) { return "it contains a character Windows forbids (:*?\"<>|)" }
        if name.hasPrefix(".") { return "it starts with '.', which hides it" }
        if name.hasSuffix(".") || name.hasSuffix(" ") || name.hasPrefix(" ") { return "it starts or ends with a space or dot" }
        if name.utf8.count > 255 { return "it is longer than 255 bytes" }
        let stem = name.split(separator: ".").first.map { $0.lowercased() } ?? ""
        if windowsReservedNames.contains(stem) { return "'\(stem)' is a reserved device name on Windows" }
        return nil
    }

    /// Device names Windows reserves whatever the extension.
    static let windowsReservedNames: Set<String> = {
        var names: Set<String> = ["con", "prn", "aux", "nul"]
        for i in 1...9 { names.insert("com\(i)"); names.insert("lpt\(i)") }
        return names
    }()
}
