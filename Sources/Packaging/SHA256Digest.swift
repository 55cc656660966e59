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

/// A SHA-256 as 32 bytes in four words: a 64-character hex string costs three times
/// that on the heap, once per stored content.
struct DigestBytes: Hashable, Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// All zero bits: a placeholder, never a real content's digest.
    init() {}

    init(_ digest: SHA256.Digest) {
        withUnsafeMutableBytes(of: &words) { target in
            digest.withUnsafeBytes { source in target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source.prefix(32))) }
        }
    }

    var hex: String { withUnsafeBytes(of: words) { SourceDigest.hex(bytes: $0) } }

    static func == (a: DigestBytes, b: DigestBytes) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}

/// A digest as a manifest spells it: 64 lowercase hex digits are kept as their 32 bytes,
/// any other text (a manifest read from disk may hold anything) as it is. Two values are
/// equal exactly when their texts are: each text has one form.
enum DigestText: Hashable, Sendable {
    case bytes(DigestBytes)
    case other(String)

    init(_ text: String) {
        self = DigestBytes(lowercaseHex: text).map(DigestText.bytes) ?? .other(text)
    }

    var text: String {
        switch self {
        case .bytes(let bytes): return bytes.hex
        case .other(let text): return text
        }
    }
}

extension DigestBytes {
    /// The digest `text` spells in 64 lowercase hex digits; nil for any other text.
    init?(lowercaseHex text: String) {
        guard text.utf8.count == 64 else { return nil }
        self.init()
        let valid = withUnsafeMutableBytes(of: &words) { target -> Bool in
            var index = 0
            for unit in text.utf8 {
                let nibble: UInt8
                switch unit {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = unit - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = unit - UInt8(ascii: "a") + 10
                default: return false
                }
                target[index / 2] |= index % 2 == 0 ? nibble << 4 : nibble
                index += 1
            }
            return true
        }
        guard valid else { return nil }
    }
}
