import CArchive
import Foundation

/// A streaming raw deflate (zlib level 6, 32 KiB window, no zlib/gzip wrapper), for
/// contents too large for one `OneShotDeflater` call; also the CRC-32 of zip and gzip.
///
/// A piece ends with a flush instead of a final block, so it stops on a byte boundary
/// with the "last block" bit unset; `finalBlock` after it closes the stream.
final class Deflater {
    /// An empty final block with fixed Huffman codes (BFINAL=1, BTYPE=01, end-of-block):
    /// appended after the last piece to end a deflate stream.
    static let finalBlock: [UInt8] = [0x03, 0x00]

    private var stream = z_stream()
    private let output: UnsafeMutablePointer<UInt8>
    private let outputSize = 128 * 1024

    init() throws(PackagingError) {
        output = .allocate(capacity: outputSize)
        let status = deflateInit2_(&stream, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            output.deallocate()
            throw PackagingError(.archive, path: "zlib", "cannot start a deflate stream (zlib status \(status))")
        }
    }

    deinit {
        deflateEnd(&stream)
        output.deallocate()
    }

    /// Starts an independent piece: nothing compressed before is referenced after this.
    func reset() { deflateReset(&stream) }

    /// Compresses `bytes`, handing compressed output to `sink` as it is produced.
    func compress(_ bytes: UnsafeRawBufferPointer,
                  _ sink: (UnsafeRawBufferPointer) throws(PackagingError) -> Void) throws(PackagingError) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self))
        stream.avail_in = UInt32(bytes.count)
        repeat {
            try run(Z_NO_FLUSH, sink)
        } while stream.avail_in > 0
        stream.next_in = nil
    }

    /// Ends the current piece on a byte boundary. `forget` (a full flush) also drops the
    /// window, so the next piece is independent without a reset.
    func flush(forget: Bool, _ sink: (UnsafeRawBufferPointer) throws(PackagingError) -> Void) throws(PackagingError) {
        stream.avail_in = 0
        try run(forget ? Z_FULL_FLUSH : Z_SYNC_FLUSH, sink)
    }

    private func run(_ flush: Int32, _ sink: (UnsafeRawBufferPointer) throws(PackagingError) -> Void) throws(PackagingError) {
        repeat {
            stream.next_out = output
            stream.avail_out = UInt32(outputSize)
            let status = deflate(&stream, flush)
            guard status == Z_OK || status == Z_BUF_ERROR else {
                throw PackagingError(.archive, path: "zlib", "deflate failed (zlib status \(status))")
            }
            let produced = outputSize - Int(stream.avail_out)
            if produced > 0 { try sink(UnsafeRawBufferPointer(start: output, count: produced)) }
        } while stream.avail_out == 0
    }

    /// CRC-32 (the zip and gzip checksum) of `bytes`, continuing from `crc`.
    static func crc32(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return crc }
        var value = UInt(crc)
        var offset = 0
        // zlib takes a 32-bit length; feed large buffers in slices.
        while offset < bytes.count {
            let count = min(bytes.count - offset, 1 << 30)
            value = CArchive.crc32(value, (base + offset).assumingMemoryBound(to: UInt8.self), UInt32(count))
            offset += count
        }
        return UInt32(truncatingIfNeeded: value)
    }
}
