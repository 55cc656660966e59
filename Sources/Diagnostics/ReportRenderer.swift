import Documents

/// Turns findings into text in one of the report formats. The only place findings
/// become text; commands hand it what the library returned.
public struct ReportRenderer: Sendable {
    public var format: ReportFormat
    public var options: ReportOptions

    public init(format: ReportFormat, options: ReportOptions = ReportOptions()) {
        self.format = format
        self.options = options
    }

    public func render(_ findings: [Finding]) -> String {
        let sorted = findings.sorted()
        switch format {
        case .text: return TextReport(options: options).render(sorted)
        case .json: return JSONReport().render(sorted)
        case .sarif: return SARIFReport(options: options).render(sorted)
        case .github: return GitHubReport().render(sorted)
        }
    }
}

/// `file:line:column: severity: [code] message` plus an indented hint, then a summary.
struct TextReport {
    var options: ReportOptions

    func render(_ findings: [Finding]) -> String {
        var out = ""
        for finding in findings {
            let place = finding.location.map { "\($0): " } ?? ""
            out += "\(place)\(label(finding.severity)): [\(finding.code)] \(finding.message)"
            if let pointer = finding.pointer, !pointer.isRoot { out += " (at \(pointer))" }
            out += "\n"
            if let hint = finding.hint { out += "  hint: \(hint)\n" }
        }
        let errors = findings.errorCount, warnings = findings.warningCount
        if !findings.isEmpty {
            out += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
        }
        return out
    }

    func label(_ severity: Severity) -> String {
        guard options.color else { return severity.rawValue }
        switch severity {
        case .error: return "\u{1B}[1;31merror\u{1B}[0m"
        case .warning: return "\u{1B}[1;33mwarning\u{1B}[0m"
        case .note: return "\u{1B}[1;36mnote\u{1B}[0m"
        }
    }
}

/// The documented JSON report: findings then a summary.
struct JSONReport {
    /// The version of the findings JSON (docs/cli.md); bumped on incompatible changes.
    static let formatVersion = 1

    func render(_ findings: [Finding]) -> String {
        let items: [JSONValue] = findings.map { finding in
            var object = JSONObject()
            object["severity"] = .string(finding.severity.rawValue)
            object["code"] = .string(finding.code)
            object["message"] = .string(finding.message)
            object["file"] = finding.location.map { .string($0.file) } ?? .null
            object["line"] = finding.location.map { .number(JSONNumber($0.line)) } ?? .null
            object["column"] = finding.location.map { .number(JSONNumber($0.column)) } ?? .null
            object["pointer"] = finding.pointer.map { .string($0.description) } ?? .null
            object["hint"] = finding.hint.map { .string($0) } ?? .null
            return .object(object)
        }
        let summary: JSONValue = [
            "errors": .number(JSONNumber(findings.errorCount)),
            "warnings": .number(JSONNumber(findings.warningCount)),
        ]
        return JSONWriter().string(["formatVersion": .number(JSONNumber(Self.formatVersion)), "findings": .array(items), "summary": summary])
    }
}
