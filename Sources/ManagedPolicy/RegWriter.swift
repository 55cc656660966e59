import Foundation

/// Writes a Windows `.reg` file: the documented header, one key, REG_SZ values with `\`
/// and `"` escaped, CRLF line ends, UTF-16LE with a byte-order mark.
struct RegWriter {
    static let header = "Windows Registry Editor Version 5.00"
    static let keyPath = "SOFTWARE\\Policies\\Claude"

    func text(_ policy: ManagedPolicy, scope: RegistryScope) -> String {
        var lines = [Self.header, "", "[\(scope.root)\\\(Self.keyPath)]"]
        for entry in policy.entries.sorted(by: { $0.key < $1.key }) {
            lines.append("\"\(Self.escape(entry.key))\"=\"\(Self.escape(PolicyValueCoder.encode(entry.value)))\"")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    func data(_ policy: ManagedPolicy, scope: RegistryScope) throws(PolicyExportError) -> [UInt8] {
        for entry in policy.entries {
            let value = PolicyValueCoder.encode(entry.value)
            if (value + entry.key).unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
                throw PolicyExportError(message: "\(entry.key): a line break cannot be written as REG_SZ data in a .reg file")
            }
        }
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text(policy, scope: scope).utf16 {
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
