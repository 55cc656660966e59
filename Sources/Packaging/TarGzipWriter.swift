/// Writes a `.tar.gz` as a sequence of gzip members (RFC 1952 allows any number; gzip,
/// GNU tar, bsdtar, libarchive and Python's `gzip`/`tarfile` read them as one stream):
/// each file's content is one member wrapping the deflate stream the
/// `DeflatedContentStore` made once for every archive, and between them this archive's
/// own bytes (tar headers, block padding, the end-of-archive blocks) are members
/// compressed here. Decompressed, the members are exactly the tar stream.
///
/// Cost: 18 bytes of gzip header and trailer per member, two members per file; and each
/// file is compressed without its neighbours as dictionary (benchmarks/RESULTS.md states
/// the ratio against one `gzip -6` of the whole tar).
enum TarGzipWriter {
    /// gzip header: deflate, no flags, no mtime, no extra flags, OS = Unix.
    static let gzipHeader: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]

    static func write(_ entries: some Sequence<ArchiveEntry>, store: DeflatedContentStore, options: ArchiveOptions,
                      to sink: ArchiveSink) throws(PackagingError) {
        let glue = try OneShotDeflater()
        var pending: [UInt8] = []
        /// This archive's own bytes gathered since the last member, as one member.
        func emitPending() throws(PackagingError) {
            guard !pending.isEmpty else { return }
            try sink.write(gzipHeader)
            let crc = pending.withUnsafeBytes { Deflater.crc32(0, $0) }
            try pending.withBytes { (raw) throws(PackagingError) in
                try glue.compress(raw) { (bytes) throws(PackagingError) in try sink.write(bytes) }
            }
            try sink.write(trailer(crc: crc, size: Int64(pending.count)))
            pending.removeAll(keepingCapacity: true)
        }
        for entry in entries {
            switch entry.kind {
            case .directory:
                pending += TarHeader.blocks(path: entry.path, kind: .directory, mode: entry.mode, mtime: options.mtime)
            case .symlink(let target):
                pending += TarHeader.blocks(path: entry.path, kind: .symlink(target: target), mode: entry.mode,
                                            mtime: options.mtime)
            case .file, .data:
                guard let content = store.content(of: entry) else {
                    throw PackagingError(.archive, path: entry.path, "content was not prepared before writing")
                }
                pending += TarHeader.blocks(path: entry.path, kind: .file(size: content.size), mode: entry.mode,
                                            mtime: options.mtime)
                if content.size > 0 {
                    try emitPending()
                    try sink.write(gzipHeader)
                    try store.copyPiece(content, to: sink)
                    try sink.write(trailer(crc: content.crc32, size: content.size))
                    pending += [UInt8](repeating: 0, count: TarHeader.padding(content.size))
                }
            }
        }
        pending += [UInt8](repeating: 0, count: 2 * TarHeader.blockSize)
        try emitPending()
    }

    /// A member's trailer: CRC-32 and size modulo 2^32 of its uncompressed bytes.
    static func trailer(crc: UInt32, size: Int64) -> [UInt8] {
        littleEndian(crc) + littleEndian(UInt32(truncatingIfNeeded: size))
    }

    static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }
}
