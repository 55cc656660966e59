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
            let encoded = PolicyValueCoder.encode(entry.value)
            // XML 1.0 cannot hold control characters (other than tab, LF, CR), NUL or
            // U+FFFE/U+FFFF, not even escaped: the profile would be invalid, so refuse it.
            if let bad = MobileconfigWriter.firstUnencodable(encoded, path: entry.key) {
                throw PolicyExportError(message: "\(bad.path) holds U+\(String(format: "%04X", bad.scalar.value)), which an XML profile cannot carry; remove the character",
                                        location: entry.location)
            }
            payload[entry.key] = encoded
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
        // Names and organisation come from options: the same rule.
        if let bad = MobileconfigWriter.firstUnencodable(profile, path: "") {
            throw PolicyExportError(message: "\(bad.path) holds U+\(String(format: "%04X", bad.scalar.value)), which an XML profile cannot carry; remove the character")
        }
        do {
            let data = try PropertyListSerialization.data(fromPropertyList: profile, format: .xml, options: 0)
            // A literal CR in text is read back as LF (XML line-end normalisation); the
            // character reference survives. The writer emits CR only inside values.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(data.count)
            for byte in data {
                if byte == 0x0D { bytes += Array("&#13;".utf8) } else { bytes.append(byte) }
            }
            return bytes
        } catch {
            throw PolicyExportError(message: "cannot write the profile: \(error.localizedDescription)")
        }
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
