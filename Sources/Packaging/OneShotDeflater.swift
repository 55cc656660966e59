import CDeflate

/// Whole-buffer DEFLATE through libdeflate (level 6, the level of `gzip` and `tar -z`):
/// one complete raw deflate stream per call. libdeflate compresses about twice as fast as
/// zlib at the same level and slightly smaller; it cannot stream, so contents larger than
/// `bufferLimit` go through zlib (`Deflater`) instead, and both produce complete streams.
///
/// The output is a pure function of the input and the libdeflate version: archives stay
/// byte-identical across runs, and across machines with the same libdeflate.
final class OneShotDeflater {
    /// The level `gzip -6` uses.
    static let level: Int32 = 6
    /// Largest input compressed in one call; the input and output buffers are sized for it,
    /// so a worker holds about twice this in memory whatever the content size.
    static let bufferLimit = 4 << 20

    private let compressor: OpaquePointer
    private var output: UnsafeMutableRawBufferPointer

    init() throws(PackagingError) {
        guard let compressor = libdeflate_alloc_compressor(Self.level) else {
            throw PackagingError(.archive, path: "libdeflate", "cannot allocate a deflate compressor")
        }
        self.compressor = compressor
        output = .allocate(byteCount: libdeflate_deflate_compress_bound(compressor, Self.bufferLimit), alignment: 16)
    }

    deinit {
        libdeflate_free_compressor(compressor)
        output.deallocate()
    }

    /// The complete deflate stream of `bytes` (any size: the output buffer grows when a
    /// caller passes more than `bufferLimit`), handed to `sink` before the next call.
    func compress(_ bytes: UnsafeRawBufferPointer,
                  _ sink: (UnsafeRawBufferPointer) throws(PackagingError) -> Void) throws(PackagingError) {
        let bound = libdeflate_deflate_compress_bound(compressor, bytes.count)
        if bound > output.count {
            output.deallocate()
            output = .allocate(byteCount: bound, alignment: 16)
        }
        // An empty input still gives a valid (empty) stream: libdeflate writes one final block.
        let written = libdeflate_deflate_compress(compressor, bytes.baseAddress, bytes.count, output.baseAddress, output.count)
        guard written > 0 else {
            throw PackagingError(.archive, path: "libdeflate", "deflate produced no output for \(bytes.count) bytes")
        }
        try sink(UnsafeRawBufferPointer(rebasing: output[0..<written]))
    }
}
