import Documents
import Diagnostics

/// After merging: every `{env:NAME}` kept in the merged config — provider options
/// included, which the app walks for the allowlist too — must be in the final
/// `allowedEnvPlaceholders` (the app would refuse the config otherwise), and the
/// `{file:}` targets still referenced are the files to ship, one source per destination.
public struct PlaceholderCheck: Sendable {
    public init() {}

    public struct Result: Sendable {
        /// Kept placeholder names, sorted.
        public var kept: [String]
        /// Names substituted at build time, sorted (names only, never values).
        public var resolved: [String]
        /// Files to install beside the config, sorted by destination.
        public var files: [ShippedFile]
    }

    public func run(_ merged: MergedConfig, layers: [Layer]) -> (Result, [Finding]) {
        var findings: [Finding] = []
        let allowed = Set((merged.value["allowedEnvPlaceholders"]?.arrayValue ?? []).compactMap(\.stringValue))
        var kept = Set<String>()
        var fileRefs = Set<String>()
        collect(merged.value, at: .root) { pointer, match in
            switch match.kind {
            case .file:
                // Options stay raw, so their {file:} targets are not the build's to ship.
                if !PlaceholderResolver.isRawOptions(pointer) { fileRefs.insert(match.argument) }
            case .env:
                kept.insert(match.argument)
                guard !allowed.contains(match.argument) else { return }
                let use = layers.reversed().lazy.flatMap(\.placeholders).first { $0.pointer == pointer && $0.name == match.argument }
                // Already reported against its own file; one error per placeholder is enough.
                if use?.allowedInFile == false { return }
                findings.append(Finding(.error, code: .placeholderNotAllowedFinal,
                                        message: "{env:\(match.argument)} stays in the merged config, but the final allowedEnvPlaceholders does not list it; the app would refuse the config",
                                        location: use?.location ?? merged.provenance.location(of: pointer), pointer: pointer,
                                        hint: "allowedEnvPlaceholders is a list, so the last layer that sets it replaces earlier ones; list \(match.argument) there (or use $append)"))
            }
        }
        var byDestination: [String: ShippedFile] = [:]
        for file in layers.flatMap(\.files) where fileRefs.contains(file.reference) {
            if let existing = byDestination[file.destination], existing.source != file.source {
                findings.append(Finding(.error, code: .placeholderFileConflict,
                                        message: "{file:\(file.reference)} names \(file.source.path), but \(existing.location) names \(existing.source.path) for the same place",
                                        location: file.location))
                continue
            }
            byDestination[file.destination] = file
        }
        let resolved = Set(layers.flatMap(\.placeholders).filter(\.resolved).map(\.name))
        let result = Result(kept: kept.sorted(), resolved: resolved.sorted(),
                            files: byDestination.values.sorted { $0.destination < $1.destination })
        return (result, findings)
    }

    private func collect(_ value: JSONValue, at pointer: JSONPointer, _ visit: (JSONPointer, PlaceholderScanner.Match) -> Void) {
        switch value {
        case .string(let text): for match in PlaceholderScanner.scan(text) { visit(pointer, match) }
        case .array(let items): for (index, item) in items.enumerated() { collect(item, at: pointer / index, visit) }
        case .object(let object): for (key, member) in object { collect(member, at: pointer / key, visit) }
        default: break
        }
    }
}
