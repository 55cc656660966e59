import Diagnostics
import Documents
import Packaging

/// Identity (SPEC §8): a renamed product that keeps upstream's bundle id or project
/// namespace shares app state with upstream installs; `dataDirName` becomes a path
/// segment on every platform and must be one.
public enum IdentityRules {
    public static let upstreamName = "Open Cowork"
    public static let upstreamAppId = "com.opencowork.desktop"
    public static let upstreamNamespace = "opencowork"

    public static func check(_ c: RulesContext) -> [Finding] {
        sharedState(c) + dataDirName(c)
    }

    static func sharedState(_ c: RulesContext) -> [Finding] {
        let upstream = c.upstreamConfig
        let baseName = upstream?["branding"]?["name"]?.stringValue ?? upstreamName
        let baseAppId = upstream?["branding"]?["appId"]?.stringValue ?? upstreamAppId
        let baseNamespace = upstream?["branding"]?["projectNamespace"]?.stringValue ?? upstreamNamespace
        guard let name = c.string("/branding/name"), name != baseName else { return [] }
        var out: [Finding] = []
        if c.string("/branding/appId") == baseAppId {
            out.append(c.finding(.warning, .identitySharedAppId,
                "branding.name is '\(name)' but branding.appId is still upstream's '\(baseAppId)'; both apps would share settings and single-instance locks",
                at: "/branding/appId", hint: "set a reverse-DNS id of your own, e.g. 'com.acme.cowork' (and APP_ID at package time)"))
        }
        if c.string("/branding/projectNamespace") == baseNamespace {
            out.append(c.finding(.warning, .identitySharedNamespace,
                "branding.name is '\(name)' but branding.projectNamespace is still upstream's '\(baseNamespace)'; project overlays would be shared",
                at: "/branding/projectNamespace", hint: "set a namespace of your own, e.g. '\(Rules.suggestNamespace(name))'"))
        }
        return out
    }

    static func dataDirName(_ c: RulesContext) -> [Finding] {
        guard let name = c.string(DataDirName.pointer) else { return [] }
        guard let reason = unsafeReason(name) else { return [] }
        return [c.finding(.error, .identityDataDir, "branding.dataDirName '\(name)' is not a safe directory name: \(reason)",
            at: DataDirName.pointer, hint: "use one segment of letters, digits, '.', '-' or '_', e.g. 'acme-cowork'")]
    }

    /// The install layout's own rule, so `check` and `build` never disagree.
    static func unsafeReason(_ name: String) -> String? { DataDirName.problem(with: name) }
}
