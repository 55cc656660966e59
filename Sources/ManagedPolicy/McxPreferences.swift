import Documents
import Diagnostics

/// Jamf's "Custom Settings" wrapper (and older Workgroup Manager exports): a payload of
/// type `com.apple.ManagedClient.preferences` whose PayloadContent maps the app's domain
/// to `Forced` (managed) and `Set-Once`/`Often` (user-changeable defaults) lists of
/// `{mcx_preference_settings: {...}}`. Only `Forced` values are managed preferences.
struct McxPreferences {
    static let payloadType = "com.apple.ManagedClient.preferences"
    /// The MCX levels that only seed defaults the user may change: not policy.
    static let unmanagedLevels = ["Set-Once", "Often"]

    let domain: String

    /// The domain's dictionary inside a wrapped payload, or nil when this payload does not
    /// configure the domain.
    func domainSettings(inPayload payload: [String: Any]) -> [String: Any]? {
        (payload["PayloadContent"] as? [String: Any])?[domain] as? [String: Any]
    }

    /// The managed settings of one domain dictionary, with findings for values that are
    /// not imported (unmanaged levels, a level that is not a list of settings).
    func unwrap(_ levels: [String: Any], location: SourceLocation) -> (settings: [String: Any], findings: [Finding]) {
        var settings: [String: Any] = [:]
        var findings: [Finding] = []
        for level in Self.unmanagedLevels {
            let names = Self.settingNames(levels[level])
            guard !names.isEmpty else { continue }
            findings.append(Finding(.warning, code: .policyMcxNotForced,
                                    message: "\(names.count) value(s) under \(level) (\(names.joined(separator: ", "))) are defaults the user can change, not managed preferences; not imported",
                                    location: location, hint: "put them under Forced"))
        }
        guard let forced = levels["Forced"] else {
            findings.append(Finding(.error, code: .policyMcxUnreadable, message: "the \(domain) settings have no Forced list: nothing is managed",
                                    location: location))
            return (settings, findings)
        }
        guard let list = forced as? [Any] else {
            findings.append(Finding(.error, code: .policyMcxUnreadable, message: "Forced is not an array of {mcx_preference_settings: ...}",
                                    location: location))
            return (settings, findings)
        }
        for item in list {
            guard let values = (item as? [String: Any])?["mcx_preference_settings"] as? [String: Any] else {
                findings.append(Finding(.error, code: .policyMcxUnreadable, message: "a Forced entry holds no mcx_preference_settings dictionary",
                                        location: location))
                continue
            }
            for (key, value) in values {
                if settings[key] != nil {
                    findings.append(Finding(.warning, code: .policyRegValueDropped, message: "\(key) is set in two Forced entries; the later one is read",
                                            location: location))
                }
                settings[key] = value
            }
        }
        return (settings, findings)
    }

    static func settingNames(_ level: Any?) -> [String] {
        ((level as? [Any]) ?? []).flatMap { (($0 as? [String: Any])?["mcx_preference_settings"] as? [String: Any])?.keys.sorted() ?? [] }
    }
}
