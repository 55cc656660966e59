/// A bounded reader of DER/BER encoded ASN.1, for the CMS wrapper of signed profiles.
/// Elements are positions into the input; nothing is copied until asked for.
struct DERReader {
    struct Element: Equatable {
        var tag: UInt8
        /// Where the element's header starts.
        var start: Int
        /// Where its contents start.
        var contentStart: Int
        /// Where its contents end (for indefinite lengths, before the end-of-contents octets).
        var contentEnd: Int
        /// Where the whole element ends.
        var end: Int
    }

    let bytes: [UInt8]

    /// The element starting at `offset`. Multi-byte tags, lengths over 4 bytes and
    /// lengths past the end of the input are refused.
    func element(at offset: Int, depth: Int) throws(SignedProfileReader.Failure) -> Element {
        guard depth <= SignedProfileReader.maxDepth else { throw .malformed("nested deeper than \(SignedProfileReader.maxDepth) levels") }
        guard offset + 2 <= bytes.count else { throw .malformed("cut short at byte \(offset)") }
        let tag = bytes[offset]
        guard tag & 0x1F != 0x1F else { throw .malformed("a multi-byte tag at byte \(offset)") }
        let first = bytes[offset + 1]
        var cursor = offset + 2
        if first == 0x80 {
            // Indefinite length (BER): children up to the end-of-contents octets 00 00.
            guard tag & 0x20 != 0 else { throw .malformed("an indefinite length on a primitive element at byte \(offset)") }
            var child = cursor
            while true {
                guard child + 2 <= bytes.count else { throw .malformed("no end-of-contents for the element at byte \(offset)") }
                if bytes[child] == 0, bytes[child + 1] == 0 { return Element(tag: tag, start: offset, contentStart: cursor, contentEnd: child, end: child + 2) }
                child = try element(at: child, depth: depth + 1).end
            }
        }
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            guard count <= 4, cursor + count <= bytes.count else { throw .malformed("a length field of \(count) bytes at byte \(offset)") }
            for _ in 0..<count { length = length << 8 | Int(bytes[cursor]); cursor += 1 }
        }
        guard length <= bytes.count - cursor else { throw .malformed("the element at byte \(offset) runs past the end of the file") }
        return Element(tag: tag, start: offset, contentStart: cursor, contentEnd: cursor + length, end: cursor + length)
    }

    /// The elements inside a constructed element.
    func children(of parent: Element, depth: Int) throws(SignedProfileReader.Failure) -> [Element] {
        guard parent.tag & 0x20 != 0 else { throw .malformed("expected a constructed element at byte \(parent.start)") }
        var result: [Element] = []
        var offset = parent.contentStart
        while offset < parent.contentEnd {
            let child = try element(at: offset, depth: depth)
            guard child.end <= parent.contentEnd else { throw .malformed("the element at byte \(offset) overruns its parent") }
            result.append(child)
            offset = child.end
        }
        return result
    }

    /// The contents of an OCTET STRING, joining the chunks of a constructed one.
    func octets(_ element: Element, depth: Int) throws(SignedProfileReader.Failure) -> [UInt8] {
        switch element.tag {
        case 0x04: return value(element)
        case 0x24:
            var out: [UInt8] = []
            for chunk in try children(of: element, depth: depth + 1) { out += try octets(chunk, depth: depth + 1) }
            return out
        default: throw .malformed("expected the signed content as an OCTET STRING at byte \(element.start)")
        }
    }

    func value(_ element: Element) -> [UInt8] { Array(bytes[element.contentStart..<element.contentEnd]) }
    func raw(_ element: Element) -> [UInt8] { Array(bytes[element.start..<element.end]) }
}

/// Renders an X.501 Name as `CN=..., O=..., C=...` for the attributes people recognise.
struct DistinguishedName {
    let reader: DERReader

    /// Attribute type OIDs (DER contents) and their short names, as data.
    static let names: [[UInt8]: String] = [
        [0x55, 0x04, 0x03]: "CN", [0x55, 0x04, 0x0A]: "O", [0x55, 0x04, 0x0B]: "OU", [0x55, 0x04, 0x06]: "C",
        [0x55, 0x04, 0x07]: "L", [0x55, 0x04, 0x08]: "ST",
        [0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01, 0x01]: "UID",
    ]

    func render(_ name: DERReader.Element) -> String? {
        guard let sets = try? reader.children(of: name, depth: 7) else { return nil }
        var parts: [String] = []
        for set in sets {
            for attribute in (try? reader.children(of: set, depth: 8)) ?? [] {
                guard let pair = try? reader.children(of: attribute, depth: 9), pair.count == 2,
                      let label = Self.names[reader.value(pair[0])] else { continue }
                // UTF8String, PrintableString, IA5String, TeletexString: read as UTF-8.
                guard [0x0C, 0x13, 0x16, 0x14].contains(pair[1].tag) else { continue }
                let text = String(decoding: reader.value(pair[1]), as: UTF8.self)
                parts.append("\(label)=\(String(text.unicodeScalars.filter { $0.value >= 0x20 }))")
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
