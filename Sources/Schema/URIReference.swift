/// RFC 3986 reference resolution, just enough for `$id` and `$ref`: schemes such as
/// `urn:` and `tag:` must work too, which Foundation's URL does not resolve reliably.
struct URIReference: Equatable {
    var scheme: String?
    var authority: String?
    var path: String
    var query: String?
    var fragment: String?

    init(_ text: String) {
        // The delimiters are ASCII: a scan of the UTF-8 view finds them without grapheme
        // iteration, and every index it finds is a valid String index.
        let utf8 = text.utf8
        var end = utf8.endIndex
        if let hash = utf8.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(text[utf8.index(after: hash)...])
            end = hash
        }
        if let mark = utf8[..<end].firstIndex(of: UInt8(ascii: "?")) {
            query = String(text[utf8.index(after: mark)..<end])
            end = mark
        }
        var start = utf8.startIndex
        // A scheme is letters first, then letters, digits, + - . up to the first colon.
        if let colon = utf8[..<end].firstIndex(of: UInt8(ascii: ":")), colon != start {
            let candidate = utf8[start..<colon]
            if let first = candidate.first, Self.isLetter(first),
               candidate.allSatisfy({ Self.isLetter($0) || (0x30...0x39).contains($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E }) {
                scheme = String(text[start..<colon]).lowercased()
                start = utf8.index(after: colon)
            }
        }
        let slash = UInt8(ascii: "/")
        if utf8[start..<end].starts(with: [slash, slash]) {
            let authorityStart = utf8.index(start, offsetBy: 2)
            let authorityEnd = utf8[authorityStart..<end].firstIndex(of: slash) ?? end
            authority = String(text[authorityStart..<authorityEnd])
            start = authorityEnd
        }
        path = String(text[start..<end])
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }

    var text: String {
        var out = ""
        if let scheme { out += scheme + ":" }
        if let authority { out += "//" + authority }
        out += path
        if let query { out += "?" + query }
        if let fragment { out += "#" + fragment }
        return out
    }

    /// The reference without its fragment (a resource's identity).
    var withoutFragment: String {
        var copy = self
        copy.fragment = nil
        return copy.text
    }

    /// Resolves `reference` against `self` (RFC 3986 §5.2.2).
    func resolving(_ reference: String) -> URIReference {
        let r = URIReference(reference)
        var t = URIReference("")
        if r.scheme != nil {
            t = r
            t.path = Self.removeDotSegments(r.path)
        } else if r.authority != nil {
            t = r
            t.scheme = scheme
            t.path = Self.removeDotSegments(r.path)
        } else {
            t.scheme = scheme
            t.authority = authority
            if r.path.isEmpty {
                t.path = path
                t.query = r.query ?? query
            } else {
                if r.path.hasPrefix("/") {
                    t.path = Self.removeDotSegments(r.path)
                } else {
                    t.path = Self.removeDotSegments(merge(r.path))
                }
                t.query = r.query
            }
            t.fragment = r.fragment
        }
        if r.scheme != nil || r.authority != nil { t.fragment = r.fragment }
        return t
    }

    private func merge(_ relative: String) -> String {
        if authority != nil && path.isEmpty { return "/" + relative }
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return relative }
        return String(path[...slash]) + relative
    }

    static func removeDotSegments(_ path: String) -> String {
        guard path.utf8.contains(UInt8(ascii: ".")) else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            if segment == "." {
                if isLast { output.append("") }
            } else if segment == ".." {
                if output.count > 1 { output.removeLast() }
                if isLast { output.append("") }
            } else {
                output.append(segment)
            }
        }
        return output.joined(separator: "/")
    }
}
