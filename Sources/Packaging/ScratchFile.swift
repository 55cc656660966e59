import Foundation
import Documents

/// An anonymous file for compressed pieces: created in a directory (the build's output
/// directory, so it sits on the same disk as the archives) and unlinked at once, so it
/// vanishes with the last descriptor even when the process is killed. Appends are
/// buffered; reads go straight to the descriptor at an offset.
final class ScratchFile: @unchecked Sendable {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let bufferLimit = 256 * 1024
    /// Bytes appended so far (buffered ones included): the offset of the next append.
    private(set) var length: Int64 = 0
    let directory: URL

    init(in directory: URL) throws(PackagingError) {
        self.directory = directory
        var template = Array(directory.appendingPathComponent(".cowork-dist-scratch-XXXXXX").path.utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw PackagingError(.io, path: directory.path, "cannot create a scratch file: \(String(cString: strerror(errno)))")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        descriptor = fd
        buffer.reserveCapacity(bufferLimit)
    }

    deinit { close(descriptor) }

    func append(_ bytes: UnsafeRawBufferPointer) throws(PackagingError) {
        if buffer.count + bytes.count > bufferLimit {
            // A piece that would overflow the buffer goes out after it, unbuffered: the
            // buffer never grows past its limit (one piece may be megabytes).
            try drain()
            if bytes.count >= bufferLimit {
                try writeOut(bytes)
                length += Int64(bytes.count)
                return
            }
        }
        buffer.append(contentsOf: bytes)
        length += Int64(bytes.count)
    }

    func append(_ bytes: [UInt8]) throws(PackagingError) {
        try bytes.withBytes { (raw) throws(PackagingError) in try append(raw) }
    }

    /// Copies `length` bytes from `offset` to `sink`, a chunk at a time (drained bytes only).
    func copy(at offset: Int64, length: Int64, to sink: ArchiveSink) throws(PackagingError) {
        var offset = offset
        var remaining = length
        while remaining > 0 {
            let count = Int(min(remaining, Int64(sink.chunkSize)))
            try sink.fill(count) { (into) throws(PackagingError) in
                try read(at: offset, count: count, into: into)
            }
            offset += Int64(count)
            remaining -= Int64(count)
        }
    }

    /// Writes buffered bytes out; call before reading what was appended.
    func drain() throws(PackagingError) {
        try buffer.withBytes(writeOut)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeOut(_ bytes: UnsafeRawBufferPointer) throws(PackagingError) {
        let failure = SafeFile.writeAll(descriptor, bytes)
        guard failure == 0 else {
            throw PackagingError(.io, path: directory.path, "cannot write a scratch file: \(String(cString: strerror(failure)))")
        }
    }

    /// Writes buffered bytes out and gives the buffer's memory back: the file is complete
    /// and only read from now on (a later append makes a new buffer).
    func finishAppending() throws(PackagingError) {
        try drain()
        buffer = []
    }

    /// Reads `count` bytes at `offset` into `into` (which must be large enough).
    func read(at offset: Int64, count: Int, into: UnsafeMutableRawPointer) throws(PackagingError) {
        var done = 0
        while done < count {
            let got = pread(descriptor, into + done, count - done, off_t(offset) + off_t(done))
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else {
                throw PackagingError(.io, path: directory.path, "cannot read back a scratch file: \(String(cString: strerror(errno)))")
            }
            done += got
        }
    }
}
