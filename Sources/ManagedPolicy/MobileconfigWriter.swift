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
            // XML 1.0 cannot hold control characters (other than tab, LF, CR), NUL or
            // U+FFFE/U+FFFF, not even escaped: the profile would be invalid, so refuse it.
            if PlistXMLWriter.hasInvalidCharacter(text) || PlistXMLWriter.hasInvalidCharacter(entry.key) {
                throw PolicyExportError(message: "\(entry.key) holds a character an XML profile cannot carry (a control character, NUL or U+FFFE/U+FFFF); remove it",
                                        location: entry.location)
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

    /// True for scalars XML 1.0 allows in character data.
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// The first string (key or value, depth first) holding a scalar XML cannot carry.
    static func firstUnencodable(_ value: Any, path: String) -> (path: String, scalar: Unicode.Scalar)? {
        if let text = value as? String {
            return text.unicodeScalars.first { !isXMLCharacter($0) }.map { (path.isEmpty ? "a value" : path, $0) }
        }
        if let array = value as? [Any] {
            for (index, item) in array.enumerated() {
                if let bad = firstUnencodable(item, path: "\(path)[\(index)]") { return bad }
            }
        }
        if let dict = value as? [String: Any] {
            for key in dict.keys.sorted() {
                let child = path.isEmpty ? key : "\(path).\(key)"
                if let bad = key.unicodeScalars.first(where: { !isXMLCharacter($0) }) { return ("key '\(child.debugDescription)'", bad) }
                if let bad = firstUnencodable(dict[key] as Any, path: child) { return bad }
            }
        }
        return nil
    }
}
