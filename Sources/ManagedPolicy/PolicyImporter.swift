import Foundation
import Documents
import Diagnostics

/// A policy read back from an exported or hand-written file, with what the reader noticed
/// about how values were stored (native containers, non-string scalars, unusable types).
public struct ImportedPolicy: Sendable {
    public var policy: ManagedPolicy
    public var findings: [Finding]
}

/// Reads `.mobileconfig` / `.plist` (XML or binary), `.reg` (UTF-16 with BOM or UTF-8),
/// and JSON/YAML policies back into a `ManagedPolicy`.
public struct PolicyImporter: Sendable {
    public var registry: KeyRegistry

    public init(registry: KeyRegistry) { self.registry = registry }

    /// The kind of file, from its first bytes, falling back to the extension.
    enum Kind { case plist, reg, document }

    public func load(path: String) -> (imported: ImportedPolicy?, findings: [Finding]) {
        let bytes: [UInt8]
        do { bytes = try DocumentLoader.readFile(path: path, maxBytes: DocumentLimits.default.maxBytes) } catch {
            return (nil, [Finding(error)])
        }
        return parse(bytes: bytes, file: path)
    }

    public func parse(bytes: [UInt8], file: String) -> (imported: ImportedPolicy?, findings: [Finding]) {
        switch kind(of: bytes, file: file) {
        case .plist:
            return PlistPolicyReader(registry: registry).read(bytes: bytes, file: file)
        case .reg:
            return RegPolicyReader(registry: registry).read(bytes: bytes, file: file)
        case .document:
            let format = DocumentFormat(pathExtension: (file as NSString).pathExtension.lowercased()) ?? .json
            let document: Document
            do { document = try DocumentLoader().parse(bytes: bytes, format: format, file: file) } catch {
                return (nil, [Finding(error)])
            }
            // claude_desktop_config.json keeps the policy under enterpriseConfig.
            var root = document.value
            var prefix: [String] = []
            if let inner = root["enterpriseConfig"], inner.objectValue != nil {
                root = inner
                prefix = ["enterpriseConfig"]
            }
            guard let object = root.objectValue else {
                return (nil, [Finding(.error, code: "policy-not-mapping", message: "the file holds no policy mapping",
                                      location: document.location(of: .root))])
            }
            var policy = ManagedPolicy(documents: prefix.isEmpty ? [document.file: document] : [:])
            for (key, value) in object {
                let pointer = JSONPointer(tokens: prefix + [key])
                policy.set(PolicyEntry(key: key, value: value, location: document.location(of: pointer),
                                       keyLocation: document.location(of: pointer, preferKey: true)))
            }
            return (ImportedPolicy(policy: policy, findings: []), document.warnings.map { Finding(warning: $0) })
        }
    }

    func kind(of bytes: [UInt8], file: String) -> Kind {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return .reg }
        let head = String(decoding: bytes.prefix(64), as: UTF8.self)
        if head.hasPrefix("bplist") { return .plist }
        if head.contains("Windows Registry Editor") || head.hasPrefix("REGEDIT4") { return .reg }
        let ext = (file as NSString).pathExtension.lowercased()
        if ["mobileconfig", "plist"].contains(ext) || head.hasPrefix("<?xml") || head.hasPrefix("<plist") { return .plist }
        if ext == "reg" { return .reg }
        return .document
    }
}

/// Converts a value read from a preference store (string, native scalar or container)
/// into the policy's native value, noting storage forms the app does not read reliably.
struct StoredValueDecoder {
    let registry: KeyRegistry

    enum Stored {
        case string(String)
        case bool(Bool)
        /// `flagged`: a native plist integer, where the app documents decimal strings.
        case integer(Int64, flagged: Bool)
        case container(JSONValue, nativeKind: String)
    }

    func decode(_ stored: Stored, key: String, location: SourceLocation?, pointer: JSONPointer) -> (JSONValue, [Finding]) {
        let type = registry[key]?.type
        switch stored {
        case .string(let text):
            guard let type else { return (.string(text), []) }
            if let value = PolicyValueCoder.decode(text, as: type) { return (value, []) }
            // Left as a string: the validator reports the type mismatch.
            return (.string(text), [])
        case .bool(let b):
            return (.bool(b), [Finding(.warning, code: "policy-native-scalar",
                                       message: "\(key) is stored as a native boolean; the app reads strings \"true\"/\"false\"",
                                       location: location, pointer: pointer, hint: "write <string>\(b)</string>")])
        case .integer(let n, let flagged):
            let value: JSONValue = type == .boolean && (n == 0 || n == 1) ? .bool(n == 1) : .number(JSONNumber(n))
            guard flagged else { return (value, []) }
            return (value, [Finding(.warning, code: "policy-native-scalar",
                                    message: "\(key) is stored as a native integer; the app documents decimal strings",
                                    location: location, pointer: pointer, hint: "write <string>\(n)</string>")])
        case .container(let value, let nativeKind):
            return (value, [Finding(.error, code: "policy-native-container",
                                    message: "\(key) is stored as a native \(nativeKind); the app expects one string holding JSON",
                                    location: location, pointer: pointer,
                                    hint: "write <string>\(JSONWriter.compact.string(value))</string>")])
        }
    }
}
