import Documents

/// GitHub Actions workflow commands, one line per finding and nothing else:
/// `::error file=F,line=L,col=C,title=CODE::message`. GitHub turns them into
/// annotations on the pull request.
struct GitHubReport {
    func render(_ findings: [Finding]) -> String {
        var out = ""
        for finding in findings {
            var properties: [String] = []
            if let location = finding.location, !location.file.isEmpty {
                properties.append("file=" + Self.escapeProperty(location.file))
                properties.append("line=\(max(1, location.line))")
                properties.append("col=\(max(1, location.column))")
            }
            properties.append("title=" + Self.escapeProperty(finding.code))
            var message = finding.message
            if let pointer = finding.pointer, !pointer.isRoot { message += " (at \(pointer))" }
            if let hint = finding.hint { message += "\nhint: \(hint)" }
            out += "::\(Self.command(finding.severity)) \(properties.joined(separator: ","))::\(Self.escapeData(message))\n"
        }
        return out
    }

    static func command(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "notice"
        }
    }

    /// Message text: `%`, CR and LF are percent-encoded, as the runner decodes them.
    static func escapeData(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Property values additionally encode `:` and `,`, which separate properties.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
