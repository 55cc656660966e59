import Foundation

/// Finds the `templates` directory `init` reads at run time. Package resources would tie
/// the templates to the build; reading them from disk keeps them data users can edit and
/// lets one lookup serve a checkout, an installation and an override.
public enum DistributionTemplateLocator {
    /// The environment variable naming a templates directory explicitly.
    public static let environmentVariable = "COWORK_DIST_TEMPLATES"

    /// The candidates, in order: `$COWORK_DIST_TEMPLATES`; `<bin>/../share/cowork-dist/templates`
    /// (what `make install` lays down); then each directory from the executable's upward
    /// that holds `templates/init` (a checkout's `.build/debug/cowork-dist`).
    public static func candidates(environment: [String: String], executable: URL?) -> [URL] {
        var out: [URL] = []
        if let explicit = environment[environmentVariable], !explicit.isEmpty {
            out.append(URL(fileURLWithPath: explicit).standardizedFileURL)
        }
        if let executable {
            let bin = executable.resolvingSymlinksInPath().deletingLastPathComponent()
            out.append(bin.deletingLastPathComponent().appendingPathComponent("share/cowork-dist/templates").standardizedFileURL)
            var directory = bin
            while true {
                out.append(directory.appendingPathComponent("templates").standardizedFileURL)
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path || directory.path == "/" { break }
                directory = parent
            }
        }
        return out
    }

    /// The first candidate holding `init/`, or an error listing every place searched.
    /// An explicit `$COWORK_DIST_TEMPLATES` is the only candidate: silently falling back
    /// from a wrong override would hide the mistake.
    public static func locate(environment: [String: String], executable: URL?) throws -> URL {
        var candidates = candidates(environment: environment, executable: executable)
        if let explicit = environment[environmentVariable], !explicit.isEmpty { candidates = Array(candidates.prefix(1)) }
        for candidate in candidates where isTemplatesDirectory(candidate) { return candidate }
        throw DistributionTemplateError.templatesNotFound(searched: candidates.map(\.path))
    }

    static func isTemplatesDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("init/manifest").path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }
}
