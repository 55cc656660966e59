import Foundation
import Documents

/// Writes a configuration profile: an outer `Configuration` payload holding one payload
/// of the app's PayloadType, whose policy values are all strings; or the bare preference
/// plist (Jamf custom settings). Identity (identifier prefix, organization, display name,
/// scope) comes from the options; PayloadUUIDs are derived from the organization and the
/// identifier, so two organizations exporting the same name never share UUIDs.
struct MobileconfigWriter {
    let payloadType: String

    func values(_ policy: ManagedPolicy) throws(PolicyExportError) -> [(String, PlistNode)] {
        var out: [(String, PlistNode)] = []
        for entry in policy.entries.sorted(by: { $0.key < $1.key }) {
            let text = PolicyValueCoder.encode(entry.value)
            if PlistXMLWriter.hasInvalidCharacter(text) || PlistXMLWriter.hasInvalidCharacter(entry.key) {
                throw PolicyExportError(message: "\(entry.key): a control character cannot be written into a property list")
            }
            out.append((entry.key, .string(text)))
        }
        return out
    }

    func identity(_ options: PolicyExportOptions) -> (identifier: String, displayName: String, seed: String) {
        let identifier = options.identifier ?? "\(payloadType).\(options.name)"
        let displayName = options.displayName ?? "Claude (\(options.name))"
        // The organization is part of the seed: equal names in two organizations give different UUIDs.
        let seed = "\(options.organization ?? "")\u{0}\(identifier)"
        return (identifier, displayName, seed)
    }

    func data(_ policy: ManagedPolicy, options: PolicyExportOptions) throws(PolicyExportError) -> [UInt8] {
        let (identifier, displayName, seed) = identity(options)
        var payload: [(String, PlistNode)] = [
            ("PayloadDisplayName", .string("\(displayName) settings")),
            ("PayloadIdentifier", .string("\(identifier).settings")),
        ]
        if let organization = options.organization { payload.append(("PayloadOrganization", .string(organization))) }
        payload += [
            ("PayloadType", .string(payloadType)),
            ("PayloadUUID", .string(NameUUID.make("\(seed)/payload/\(payloadType)"))),
            ("PayloadVersion", .integer(1)),
        ]
        let settings = try values(policy)
        var profile: [(String, PlistNode)] = [
            ("PayloadContent", .array([.dict(settings + payload)])),
            ("PayloadDisplayName", .string(displayName)),
            ("PayloadIdentifier", .string(identifier)),
        ]
        if let organization = options.organization { profile.append(("PayloadOrganization", .string(organization))) }
        profile += [
            ("PayloadScope", .string(options.profileScope.payloadScope)),
            ("PayloadType", .string("Configuration")),
            ("PayloadUUID", .string(NameUUID.make("\(seed)/profile"))),
            ("PayloadVersion", .integer(1)),
        ]
        if PlistXMLWriter.hasInvalidCharacter(displayName + identifier + (options.organization ?? "")) {
            throw PolicyExportError(message: "the profile identity holds a control character")
        }
        return PlistXMLWriter.data(.dict(profile))
    }

    /// The preference domain's values alone, as Jamf's custom-settings upload expects.
    func bare(_ policy: ManagedPolicy) throws(PolicyExportError) -> [UInt8] {
        PlistXMLWriter.data(.dict(try values(policy)))
    }
}
