import Crypto

/// The SHA-256 and size of the bytes a document was parsed from.
public struct SourceDigest: Hashable, Sendable {
    /// Lowercase hexadecimal SHA-256.
    public var sha256: String
    public var size: Int

    public init(of bytes: [UInt8]) {
        sha256 = SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
        size = bytes.count
    }
}
