import Foundation
import Documents
import Diagnostics
import BundledFiles

/// A security-profile preset (standard, restricted, locked-down): values a policy is
/// layered over, and keys the preset expects the policy to fill in.
public struct PolicyPreset: Sendable {
    public var name: String
    public var description: String
    public var expects: [String]
    public var values: JSONObject
    public var document: Document

    /// Reads a preset document (`name`, `description`, `expects`, `values`).
    public init(document: Document) throws(DocumentError) {
        let root = document.value
        guard let name = root["name"]?.stringValue, let values = root["values"]?.objectValue else {
            throw DocumentError(code: .policyPresetInvalid, message: "a preset needs a name and a values mapping",
                                location: document.location(of: .root))
        }
        self.name = name
        self.description = root["description"]?.stringValue ?? ""
        self.expects = (root["expects"]?.arrayValue ?? []).compactMap(\.stringValue)
        self.values = values
        self.document = document
    }

    /// The bundled presets (compiled into the binary), by name.
    public static func bundled() throws(DocumentError) -> [String: PolicyPreset] {
        let directory = KeyRegistry.resourcesDirectory + "/presets"
        var presets: [String: PolicyPreset] = [:]
        for file in BundledFiles.files(under: directory) where file.hasSuffix(".yaml") && !file.contains("/") {
            let bytes = Array(BundledFiles.data(directory + "/" + file) ?? Data())
            let preset = try PolicyPreset(document: try DocumentLoader().parse(bytes: bytes, format: .yaml, file: "preset:\(file)"))
            presets[preset.name] = preset
        }
        guard !presets.isEmpty else {
            throw DocumentError(code: .policyPresetMissing, message: "bundled presets are missing",
                                location: SourceLocation(file: "presets", line: 1, column: 1))
        }
        return presets
    }

    /// Every `*.yaml` preset of a directory, by name.
    public static func load(directory: URL) throws(DocumentError) -> [String: PolicyPreset] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var presets: [String: PolicyPreset] = [:]
        for file in names.sorted() where file.hasSuffix(".yaml") {
            let document = try DocumentLoader().load(path: directory.appendingPathComponent(file).path,
                                                     displayName: "preset:\(file)")
            let preset = try PolicyPreset(document: document)
            presets[preset.name] = preset
        }
        return presets
    }
}
