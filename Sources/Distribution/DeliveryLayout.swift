import Foundation
import OpenCowork
import Packaging

/// Where each runtime delivery channel puts its files on each platform, and what makes a
/// stock app find them. A table: adding a platform or channel is a row, not code.
///
/// Paths are relative to the file-system root (`etc/acme/config.json`): install archives
/// are unpacked at `/` (`C:\` on Windows). No archive holds a directory entry outside
/// the directory it owns, so unpacking never rewrites the mode or time of `/etc`,
/// `/Library` or `C:\ProgramData`.
public struct DeliveryLayout: Sendable, Hashable {
    public var platform: Platform
    /// The managed system config of a data directory (SPEC §1 layer 6), `{D}` substituted.
    public var managedConfigTemplate: String
    /// The directory a downstream root is installed into, `{D}` substituted.
    public var downstreamRootTemplate: String
    /// How the installed absolute path is written (`/` or `C:\`), and the separator.
    public var systemRoot: String
    public var separator: String
    /// Files that set `OPEN_COWORK_DOWNSTREAM_ROOT` machine-wide, `{D}` substituted.
    public var environmentCarrierTemplates: [String]

    public static let all: [DeliveryLayout] = [
        DeliveryLayout(platform: .macos,
                       managedConfigTemplate: "Library/Application Support/{D}/config.json",
                       downstreamRootTemplate: "Library/Application Support/{D}/downstream-root/",
                       systemRoot: "/", separator: "/",
                       environmentCarrierTemplates: ["Library/LaunchAgents/{D}.downstream-root.plist"]),
        DeliveryLayout(platform: .windows,
                       managedConfigTemplate: "ProgramData/{D}/config.json",
                       downstreamRootTemplate: "ProgramData/{D}/downstream-root/",
                       systemRoot: "C:\\", separator: "\\",
                       environmentCarrierTemplates: ["ProgramData/{D}/downstream-root/set-environment.reg"]),
        DeliveryLayout(platform: .linux,
                       managedConfigTemplate: "etc/{D}/config.json",
                       downstreamRootTemplate: "opt/{D}/downstream-root/",
                       systemRoot: "/", separator: "/",
                       environmentCarrierTemplates: ["etc/environment.d/90-{D}-downstream-root.conf",
                                                     "etc/profile.d/{D}-downstream-root.sh"]),
    ]

    public static func layout(for platform: Platform) -> DeliveryLayout {
        all.first { $0.platform == platform } ?? all[0]
    }

    /// The environment variable a downstream root is found by.
    public static let downstreamRootVariable = "OPEN_COWORK_DOWNSTREAM_ROOT"

    public func managedConfigPath(dataDirName: String) -> String {
        managedConfigTemplate.replacingOccurrences(of: "{D}", with: dataDirName)
    }

    public func downstreamRootPath(dataDirName: String) -> String {
        downstreamRootTemplate.replacingOccurrences(of: "{D}", with: dataDirName)
    }

    public func environmentCarriers(dataDirName: String) -> [String] {
        environmentCarrierTemplates.map { $0.replacingOccurrences(of: "{D}", with: dataDirName) }
    }

    /// A staged relative path as written on a real machine: `C:\ProgramData\acme\downstream-root`.
    public func installedPath(_ relative: String) -> String {
        var path = relative
        while path.hasSuffix("/") { path.removeLast() }
        return systemRoot + path.replacingOccurrences(of: "/", with: separator)
    }
}

/// The files that point a stock app at a downstream root, one format per platform.
enum EnvironmentCarrier {
    /// The file at `path` (one of the layout's carriers) setting `variable` to `value`.
    static func file(at path: String, platform: Platform, label: String, variable: String, value: String) -> [UInt8] {
        switch platform {
        case .macos:
            // A launch agent that runs `launchctl setenv` at every login, so apps started
            // from the Dock or Finder inherit the variable.
            let plist: [String: Any] = [
                "Label": label,
                "ProgramArguments": ["/bin/launchctl", "setenv", variable, value],
                "RunAtLoad": true,
            ]
            let data = (try? PropertyListSerialization.data(fromPropertyList: plist, format: .xml, options: 0)) ?? Data()
            return Array(data)
        case .windows:
            // Machine environment; .reg files are UTF-16LE with a byte-order mark and CRLF.
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            let text = "Windows Registry Editor Version 5.00\r\n\r\n"
                + "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment]\r\n"
                + "\"\(variable)\"=\"\(escaped)\"\r\n"
            var bytes: [UInt8] = [0xFF, 0xFE]
            for unit in text.utf16 { bytes.append(UInt8(unit & 0xFF)); bytes.append(UInt8(unit >> 8)) }
            return bytes
        case .linux:
            if path.hasSuffix(".sh") {
                return Array("# Points Open Cowork at its downstream root (login shells and X sessions).\nexport \(variable)='\(value)'\n".utf8)
            }
            return Array("# Points Open Cowork at its downstream root (systemd user sessions).\n\(variable)=\(value)\n".utf8)
        }
    }
}
