import Foundation

/// A property-list value for the deterministic XML writer below.
indirect enum PlistNode {
    case string(String)
    case integer(Int64)
    case bool(Bool)
    case array([PlistNode])
    /// Keys are written in the order given (callers sort them).
    case dict([(String, PlistNode)])
}

/// Writes XML property lists byte for byte the same on every platform and run: keys in
/// the caller's order, two-space indentation, `&`, `<` and `>` escaped.
enum PlistXMLWriter {
    static func data(_ root: PlistNode) -> [UInt8] {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
            <plist version="1.0">

            """
        write(root, indent: 0, into: &out)
        out += "</plist>\n"
        return Array(out.utf8)
    }

    static func write(_ node: PlistNode, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent)
        switch node {
        case .string(let s): out += "\(pad)<string>\(escape(s))</string>\n"
        case .integer(let n): out += "\(pad)<integer>\(n)</integer>\n"
        case .bool(let b): out += "\(pad)<\(b ? "true" : "false")/>\n"
        case .array(let items):
            if items.isEmpty { out += "\(pad)<array/>\n"; return }
            out += "\(pad)<array>\n"
            for item in items { write(item, indent: indent + 1, into: &out) }
            out += "\(pad)</array>\n"
        case .dict(let members):
            if members.isEmpty { out += "\(pad)<dict/>\n"; return }
            out += "\(pad)<dict>\n"
            for (key, value) in members {
                out += "\(pad)  <key>\(escape(key))</key>\n"
                write(value, indent: indent + 1, into: &out)
            }
            out += "\(pad)</dict>\n"
        }
    }

    /// XML 1.0 cannot carry most control characters even escaped; callers refuse them first.
    /// A literal CR would be read back as LF (XML line-end normalisation); the character
    /// reference survives.
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\r", with: "&#13;")
    }

    /// True when `s` holds a character XML 1.0 cannot represent.
    static func hasInvalidCharacter(_ s: String) -> Bool {
        s.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" || $0.value == 0xFFFE || $0.value == 0xFFFF }
    }
}
