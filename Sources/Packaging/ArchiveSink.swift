import Crypto
import Documents
import Foundation

/// The output file of one archive: buffered writes, with the SHA-256 and size of what
/// was written computed on the way, so the archive is never read back to be digested.
final class ArchiveSink {
    let url: URL
    let chunkSize = 1 << 20
    private let descriptor: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    private var hasher = SHA256()
    /// Bytes written so far (buffered ones included): the offset of the next byte.
    private(set) var count: Int64 = 0
    private var closed = false

    init(url: URL) throws(PackagingError) {
        self.url = url
        descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PackagingError(.io, path: url.path, "cannot create archive: \(String(cString: strerror(errno)))")
        }
        buffer = .allocate(byteCount: chunkSize, alignment: 16)
    }

    deinit {
        if !closed { close(descriptor) }
        buffer.deallocate()
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(PackagingError) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            if used == buffer.count { try flush() }
            let take = min(buffer.count - used, bytes.count - offset)
            (buffer.baseAddress! + used).copyMemory(from: base + offset, byteCount: take)
            used += take
            offset += take
        }
        count += Int64(bytes.count)
    }

    func write(_ bytes: [UInt8]) throws(PackagingError) {
        try bytes.withBytes { (raw) throws(PackagingError) in try write(raw) }
    }

    /// Lets `body` write `byteCount` (at most `chunkSize`) bytes straight into the buffer.
    func fill(_ byteCount: Int,
              _ body: (UnsafeMutableRawPointer) throws(PackagingError) -> Void) throws(PackagingError) {
        if buffer.count - used < byteCount { try flush() }
        try body(buffer.baseAddress! + used)
        used += byteCount
        count += Int64(byteCount)
    }

    /// Writes what is buffered, closes the file and returns its digest and size.
    func finish() throws(PackagingError) -> (hex: String, size: Int) {
        try flush()
        closed = true
        guard close(descriptor) == 0 else {
            throw PackagingError(.io, path: url.path, "cannot finish archive: \(String(cString: strerror(errno)))")
        }
        return (SHA256Digest.hex(digest: hasher.finalize()), Int(count))
    }

    private func flush() throws(PackagingError) {
        guard used > 0 else { return }
        let pending = UnsafeRawBufferPointer(rebasing: buffer[0..<used])
        hasher.update(bufferPointer: pending)
        let failure = SafeFile.writeAll(descriptor, pending)
        guard failure == 0 else {
            throw PackagingError(.io, path: url.path, "cannot write archive: \(String(cString: strerror(failure)))")
        }
        used = 0
    }
}
