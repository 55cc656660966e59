import Foundation
import Documents
import Diagnostics
import Packaging

/// Key-level changes between two policies, whatever files they came from: values are
/// compared after decoding preference-store strings, so `"true"` in a `.reg` equals
/// `true` in YAML. Keys are in byte order; secrets are masked when rendered.
public struct PolicyDiff: Sendable {
    public typealias Kind = JSONDiff.Kind

    /// One key that differs. `old` is nil for an added key, `new` for a removed one.
    public struct Change: Hashable, Sendable {
        public var key: String
        public var kind: Kind
        public var old: JSONValue?
        public var new: JSONValue?
    }

    public var oldLabel: String
    public var newLabel: String
    public var changes: [Change]
    let registry: KeyRegistry

    public var isIdentical: Bool { changes.isEmpty }

    public init(old: ManagedPolicy, new: ManagedPolicy, registry: KeyRegistry, oldLabel: String = "old", newLabel: String = "new") {
        self.oldLabel = oldLabel
        self.newLabel = newLabel
        self.registry = registry
        let loader = PolicyLoader(registry: registry, presets: [:])
        func values(_ policy: ManagedPolicy) -> [String: JSONValue] {
            Dictionary(policy.entries.map { ($0.key, loader.normalized($0.value, key: $0.key)) }, uniquingKeysWith: { _, last in last })
        }
        let a = values(old), b = values(new)
        changes = Set(a.keys).union(b.keys).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.compactMap { key in
            switch (a[key], b[key]) {
            case (nil, let value?): return Change(key: key, kind: .added, old: nil, new: value)
            case (let value?, nil): return Change(key: key, kind: .removed, old: value, new: nil)
            case (let x?, let y?): return x == y ? nil : Change(key: key, kind: .changed, old: x, new: y)
            default: return nil
            }
        }
    }

    /// A value as people read it: compact JSON, with secrets replaced by `PolicyDiff.mask`.
    /// `masked` says whether anything was hidden.
    public func display(_ value: JSONValue, key: String) -> (text: String, masked: Bool) {
        let (shown, masked) = SecretMask(registry: registry).mask(value, key: key)
        return (JSONWriter.compact.string(shown), masked)
    }

    /// The changes as the build diff carries them (rendered, masked).
    public var keyChanges: [BuildDiff.KeyChange] {
        changes.map { change in
            let old = change.old.map { display($0, key: change.key) }
            let new = change.new.map { display($0, key: change.key) }
            return BuildDiff.KeyChange(key: change.key, kind: change.kind, old: old?.text, new: new?.text,
                                      masked: old?.masked == true || new?.masked == true)
        }
    }

    /// Reads and compares two policy files. When one side is an export for one platform
    /// (`.reg`, `.mobileconfig`, `managed-settings.json`...), per-platform values on the
    /// other side are compared as that platform's value. Nil with the findings when a side
    /// cannot be read in full.
    public static func compare(oldPath: String, newPath: String, loader: PolicyLoader) -> (diff: PolicyDiff?, findings: [Finding]) {
        compare(old: .file(oldPath), new: .file(newPath), loader: loader)
    }

    /// As `compare(oldPath:newPath:loader:)`, either side a file or standard input (whose
    /// kind is told from its content; it implies no platform).
    public static func compare(old oldSource: PolicySource, new newSource: PolicySource, loader: PolicyLoader) -> (diff: PolicyDiff?, findings: [Finding]) {
        let a = load(oldSource, loader: loader), b = load(newSource, loader: loader)
        guard var old = a.policy, var new = b.policy else { return (nil, a.findings + b.findings) }
        let platformOf = { (source: PolicySource) in source == .file(source.name) ? platform(ofFile: source.name) : nil }
        if let platform = platformOf(oldSource) ?? platformOf(newSource) {
            old = PlatformValues.resolve(old, for: platform)
            new = PlatformValues.resolve(new, for: platform)
        }
        return (PolicyDiff(old: old, new: new, registry: loader.registry, oldLabel: oldSource.name, newLabel: newSource.name),
                a.findings + b.findings)
    }

    /// The platform an exported file is read on, from its name.
    static func platform(ofFile path: String) -> PolicyPlatform? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let lower = name.lowercased()
        if lower.hasSuffix(".reg") { return .windows }
        if lower.hasSuffix(".mobileconfig") || lower.hasSuffix(".plist") { return .macos }
        if lower == "managed-settings.json" { return .linux }
        return nil
    }

    /// Reads one side of `cowork-dist diff`: a policy file (YAML/JSON with an optional
    /// `profile:`, layered over its preset) or any file `policy import` reads. Nil with
    /// the findings when it cannot be read or its reader reports an error: a diff of half
    /// a file would hide changes.
    public static func load(path: String, loader: PolicyLoader) -> (policy: ManagedPolicy?, findings: [Finding]) {
        load(.file(path), loader: loader)
    }

    /// One side from a file or standard input.
    public static func load(_ source: PolicySource, loader: PolicyLoader) -> (policy: ManagedPolicy?, findings: [Finding]) {
        let importer = PolicyImporter(registry: loader.registry)
        let path = source.name
        let bytes: [UInt8]
        do { bytes = try source.read() } catch {
            return (nil, [Finding(error)])
        }
        let format = source.documentFormat ?? .json
        if importer.kind(of: bytes, file: path) == .document,
           let document = try? DocumentLoader().parse(bytes: bytes, format: format, file: path),
           document.value[PolicyLoader.profileKey] != nil {
            let (policy, findings) = loader.policy(from: document)
            return findings.errorCount > 0 ? (nil, findings) : (policy, findings)
        }
        let (imported, findings) = importer.parse(bytes: bytes, file: path, format: format)
        let all = findings + (imported?.findings ?? [])
        guard let imported, all.errorCount == 0 else { return (nil, all) }
        return (imported.policy, all)
    }
}
