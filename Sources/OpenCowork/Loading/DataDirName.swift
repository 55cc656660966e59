import Documents
import Packaging

/// `branding.dataDirName`: the directory the app keeps its data and managed config under
/// on every platform. The one place that knows where the name sits in a config and what
/// makes it usable (the rule is `InstallLayout`'s, so `check` and `build` never disagree).
public enum DataDirName {
    public static let pointer: JSONPointer = "/branding/dataDirName"

    /// The name a config sets, usable or not; nil when unset or not a string.
    public static func value(in config: JSONValue) -> String? { config[pointer]?.stringValue }

    /// Why `name` cannot be a data directory on macOS, Windows and Linux, or nil.
    public static func problem(with name: String) -> String? { InstallLayout.problem(withDataDirName: name) }

    /// The name a config sets when it is usable as a directory; nil otherwise.
    public static func usable(in config: JSONValue) -> String? {
        value(in: config).flatMap { problem(with: $0) == nil ? $0 : nil }
    }
}
