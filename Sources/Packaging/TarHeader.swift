/// POSIX ustar headers, with a pax extended header in front when a field does not fit:
/// a path that cannot be split into ustar's prefix and name, a non-ASCII path or link
/// target (pax records are UTF-8 by definition), a size or time beyond 11 octal digits.
/// Owner ids are 0 and owner names empty, as for every archive cowork-dist writes.
enum TarHeader {
    static let blockSize = 512

    enum Kind {
        case file(size: Int64)
        case directory
        case symlink(target: String)
    }

    /// The header block(s) for an entry: pax header and its records when needed, then ustar.
    static func blocks(path: String, kind: Kind, mode: UInt16, mtime: Int64) -> [UInt8] {
        var name = Array(path.utf8)
        var size: Int64 = 0
        var type: UInt8 = 0x30  // '0'
        var link: [UInt8] = []
        switch kind {
        case .file(let bytes): size = bytes
        case .directory:
            type = 0x35  // '5'
            name.append(0x2F)
        case .symlink(let target):
            type = 0x32  // '2'
            link = Array(target.utf8)
        }
        let octalLimit: Int64 = 0o77777777777
        var records: [(String, [UInt8])] = []
        let split = splitName(name)
        if split == nil || !isASCII(name) { records.append(("path", name)) }
        if link.count > 100 || !isASCII(link) { records.append(("linkpath", link)) }
        if size > octalLimit { records.append(("size", Array(String(size).utf8))) }
        if mtime > octalLimit { records.append(("mtime", Array(String(mtime).utf8))) }

        var out: [UInt8] = []
        if !records.isEmpty {
            var data: [UInt8] = []
            for (key, value) in records { data += record(key, value) }
            out += ustar(name: Array("PaxHeader".utf8), prefix: [], mode: 0o644, size: Int64(data.count),
                         mtime: min(mtime, octalLimit), type: 0x78, link: [])  // 'x'
            out += data
            out += [UInt8](repeating: 0, count: padding(Int64(data.count)))
        }
        let (prefix, rest) = split ?? ([], Array(name.prefix(100)))
        out += ustar(name: rest, prefix: prefix, mode: mode, size: min(size, octalLimit), mtime: min(mtime, octalLimit),
                     type: type, link: Array(link.prefix(100)))
        return out
    }

    /// Zero bytes after `size` bytes of data up to the next block boundary.
    static func padding(_ size: Int64) -> Int {
        Int((Int64(blockSize) - size % Int64(blockSize)) % Int64(blockSize))
    }

    /// ustar's (prefix, name) for a path: the name alone when it fits in 100 bytes, else
    /// split at a `/` into at most 155 + 100 bytes; nil when no split fits.
    static func splitName(_ name: [UInt8]) -> (prefix: [UInt8], name: [UInt8])? {
        if name.count <= 100 { return ([], name) }
        // The split slash is dropped; a trailing slash (directories) stays in the name.
        let searchEnd = name.last == 0x2F ? name.count - 1 : name.count
        for index in stride(from: min(155, searchEnd - 1), through: 1, by: -1) where name[index] == 0x2F {
            let rest = Array(name[(index + 1)...])
            if rest.count <= 100 && !rest.isEmpty && rest != [0x2F] { return (Array(name[..<index]), rest) }
            if rest.count > 100 { return nil }
        }
        return nil
    }

    private static func isASCII(_ bytes: [UInt8]) -> Bool { bytes.allSatisfy { $0 < 0x80 } }

    /// One pax record: "<length> <key>=<value>\n", the length counting itself.
    private static func record(_ key: String, _ value: [UInt8]) -> [UInt8] {
        let body = 1 + key.utf8.count + 1 + value.count + 1
        var length = body + String(body).utf8.count
        if String(length).utf8.count != String(body).utf8.count { length = body + String(length).utf8.count }
        return Array("\(length) \(key)=".utf8) + value + [0x0A]
    }

    private static func ustar(name: [UInt8], prefix: [UInt8], mode: UInt16, size: Int64, mtime: Int64,
                              type: UInt8, link: [UInt8]) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: blockSize)
        func put(_ bytes: [UInt8], at offset: Int, width: Int) {
            for (i, byte) in bytes.prefix(width).enumerated() { block[offset + i] = byte }
        }
        func octal(_ value: Int64, at offset: Int, width: Int) {
            let digits = String(value, radix: 8)
            put(Array((String(repeating: "0", count: max(0, width - 1 - digits.utf8.count)) + digits).utf8),
                at: offset, width: width - 1)
        }
        put(name, at: 0, width: 100)
        octal(Int64(mode), at: 100, width: 8)
        octal(0, at: 108, width: 8)
        octal(0, at: 116, width: 8)
        octal(size, at: 124, width: 12)
        octal(mtime, at: 136, width: 12)
        block[156] = type
        put(link, at: 157, width: 100)
        put(Array("ustar\u{0}00".utf8), at: 257, width: 8)
        octal(0, at: 329, width: 8)
        octal(0, at: 337, width: 8)
        put(prefix, at: 345, width: 155)
        // The checksum is the byte sum with its own field read as spaces.
        for i in 148..<156 { block[i] = 0x20 }
        let sum = block.reduce(0) { $0 + Int64($1) }
        octal(sum, at: 148, width: 7)
        block[154] = 0
        block[155] = 0x20
        return block
    }
}
