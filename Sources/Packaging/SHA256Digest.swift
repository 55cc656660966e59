import Crypto
import Foundation

/// SHA-256 digests of bytes and files, as lowercase hex. Files are read in chunks so
/// memory does not grow with their size.
public enum SHA256Digest {
    public static func hex(of bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { byteHex($0) }.joined()
    }

    /// Digest and size of a file, streamed in 1 MiB chunks.
    public static func file(at url: URL) throws -> (hex: String, size: Int) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        var size = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += chunk.count
        }
        return (hasher.finalize().map { byteHex($0) }.joined(), size)
    }

    private static func byteHex(_ b: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(b >> 4)], digits[Int(b & 0x0F)]])
    }
}
