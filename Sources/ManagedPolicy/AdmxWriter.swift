import Foundation
import Packaging
import Documents

/// Generates the ADMX/ADML template from the registry: one policy per current key, all
/// writing REG_SZ values directly under `SOFTWARE\Policies\Claude` (the app never reads
/// subkeys), booleans as the strings "true"/"false", enums as a drop-down of strings,
/// everything else as a text box holding the preference-store string (JSON for lists and
/// objects). Schema only: values are entered in the GPO or Intune console.
struct AdmxWriter {
    let registry: KeyRegistry
    static let namespace = "Anthropic.Policies.Claude"
    static let prefix = "claude"

    /// Keys the template offers: current ones, sorted by section then name.
    var keys: [PolicyKey] { registry.currentKeys.sorted { ($0.section, $0.name) < ($1.section, $1.name) } }

    /// Category ids are derived from sections (`connection/gateway` → `connection_gateway`).
    static func categoryId(_ section: String) -> String {
        "cat_" + String(section.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    static func supportedId(_ release: AppRelease?) -> String {
        release.map { "SUPPORTED_" + $0.components.map(String.init).joined(separator: "_") } ?? "SUPPORTED_ANY"
    }

    func admx() -> String {
        let x = XMLText.escape
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">
              <policyNamespaces>
                <target prefix="\(Self.prefix)" namespace="\(Self.namespace)" />
              </policyNamespaces>
              <resources minRequiredRevision="1.0" />
              <supportedOn>
                <definitions>

            """
        let releases = Set(keys.map { Self.supportedId($0.introduced) }).sorted()
        for id in releases { out += "      <definition name=\"\(id)\" displayName=\"$(string.\(id))\" />\n" }
        out += "    </definitions>\n  </supportedOn>\n  <categories>\n"
        out += "    <category name=\"cat_claude\" displayName=\"$(string.cat_claude)\" />\n"
        for section in Set(keys.map(\.section)).sorted() {
            out += "    <category name=\"\(Self.categoryId(section))\" displayName=\"$(string.\(Self.categoryId(section)))\">\n"
            out += "      <parentCategory ref=\"cat_claude\" />\n    </category>\n"
        }
        out += "  </categories>\n  <policies>\n"
        for key in keys {
            let name = x(key.name)
            out += "    <policy name=\"\(name)\" class=\"Both\" displayName=\"$(string.\(name))\" explainText=\"$(string.\(name)_Explain)\""
            out += " key=\"\(x(registry.registryPath))\" valueName=\"\(name)\""
            if key.type != .boolean { out += " presentation=\"$(presentation.\(name))\"" }
            out += ">\n      <parentCategory ref=\"\(Self.categoryId(key.section))\" />\n"
            out += "      <supportedOn ref=\"\(Self.supportedId(key.introduced))\" />\n"
            switch key.type {
            case .boolean:
                out += "      <enabledValue>\n        <string>true</string>\n      </enabledValue>\n"
                out += "      <disabledValue>\n        <string>false</string>\n      </disabledValue>\n"
            case .enum:
                out += "      <elements>\n        <enum id=\"\(name)\" valueName=\"\(name)\" required=\"true\">\n"
                for value in key.spec.allowed {
                    out += "          <item displayName=\"$(string.\(name)_\(Self.token(value.value)))\">\n"
                    out += "            <value>\n              <string>\(x(value.value))</string>\n            </value>\n          </item>\n"
                }
                out += "        </enum>\n      </elements>\n"
            default:
                out += "      <elements>\n        <text id=\"\(name)\" valueName=\"\(name)\" maxLength=\"32767\" required=\"true\" />\n      </elements>\n"
            }
            out += "    </policy>\n"
        }
        out += "  </policies>\n</policyDefinitions>\n"
        return out
    }

    /// A string-table id fragment for an enum value (`http/protobuf` → `http_protobuf`).
    static func token(_ value: String) -> String { String(value.map { $0.isLetter || $0.isNumber ? $0 : "_" }) }

    func adml() -> String {
        let x = XMLText.escape
        var strings: [(String, String)] = [("cat_claude", "Claude (third-party inference)")]
        for section in Set(keys.map(\.section)).sorted() { strings.append((Self.categoryId(section), section)) }
        for key in keys where key.introduced != nil {
            strings.append((Self.supportedId(key.introduced), "Claude Desktop \(key.introduced?.description ?? "") or later"))
        }
        strings.append(("SUPPORTED_ANY", "Claude Desktop on third-party inference (release not documented)"))
        for key in keys {
            strings.append((key.name, key.name))
            var explain = key.description
            explain += "\n\nType: \(key.type.rawValue)"
            if key.type.isContainer { explain += " (enter the value as one JSON document)" }
            if let value = key.defaultValue { explain += "\nDefault: \(PolicyValueCoder.encode(value))" }
            if key.spec.min != nil || key.spec.max != nil {
                explain += "\nRange: \(key.spec.min.map { JSONNumber($0).literal } ?? "")–\(key.spec.max.map { JSONNumber($0).literal } ?? "")"
            }
            explain += "\nWrites REG_SZ \(key.name) directly under \(registry.registryPath)."
            strings.append(("\(key.name)_Explain", explain))
            if key.type == .enum { for value in key.spec.allowed { strings.append(("\(key.name)_\(Self.token(value.value))", value.value)) } }
        }
        var unique: [String: String] = [:]
        var ordered: [(String, String)] = []
        for (id, text) in strings where unique[id] == nil { unique[id] = text; ordered.append((id, text)) }
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">
              <displayName>Claude Desktop (third-party inference)</displayName>
              <description>Managed configuration of Claude Desktop on third-party inference, generated by cowork-dist from its key registry.</description>
              <resources>
                <stringTable>

            """
        for (id, text) in ordered { out += "      <string id=\"\(x(id))\">\(x(text))</string>\n" }
        out += "    </stringTable>\n    <presentationTable>\n"
        for key in keys where key.type != .boolean {
            let name = x(key.name)
            out += "      <presentation id=\"\(name)\">\n"
            if key.type == .enum {
                out += "        <dropdownList refId=\"\(name)\" noSort=\"true\">\(name)</dropdownList>\n"
            } else {
                out += "        <textBox refId=\"\(name)\">\n          <label>\(name)</label>\n        </textBox>\n"
            }
            out += "      </presentation>\n"
        }
        out += "    </presentationTable>\n  </resources>\n</policyDefinitionResources>\n"
        return out
    }

    /// The template as a `.zip` (`Claude.admx`, `en-US/Claude.adml`), reproducible byte for byte.
    func zip() throws(PolicyExportError) -> [UInt8] {
        try ZipBytes.make([.text("Claude.admx", admx()), .text("en-US/Claude.adml", adml())])
    }
}

/// XML text escaping for attribute values and element content.
enum XMLText {
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// A reproducible `.zip` in memory, written with the project's archive writer through a
/// temporary directory that is always removed.
enum ZipBytes {
    static func make(_ entries: [ArchiveEntry]) throws(PolicyExportError) -> [UInt8] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cowork-dist-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw PolicyExportError(message: "cannot create a temporary directory: \(error.localizedDescription)")
        }
        let url = directory.appendingPathComponent("export.zip")
        do {
            try ArchiveWriter.write(entries, format: .zip, to: url)
        } catch {
            throw PolicyExportError(message: "cannot write the archive: \(error)")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw PolicyExportError(message: "cannot read back the archive")
        }
        return Array(data)
    }
}
