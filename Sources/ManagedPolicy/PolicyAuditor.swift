import Foundation
import Documents
import Diagnostics

/// Reports what the app would do with an existing policy file: how values are stored
/// (native arrays/dicts where strings are expected, non-string booleans, unusable
/// registry types) plus every validation finding (unknown keys, types, providers).
public struct PolicyAuditor: Sendable {
    public var registry: KeyRegistry
    public var target: AppRelease?
    public var now: Date

    public init(registry: KeyRegistry, target: AppRelease? = nil, now: Date = Date()) {
        self.registry = registry
        self.target = target
        self.now = now
    }

    /// Audits a file of any importable kind.
    public func audit(path: String) -> [Finding] { audit(.file(path)) }

    /// Audits a file or standard input.
    public func audit(_ source: PolicySource) -> [Finding] {
        let (imported, findings) = PolicyImporter(registry: registry).load(source)
        guard let imported else { return findings }
        return audit(imported) + findings
    }

    public func audit(_ imported: ImportedPolicy) -> [Finding] {
        (imported.findings + PolicyValidator(registry: registry, target: target, now: now).validate(imported.policy)).sorted()
    }
}
