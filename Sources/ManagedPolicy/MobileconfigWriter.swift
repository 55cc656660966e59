import Foundation
import Documents

/// Writes a configuration profile: an outer `Configuration` payload holding one payload
/// of the app's PayloadType, whose policy values are all strings.
struct MobileconfigWriter {
    let payloadType: String

    func data(_ policy: ManagedPolicy, options: PolicyExportOptions) throws(PolicyExportError) -> [UInt8] {
        let identifier = options.identifier ?? "\(payloadType).\(options.name)"
        let displayName = options.displayName ?? "Claude (\(options.name))"
        var payload: [String: Any] = [
            "PayloadType": payloadType,
            "PayloadIdentifier": "\(identifier).settings",
            "PayloadUUID": NameUUID.make("\(options.name)/payload/\(payloadType)"),
            "PayloadVersion": 1,
            "PayloadDisplayName": "\(displayName) settings",
        ]
        for entry in policy.entries {
            payload[entry.key] = PolicyValueCoder.encode(entry.value)
        }
        var profile: [String: Any] = [
            "PayloadType": "Configuration",
            "PayloadIdentifier": identifier,
            "PayloadUUID": NameUUID.make("\(options.name)/profile"),
            "PayloadVersion": 1,
            "PayloadDisplayName": displayName,
            "PayloadScope": "System",
            "PayloadContent": [payload],
        ]
        if let organization = options.organization {
            profile["PayloadOrganization"] = organization
            payload["PayloadOrganization"] = organization
            profile["PayloadContent"] = [payload]
        }
        do {
            let data = try PropertyListSerialization.data(fromPropertyList: profile, format: .xml, options: 0)
            return Array(data)
        } catch {
            throw PolicyExportError(message: "cannot write the profile: \(error.localizedDescription)")
        }
    }
}
