import Crypto
import Documents
import Foundation

/// SHA-256 digests of bytes and files, as lowercase hex. Files are read in chunks so
/// memory does not grow with their size.
public enum SHA256Digest {
    public static func hex(of bytes: some DataProtocol) -> String {
        hex(digest: SHA256.hash(data: bytes))
    }

    /// Lowercase hex of a finished digest.
    public static func hex(digest: SHA256.Digest) -> String { SourceDigest.hex(digest) }

    /// Digest and size of a file, streamed in 1 MiB chunks. The file is opened through
    /// `SafeFile` (a FIFO or device is refused instead of blocking or never ending).
    public static func file(at url: URL, maxBytes: Int = Int.max) throws -> (hex: String, size: Int) {
        let opened = try SafeFile.open(path: url.path, maxBytes: maxBytes)
        let handle = FileHandle(fileDescriptor: opened.descriptor, closeOnDealloc: true)
        var hasher = SHA256()
        var size = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += chunk.count
            if size > maxBytes {
                throw DocumentError(code: .documentTooLarge, message: "file grew past the limit of \(maxBytes) bytes while being read",
                                    location: SourceLocation(file: url.path, line: 1, column: 1))
            }
        }
        return (hex(digest: hasher.finalize()), size)
    }
}
