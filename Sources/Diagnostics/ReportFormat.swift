import Documents

/// The ways findings can be reported.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// `file:line:column: severity: [code] message` lines, for people.
    case text
    /// `{"findings":[...],"summary":{"errors":N,"warnings":N}}`, for scripts.
    case json
    /// SARIF 2.1.0, for code-scanning uploads.
    case sarif
    /// GitHub Actions workflow commands (`::error file=...`), for annotations.
    case github
}

/// Options every renderer understands.
public struct ReportOptions: Sendable {
    /// ANSI colour in text output (the caller decides: terminal and no NO_COLOR).
    public var color: Bool
    /// The tool name and version recorded in SARIF.
    public var toolName: String
    public var toolVersion: String

    public init(color: Bool = false, toolName: String = "cowork-dist", toolVersion: String = "0.0.0") {
        self.color = color
        self.toolName = toolName
        self.toolVersion = toolVersion
    }
}

extension Array where Element == Finding {
    /// The exit status for a run that produced these findings: 1 when any error (or any
    /// warning under `strict`), else 0.
    public func exitStatus(strict: Bool) -> Int32 {
        if errorCount > 0 || (strict && warningCount > 0) { return 1 }
        return 0
    }
}
