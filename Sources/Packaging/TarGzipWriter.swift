/// Writes a `.tar.gz` as one gzip member whose deflate stream is spliced from pieces:
/// each file's content as deflated once by the `DeflatedContentStore`, and between them
/// this archive's own bytes (tar headers, block padding, the end-of-archive blocks),
/// deflated here with a full flush after each run so no piece refers to another. The
/// gzip CRC-32 is combined from the pieces' CRCs. Any gzip or tar reader reads it as an
/// ordinary single-member tar.gz.
enum TarGzipWriter {
    /// gzip header: deflate, no flags, no mtime, no extra flags, OS = Unix.
    static let gzipHeader: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]

    static func write(_ entries: [ArchiveEntry], store: DeflatedContentStore, options: ArchiveOptions,
                      to sink: ArchiveSink) throws(PackagingError) {
        try sink.write(gzipHeader)
        let glue = try Deflater()
        var crc: UInt32 = 0
        var total: Int64 = 0
        var pending: [UInt8] = []
        func emitPending() throws(PackagingError) {
            guard !pending.isEmpty else { return }
            let pieceCRC = pending.withUnsafeBytes { Deflater.crc32(0, $0) }
            let failure: PackagingError? = pending.withUnsafeBytes { raw in
                do throws(PackagingError) {
                    try glue.compress(raw) { (bytes) throws(PackagingError) in try sink.write(bytes) }
                } catch { return error }
                return nil
            }
            if let failure { throw failure }
            try glue.flush(forget: true) { (bytes) throws(PackagingError) in try sink.write(bytes) }
            crc = Deflater.crc32Combine(crc, pieceCRC, secondLength: Int64(pending.count))
            total += Int64(pending.count)
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
                    try store.copyPiece(content, to: sink)
                    crc = Deflater.crc32Combine(crc, content.crc32, secondLength: content.size)
                    total += content.size
                    pending += [UInt8](repeating: 0, count: TarHeader.padding(content.size))
                }
            }
        }
        pending += [UInt8](repeating: 0, count: 2 * TarHeader.blockSize)
        try emitPending()
        try sink.write(Deflater.finalBlock)
        try sink.write(littleEndian(crc) + littleEndian(UInt32(truncatingIfNeeded: total)))
    }

    static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }
}
