import Documents

/// SARIF 2.1.0 output for code-scanning uploads (GitHub, Azure DevOps, IDE viewers).
///
/// One run, one driver; `rules[]` holds one entry per code used, sorted by code, and
/// every result points at its rule by id and index. Findings that did not come from a
/// file carry no `locations` (code scanning accepts that; it shows them unanchored).
/// The output is deterministic: the renderer sorts findings first and the writer sorts
/// nothing else away.
struct SARIFReport {
    var options: ReportOptions

    /// The SARIF 2.1.0 JSON schema the output declares.
    static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    func render(_ findings: [Finding]) -> String {
        let codes = Array(Set(findings.map(\.code))).sorted()
        var ruleIndex: [String: Int] = [:]
        for (index, code) in codes.enumerated() { ruleIndex[code] = index }

        let rules: [JSONValue] = codes.map { code in
            guard let entry = FindingCatalogue.entry(for: code) else {
                return ["id": .string(code), "name": .string(code), "shortDescription": ["text": .string(Self.describe(code))]]
            }
            let full = entry.fix.isEmpty ? entry.meaning : "\(entry.meaning). Fix: \(entry.fix)"
            return ["id": .string(code), "name": .string(code),
                    "shortDescription": ["text": .string(entry.meaning)],
                    "fullDescription": ["text": .string(full)],
                    "helpUri": .string(entry.helpURI)]
        }
        let results: [JSONValue] = findings.map { result(for: $0, index: ruleIndex[$0.code] ?? 0) }

        var driver = JSONObject()
        driver["name"] = .string(options.toolName)
        driver["version"] = .string(options.toolVersion)
        driver["rules"] = .array(rules)

        let run: JSONValue = ["tool": ["driver": .object(driver)], "results": .array(results)]
        var log = JSONObject()
        log["$schema"] = .string(Self.schemaURI)
        log["version"] = "2.1.0"
        log["runs"] = [run]
        return JSONWriter().string(.object(log))
    }

    private func result(for finding: Finding, index: Int) -> JSONValue {
        var object = JSONObject()
        object["ruleId"] = .string(finding.code)
        object["ruleIndex"] = .number(JSONNumber(index))
        object["level"] = .string(Self.level(finding.severity))
        var text = finding.message
        if let hint = finding.hint { text += " Hint: \(hint)" }
        object["message"] = ["text": .string(text)]
        if let location = finding.location, !location.file.isEmpty {
            var region = JSONObject()
            region["startLine"] = .number(JSONNumber(max(1, location.line)))
            region["startColumn"] = .number(JSONNumber(max(1, location.column)))
            let physical: JSONValue = [
                "artifactLocation": ["uri": .string(Self.uri(location.file))],
                "region": .object(region),
            ]
            object["locations"] = [["physicalLocation": physical]]
        }
        if let pointer = finding.pointer {
            object["properties"] = ["pointer": .string(pointer.description)]
        }
        return .object(object)
    }

    /// SARIF levels: error, warning, note (and none, which findings never use).
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }

    /// The path as given, with only the characters a URI reference cannot hold escaped
    /// (space, `%`, `#`, `?`, controls and non-ASCII), so relative paths stay relative.
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            let plain = byte > 0x20 && byte < 0x7F && !"%#?\"<>\\^`{|}".contains(c)
            if plain { out.append(c) } else { out += "%" + hex(byte) }
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    /// "branding-asset-missing" -> "Branding asset missing": codes are documented in
    /// docs/findings.md; the short description only has to read well in a viewer.
    static func describe(_ code: String) -> String {
        let words = code.split(separator: "-").map(String.init)
        guard let first = words.first else { return code }
        return ([first.prefix(1).uppercased() + first.dropFirst()] + words.dropFirst()).joined(separator: " ")
    }
}
