import Foundation
import Documents
import Diagnostics

/// The policy stages end to end — load (with preset), validate, export — for the CLI and
/// the distribution build. Nothing is produced when validation finds an error.
public struct PolicyWorkflow: Sendable {
    public var loader: PolicyLoader
    public var target: AppRelease?
    /// The day deprecation cut-offs are judged against (today, unless a test fixes it).
    public var now: Date

    public init(loader: PolicyLoader, target: AppRelease? = nil, now: Date = Date()) {
        self.loader = loader
        self.target = target
        self.now = now
    }

    /// A workflow over the bundled registry and presets.
    public static func bundled(target: AppRelease? = nil, now: Date = Date()) throws -> PolicyWorkflow {
        PolicyWorkflow(loader: try PolicyLoader.bundled(), target: target, now: now)
    }

    /// The validator this workflow applies.
    public var validator: PolicyValidator { PolicyValidator(registry: registry, target: target, now: now) }

    public var registry: KeyRegistry { loader.registry }

    /// Loads and validates a policy file; `profile` overrides the file's `profile:`.
    public func check(path: String, profile: String? = nil, profileSource: String = "--profile") -> (policy: ManagedPolicy?, findings: [Finding]) {
        check(.file(path), profile: profile, profileSource: profileSource)
    }

    /// Loads and validates a policy from a file or standard input.
    public func check(_ source: PolicySource, profile: String? = nil, profileSource: String = "--profile") -> (policy: ManagedPolicy?, findings: [Finding]) {
        let (policy, loadFindings) = loader.load(source, profile: profile, profileSource: profileSource)
        guard let policy else { return (nil, loadFindings) }
        // A finding about a key the file lacks has no line of its own: it points at the file.
        let start = SourceLocation(file: source.name, line: 1, column: 1)
        let findings = (loadFindings + validator.validate(policy)
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
        var findings = findings
        if format == .reg && options.scope == .user {
            // The app does not merge hives: any value under HKLM makes it ignore HKCU entirely.
            findings.append(Finding(.warning, code: .policyRegUserScope,
                                    message: "HKCU values are ignored on every device where HKLM\\\(registry.registryPath) holds any value",
                                    hint: "deliver every profile through HKCU with HKLM empty, or use --scope machine"))
        }
        if format == .reg && options.merge {
            findings.append(Finding(.note, code: .policyRegMerge,
                                    message: "--merge keeps values already under the key: a value this policy drops stays in force",
                                    hint: "leave out --merge to replace the key"))
        }
        if !format.isSchemaOnly {
            let resolved = PlatformValues.resolve(policy, for: format.platform)
            if PlatformValues.isPerPlatform(policy) {
                // The view this export carries may not be one `check` validated (a platform no value names).
                let known = Set(findings)
                findings += validator.validate(resolved).filter { !known.contains($0) }
                if findings.errorCount > 0 { return (nil, findings) }
            }
            findings += PlatformPathCheck().check(resolved, format: format)
        }
        do {
            return (try PolicyExporter(registry: registry).export(policy, format: format, options: options), findings)
        } catch {
            return (nil, findings + [Finding(.error, code: .policyExport, message: error.message, location: error.location)])
        }
    }
}
