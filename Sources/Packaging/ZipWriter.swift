/// Writes a `.zip` whose deflated entries are the pieces the `DeflatedContentStore`
/// compressed once, each closed with an empty final block. CRC and sizes are known
/// before an entry starts, so there are no data descriptors. Every entry carries the
/// DOS time of `mtime` in UTC, an extended-timestamp field with `mtime`, Unix mode bits
/// (made by Unix), and the UTF-8 flag when its name is not ASCII; zip64 fields appear
/// only when a size, an offset or the entry count needs them. Empty files, directories
/// and symlinks (target as data) are stored.
///
/// The central directory (a record per entry, written after the last entry) is spooled
/// to one of the store's scratch files as the entries go, not gathered in memory: a zip
/// of tens of thousands of entries would otherwise hold megabytes of it until the end.
enum ZipWriter {
    private static let limit32: Int64 = 0xFFFF_FFFF

    private struct Central {
        let spool: ScratchFile
        var count = 0
    }

    static func write(_ entries: some Sequence<ArchiveEntry>, store: DeflatedContentStore, options: ArchiveOptions,
                      to sink: ArchiveSink) throws(PackagingError) {
        let dos = Array(ZipTimestamps.dosTimestamp(options.mtime))
        let stamp = options.mtime >= 0 && options.mtime <= limit32 ? UInt32(options.mtime) : nil
        var central = Central(spool: try store.scratchFile())
        for entry in entries {
            var name = Array(entry.path.utf8)
            var method: UInt16 = 0
            var crc: UInt32 = 0
            var size: Int64 = 0
            var compressed: Int64 = 0
            var stored: [UInt8] = []
            var content: DeflatedContent?
            var kind: UInt32 = 0o100000
            switch entry.kind {
            case .directory:
                name.append(0x2F)
                kind = 0o040000
            case .symlink(let target):
                stored = Array(target.utf8)
                crc = stored.withUnsafeBytes { Deflater.crc32(0, $0) }
                size = Int64(stored.count)
                compressed = size
                kind = 0o120000
            case .file, .data:
                guard let found = store.content(of: entry) else {
                    throw PackagingError(.archive, path: entry.path, "content was not prepared before writing")
                }
                crc = found.crc32
                size = found.size
                if found.size > 0 {
                    method = 8
                    content = found
                    compressed = found.length
                }
            }
            let offset = sink.count
            let zip64 = size >= limit32 || compressed >= limit32 || offset >= limit32
            let version: UInt16 = zip64 ? 45 : 20
            let flags: UInt16 = name.allSatisfy { $0 < 0x80 } ? 0 : 0x0800
            var timeExtra: [UInt8] = []
            if let stamp { timeExtra = le16(0x5455) + le16(5) + [0x01] + le32(stamp) }

            var local = le32(0x0403_4B50) + le16(version) + le16(flags) + le16(method) + dos + le32(crc)
            var localExtra = timeExtra
            if zip64 {
                local += le32(UInt32(limit32)) + le32(UInt32(limit32))
                localExtra = le16(0x0001) + le16(16) + le64(size) + le64(compressed) + localExtra
            } else {
                local += le32(UInt32(compressed)) + le32(UInt32(size))
            }
            local += le16(UInt16(name.count)) + le16(UInt16(localExtra.count)) + name + localExtra
            try sink.write(local)
            if let content {
                try store.copyPiece(content, to: sink)
            } else if !stored.isEmpty {
                try sink.write(stored)
            }

            var centralExtra = timeExtra
            var record = le32(0x0201_4B50) + le16(3 << 8 | version) + le16(version) + le16(flags) + le16(method)
                + dos + le32(crc)
            if zip64 {
                record += le32(UInt32(limit32)) + le32(UInt32(limit32))
                centralExtra = le16(0x0001) + le16(24) + le64(size) + le64(compressed) + le64(offset) + centralExtra
            } else {
                record += le32(UInt32(compressed)) + le32(UInt32(size))
            }
            let attributes = (kind | UInt32(entry.mode)) << 16 | (kind == 0o040000 ? 0x10 : 0)
            record += le16(UInt16(name.count)) + le16(UInt16(centralExtra.count)) + le16(0) + le16(0) + le16(0)
                + le32(attributes) + le32(zip64 ? UInt32(limit32) : UInt32(offset)) + name + centralExtra
            try central.spool.append(record)
            central.count += 1
        }
        let directoryOffset = sink.count
        let directorySize = central.spool.length
        try central.spool.drain()
        try central.spool.copy(at: 0, length: directorySize, to: sink)
        let needs64 = central.count >= 0xFFFF || directoryOffset >= limit32 || directorySize >= limit32
        if needs64 {
            let recordOffset = sink.count
            let record = le32(0x0606_4B50) + le64(44) + le16(3 << 8 | 45) + le16(45) + le32(0) + le32(0)
                + le64(Int64(central.count)) + le64(Int64(central.count)) + le64(directorySize) + le64(directoryOffset)
            let locator = le32(0x0706_4B50) + le32(0) + le64(recordOffset) + le32(1)
            try sink.write(record + locator)
        }
        let count16 = UInt16(min(central.count, 0xFFFF))
        let end = le32(0x0605_4B50) + le16(0) + le16(0) + le16(count16) + le16(count16)
            + le32(UInt32(min(directorySize, limit32))) + le32(UInt32(min(directoryOffset, limit32))) + le16(0)
        try sink.write(end)
    }

    private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }

    private static func le32(_ value: UInt32) -> [UInt8] { TarGzipWriter.littleEndian(value) }

    private static func le64(_ value: Int64) -> [UInt8] {
        let raw = UInt64(bitPattern: value)
        return le32(UInt32(raw & 0xFFFF_FFFF)) + le32(UInt32(raw >> 32))
    }
}
