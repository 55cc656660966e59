/// RFC 3986 reference resolution, just enough for `$id` and `$ref`: schemes such as
/// `urn:` and `tag:` must work too, which Foundation's URL does not resolve reliably.
struct URIReference: Equatable {
    var scheme: String?
    var authority: String?
    var path: String
    var query: String?
    var fragment: String?

    init(_ text: String) {
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        // A scheme is letters first, then letters, digits, + - . up to the first colon.
        if let colon = rest.firstIndex(of: ":"), colon != rest.startIndex {
            let candidate = rest[..<colon]
            if let first = candidate.first, first.isASCII, first.isLetter,
               candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) {
                scheme = candidate.lowercased()
                rest = rest[rest.index(after: colon)...]
            }
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            authority = String(rest[..<end])
            rest = rest[end...]
        }
        path = String(rest)
    }

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
        guard let slash = path.lastIndex(of: "/") else { return relative }
        return String(path[...slash]) + relative
    }

    static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
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
