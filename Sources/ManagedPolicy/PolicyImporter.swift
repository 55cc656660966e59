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
    enum Kind { case plist, reg, document, signed }

    public func load(path: String) -> (imported: ImportedPolicy?, findings: [Finding]) {
        load(.file(path))
    }

    /// Reads a file or standard input; bytes without a name to go by are sniffed by content.
    public func load(_ source: PolicySource) -> (imported: ImportedPolicy?, findings: [Finding]) {
        let bytes: [UInt8]
        do { bytes = try source.read() } catch {
            return (nil, [Finding(error)])
        }
        return parse(bytes: bytes, file: source.name, format: source.documentFormat)
    }

    /// `format` is the document format for JSON/YAML content (default: from `file`'s
    /// extension, else JSON).
    public func parse(bytes: [UInt8], file: String, format: DocumentFormat? = nil) -> (imported: ImportedPolicy?, findings: [Finding]) {
        switch kind(of: bytes, file: file) {
        case .signed:
            return readSigned(bytes: bytes, file: file)
        case .plist:
            return PlistPolicyReader(registry: registry).read(bytes: bytes, file: file)
        case .reg:
            return RegPolicyReader(registry: registry).read(bytes: bytes, file: file)
        case .document:
            let format = format ?? DocumentFormat(pathExtension: (file as NSString).pathExtension.lowercased()) ?? .json
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
            if let object = root.objectValue, !object.keys.contains(where: { registry[$0] != nil }),
               let (flat, notes) = BootstrapV2Reader(registry: registry).flatten(object, document: document) {
                return (ImportedPolicy(policy: flat, findings: notes), document.warnings.map { Finding(warning: $0) })
            }
            guard let object = root.objectValue else {
                return (nil, [Finding(.error, code: .policyNotMapping, message: "the file holds no policy mapping",
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
        if SignedProfileReader.looksSigned(bytes) { return .signed }
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

extension PolicyImporter {
    /// A CMS-signed profile: the embedded plist is read as any profile, with a note naming
    /// the signer (the signature is not verified) or saying the signer could not be read.
    func readSigned(bytes: [UInt8], file: String) -> (imported: ImportedPolicy?, findings: [Finding]) {
        let start = SourceLocation(file: file, line: 1, column: 1)
        let signed: SignedProfileReader.Signed
        do { signed = try SignedProfileReader().read(bytes) } catch {
            let reason: String
            switch error {
            case .notSignedData: reason = "it starts like a signed profile but holds no CMS SignedData"
            case .detached: reason = "the signature is detached: the profile itself is not in the file"
            case .malformed(let detail): reason = "the CMS signature wrapper is malformed: \(detail)"
            }
            return (nil, [Finding(.error, code: .policySignedUnreadable, message: "cannot read the signed profile: \(reason)", location: start,
                                  hint: "export the unsigned profile from the MDM, or check the file was not truncated")])
        }
        // Positions in findings refer to the embedded plist, not to the DER bytes.
        var (imported, findings) = PlistPolicyReader(registry: registry).read(bytes: signed.content, file: file)
        let note = signed.signer.map {
            Finding(.note, code: .policySignedProfile, message: "the profile is CMS-signed by \($0); its content was read, the signature was not verified",
                    location: start)
        } ?? Finding(.note, code: .policySignerUnknown,
                     message: "the profile is CMS-signed, but no certificate in it names the signer; its content was read, the signature was not verified",
                     location: start)
        if imported != nil { imported?.findings.insert(note, at: 0) } else { findings.insert(note, at: 0) }
        return (imported, findings)
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
        /// A native plist `<real>`.
        case real(Double)
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
            return (.bool(b), [Finding(.warning, code: .policyNativeScalar,
                                       message: "\(key) is stored as a native boolean; the app reads strings \"true\"/\"false\"",
                                       location: location, pointer: pointer, hint: "write <string>\(b)</string>")])
        case .integer(let n, let flagged):
            let value: JSONValue = type == .boolean && (n == 0 || n == 1) ? .bool(n == 1) : .number(JSONNumber(n))
            guard flagged else { return (value, []) }
            return (value, [Finding(.warning, code: .policyNativeScalar,
                                    message: "\(key) is stored as a native integer; the app documents decimal strings",
                                    location: location, pointer: pointer, hint: "write <string>\(n)</string>")])
        case .real(let d):
            // An integral real for an integer key is that integer; anything else stays a real
            // (the validator reports a fraction where an integer is expected).
            let value: JSONValue = type == .integer && d == d.rounded() && abs(d) < 9e15 ? .number(JSONNumber(Int64(d))) : .number(JSONNumber(d))
            return (value, [Finding(.warning, code: .policyNativeScalar,
                                    message: "\(key) is stored as a native real; the app documents decimal strings",
                                    location: location, pointer: pointer, hint: "write <string>\(JSONWriter.compact.string(value))</string>")])
        case .container(let value, let nativeKind):
            // Current releases read a native <array>/<dict> as the equivalent JSON; older ones
            // and the other stores need one JSON string, which stays the portable form.
            return (value, [Finding(.warning, code: .policyNativeContainer,
                                    message: "\(key) is stored as a native \(nativeKind); current releases read it, older ones expect one string holding JSON",
                                    location: location, pointer: pointer,
                                    hint: "write <string>\(JSONWriter.compact.string(value))</string>")])
        }
    }
}

/// Reads a nested (v2) bootstrap body back to flat keys through the registry's documented
/// paths. A path several keys share (per-provider credential fields) is resolved only when
/// exactly one of those keys belongs to no provider or the body says which provider.
struct BootstrapV2Reader {
    let registry: KeyRegistry

    func flatten(_ object: JSONObject, document: Document) -> (ManagedPolicy, [Finding])? {
        var byPath: [String: [PolicyKey]] = [:]
        for key in registry.keys.values where key.status == .current { if let path = key.jsonPath { byPath[path, default: []].append(key) } }
        let heads = Set(byPath.keys.compactMap { $0.split(separator: ".").first.map(String.init) })
        guard object.keys.contains(where: { heads.contains($0) }) else { return nil }
        var policy = ManagedPolicy()
        var findings: [Finding] = []
        var leaves: [(String, JSONValue)] = []
        collect(.object(object), prefix: [], byPath: byPath, into: &leaves)
        for (path, value) in leaves {
            let pointer = JSONPointer(tokens: path.split(separator: ".").map(String.init))
            guard let keys = byPath[path] else {
                findings.append(Finding(.warning, code: .policyBootstrapUnknownPath, message: "\(path) is not a documented v2 path; the app drops it",
                                        location: document.location(of: pointer), pointer: pointer))
                continue
            }
            guard keys.count == 1, let key = keys.first else {
                findings.append(Finding(.warning, code: .policyBootstrapAmbiguousPath,
                                        message: "\(path) is shared by \(keys.map(\.name).sorted().joined(separator: ", ")); not imported",
                                        location: document.location(of: pointer), pointer: pointer))
                continue
            }
            policy.set(PolicyEntry(key: key.name, value: value, location: document.location(of: pointer)))
        }
        return (policy, findings)
    }

    /// Leaves are values at documented paths; objects on the way are descended into.
    func collect(_ value: JSONValue, prefix: [String], byPath: [String: [PolicyKey]], into leaves: inout [(String, JSONValue)]) {
        let path = prefix.joined(separator: ".")
        if !prefix.isEmpty, byPath[path] != nil || value.objectValue == nil {
            leaves.append((path, value))
            return
        }
        for (name, item) in value.objectValue ?? JSONObject() { collect(item, prefix: prefix + [name], byPath: byPath, into: &leaves) }
    }
}
