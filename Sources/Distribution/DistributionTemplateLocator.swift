import Foundation

/// Chooses where `init` reads its templates. They are compiled into the binary, so an
/// installed copy needs no template directory; `$COWORK_DIST_TEMPLATES` may name a
/// `templates` directory (holding `init/` and `upstream-base/`) to use a house variant.
public enum DistributionTemplateLocator {
    /// The environment variable naming a templates directory explicitly.
    public static let environmentVariable = "COWORK_DIST_TEMPLATES"

    /// The embedded templates, or the directory `$COWORK_DIST_TEMPLATES` names. A wrong
    /// override is an error, never silently replaced by the embedded copy: falling back
    /// would hide the mistake.
    public static func locate(environment: [String: String]) throws -> TemplateSource {
        guard let explicit = environment[environmentVariable], !explicit.isEmpty else { return .embedded }
        let url = URL(fileURLWithPath: explicit).standardizedFileURL
        guard isTemplatesDirectory(url) else { throw DistributionTemplateError.templatesNotFound(searched: [url.path]) }
        return .directory(url)
    }

    static func isTemplatesDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("init/manifest").path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }
}
