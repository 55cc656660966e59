import Foundation

/// Writes a Windows `.reg` file: the documented header, the policy key deleted and then
/// written (so values of a previous, stricter profile do not linger), REG_SZ values with
/// `\` and `"` escaped, CRLF line ends, UTF-16LE with a byte-order mark. `merge` leaves
/// out the delete and keeps whatever else the key holds.
struct RegWriter {
    static let header = "Windows Registry Editor Version 5.00"
    let keyPath: String

    func text(_ policy: ManagedPolicy, scope: RegistryScope, merge: Bool) -> String {
        let key = "\(scope.root)\\\(keyPath)"
        var lines = [Self.header, ""]
        if !merge { lines += ["[-\(key)]", ""] }
        lines.append("[\(key)]")
        for entry in policy.entries.sorted(by: { $0.key < $1.key }) {
            lines.append("\"\(Self.escape(entry.key))\"=\"\(Self.escape(PolicyValueCoder.encode(entry.value)))\"")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    func data(_ policy: ManagedPolicy, scope: RegistryScope, merge: Bool) throws(PolicyExportError) -> [UInt8] {
        for entry in policy.entries {
            let value = PolicyValueCoder.encode(entry.value)
            if (value + entry.key).unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\0" }) {
                throw PolicyExportError(message: "\(entry.key): a line break or NUL cannot be written as REG_SZ data in a .reg file")
            }
        }
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text(policy, scope: scope, merge: merge).utf16 {
            bytes.append(UInt8(unit & 0xFF))
            bytes.append(UInt8(unit >> 8))
        }
        return bytes
    }

    /// Line breaks cannot appear in REG_SZ data written this way (refused above); JSON
    /// encoding already escapes them inside container values.
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
