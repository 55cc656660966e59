import Documents

/// How serious a finding is. Errors fail `check` and stop `build`; warnings fail only
/// under `--strict`; notes inform.
public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// One problem found in a distribution, policy or document: what, where and how to fix it.
/// Library code returns findings; only the executable renders them.
public struct Finding: Hashable, Sendable {
    public var severity: Severity
    /// A stable, documented identifier (`schema-type`, `branding-asset-missing`, ...): the
    /// printed form of the `FindingCode` the finding was made with.
    public var code: String
    public var message: String
    /// file:line:column of the offending text, when it came from a file.
    public var location: SourceLocation?
    /// The JSON pointer of the offending value in its document (or the merged config).
    public var pointer: JSONPointer?
    /// How to fix it.
    public var hint: String?

    public init(_ severity: Severity, code: FindingCode, message: String, location: SourceLocation? = nil,
                pointer: JSONPointer? = nil, hint: String? = nil) {
        self.severity = severity
        self.code = code.rawValue
        self.message = message
        self.location = location
        self.pointer = pointer
        self.hint = hint
    }

    /// A finding for a document that could not be read.
    public init(_ error: DocumentError) {
        self.init(.error, code: error.code, message: error.message, location: error.location)
    }

    /// A finding for a reader warning (duplicate JSON keys and the like).
    public init(warning: DocumentDiagnostic) {
        self.init(.warning, code: warning.code, message: warning.message, location: warning.location)
    }
}

extension Finding: Comparable {
    /// Findings sort by file, line, column, then code, so reports are stable.
    public static func < (a: Finding, b: Finding) -> Bool {
        let la = a.location ?? SourceLocation(file: "", line: 0, column: 0)
        let lb = b.location ?? SourceLocation(file: "", line: 0, column: 0)
        if la != lb { return la < lb }
        if a.code != b.code { return a.code < b.code }
        return a.message < b.message
    }
}

extension Array where Element == Finding {
    public var errorCount: Int { filter { $0.severity == .error }.count }
    public var warningCount: Int { filter { $0.severity == .warning }.count }
}
