import Foundation
import Documents
import Diagnostics

/// The audit's result: findings plus the catalogs it used, so a release can record
/// exactly which model lists it was checked against.
public struct ModelAuditReport: Sendable {
    public var findings: [Finding]
    public var catalogs: [LoadedCatalog]
    public var referenceCount: Int

    public init(findings: [Finding], catalogs: [LoadedCatalog], referenceCount: Int) {
        self.findings = findings
        self.catalogs = catalogs
        self.referenceCount = referenceCount
    }

    /// `{"findings": [...], "summary": {...}, "catalogs": [{provider, source, origin,
    /// sha256, models}]}` — the standard JSON report with the catalogs added.
    public func json() -> String {
        let base = ReportRenderer(format: .json).render(findings)
        var object = (try? JSONReader(recordsLocations: false).read(base).value.objectValue) ?? JSONObject()
        if var summary = object["summary"]?.objectValue {
            summary["references"] = .number(JSONNumber(referenceCount))
            object["summary"] = .object(summary)
        }
        object["catalogs"] = .array(catalogs.map { loaded -> JSONValue in
            [
                "provider": .string(loaded.provider),
                "source": .string(loaded.source),
                "origin": .string(loaded.origin.rawValue),
                "sha256": .string(loaded.sha256),
                "models": .number(JSONNumber(loaded.catalog.count)),
            ]
        })
        return JSONWriter().string(.object(object))
    }

    /// Writes each catalog body as `<provider>.json` in `directory`, so the audit can be
    /// re-run offline with `--catalog provider=DIR/provider.json`. Returns the paths.
    @discardableResult
    public func saveCatalogs(to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var written: [URL] = []
        for loaded in catalogs {
            let name = loaded.provider.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" }
            let target = directory.appendingPathComponent(String(name) + ".json")
            try Data(loaded.body).write(to: target, options: .atomic)
            written.append(target)
        }
        return written
    }
}
