import Foundation
import Packaging

/// Name-based UUIDs (RFC 9562 version-5 layout over SHA-256): the same name always gives
/// the same UUID, so exported profiles are reproducible and reinstall as updates.
public enum NameUUID {
    /// The fixed namespace for cowork-dist policy payloads.
    public static let namespace = "6f1c2b7e-3d8a-5c4e-9b0f-cowork-dist-policy"

    /// An uppercase UUID derived from the namespace and `name`.
    public static func make(_ name: String) -> String {
        let hex = Array(SHA256Digest.hex(of: Array((namespace + "\u{0}" + name).utf8)).uppercased().prefix(32))
        var chars = hex
        chars[12] = "5"
        let variantNibble = (Int(String(chars[16]), radix: 16) ?? 0) & 0x3 | 0x8
        chars[16] = Character(String(variantNibble, radix: 16).uppercased())
        let s = String(chars)
        func part(_ from: Int, _ to: Int) -> Substring {
            s[s.index(s.startIndex, offsetBy: from)..<s.index(s.startIndex, offsetBy: to)]
        }
        return "\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
    }
}
