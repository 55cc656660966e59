import Foundation
import Documents
import Diagnostics

/// The policy stages end to end — load (with preset), validate, export — for the CLI and
/// the distribution build. Nothing is produced when validation finds an error.
public struct PolicyWorkflow: Sendable {
    public var loader: PolicyLoader
    public var target: AppRelease?

    public init(loader: PolicyLoader, target: AppRelease? = nil) {
        self.loader = loader
        self.target = target
    }

    /// A workflow over the bundled registry and presets.
    public static func bundled(target: AppRelease? = nil) throws -> PolicyWorkflow {
        PolicyWorkflow(loader: try PolicyLoader.bundled(), target: target)
    }

    public var registry: KeyRegistry { loader.registry }

    /// Loads and validates a policy file; `profile` overrides the file's `profile:`.
    public func check(path: String, profile: String? = nil) -> (policy: ManagedPolicy?, findings: [Finding]) {
        let (policy, loadFindings) = loader.load(path: path, profile: profile)
        guard let policy else { return (nil, loadFindings) }
        // A finding about a key the file lacks has no line of its own: it points at the file.
        let start = SourceLocation(file: path, line: 1, column: 1)
        let findings = (loadFindings + PolicyValidator(registry: registry, target: target).validate(policy)
            + loader.presetExpectations(policy)).map { finding in
                var located = finding
                if located.location == nil { located.location = start }
                return located
            }
        return (policy, findings.sorted())
    }

    /// Checks, then exports; bytes are nil when any finding is an error.
    public func export(path: String, profile: String? = nil, format: PolicyExportFormat,
                       options: PolicyExportOptions) -> (bytes: [UInt8]?, findings: [Finding]) {
        let (policy, findings) = check(path: path, profile: profile)
        guard let policy, findings.errorCount == 0 else { return (nil, findings) }
        return export(policy, format: format, options: options, findings: findings)
    }

    /// Exports an already validated policy.
    public func export(_ policy: ManagedPolicy, format: PolicyExportFormat, options: PolicyExportOptions,
                       findings: [Finding] = []) -> (bytes: [UInt8]?, findings: [Finding]) {
        do {
            return (try PolicyExporter(registry: registry).export(policy, format: format, options: options), findings)
        } catch {
            return (nil, findings + [Finding(.error, code: "policy-export", message: error.message, location: error.location)])
        }
    }
}
