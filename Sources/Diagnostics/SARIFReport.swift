import Documents

/// SARIF 2.1.0 output. (Pending: full implementation lands with the validation work.)
struct SARIFReport {
    var options: ReportOptions
    func render(_ findings: [Finding]) -> String { JSONReport().render(findings) }
}

/// GitHub Actions workflow commands. (Pending: full implementation lands with the validation work.)
struct GitHubReport {
    func render(_ findings: [Finding]) -> String { TextReport(options: ReportOptions()).render(findings) }
}
