import Crypto

/// The SHA-256 and size of the bytes a document was parsed from.
public struct SourceDigest: Hashable, Sendable {
    /// Lowercase hexadecimal SHA-256.
    public var sha256: String
    public var size: Int

    public init(of bytes: [UInt8]) {
        sha256 = Self.hex(SHA256.hash(data: bytes))
        size = bytes.count
    }

    /// Lowercase hex of a finished digest (Packaging's `SHA256Digest` uses it too).
    public static func hex(_ digest: SHA256.Digest) -> String { hex(bytes: digest) }

    /// Lowercase hex of any bytes (a digest kept as raw words, for one).
    public static func hex(bytes digest: some Sequence<UInt8>) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(SHA256.byteCount * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
