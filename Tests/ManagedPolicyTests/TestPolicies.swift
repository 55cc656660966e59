import Foundation
import Documents
import Diagnostics
@testable import ManagedPolicy

/// Shared helpers: the bundled workflow and policies parsed from YAML text.
enum TestPolicies {
    /// A fixed day after the vendor's 2026-10-07 cut-off, so results do not depend on the clock.
    static let now = ISO8601DateFormatter().date(from: "2026-12-01T00:00:00Z") ?? Date(timeIntervalSince1970: 1_795_000_000)

    static func workflow(target: String? = nil) throws -> PolicyWorkflow {
        try PolicyWorkflow.bundled(target: target.flatMap(AppRelease.init), now: now)
    }

    /// Parses YAML policy text (as file `name`) and returns the layered policy and all
    /// findings (load + validation + preset expectations).
    static func check(_ yaml: String, name: String = "policy.yaml", target: String? = nil) throws -> (ManagedPolicy?, [Finding]) {
        let workflow = try workflow(target: target)
        let document = try DocumentLoader().parse(bytes: Array(yaml.utf8), format: .yaml, file: name)
        let (policy, findings) = workflow.loader.policy(from: document)
        guard let policy else { return (nil, findings) }
        return (policy, (findings + workflow.validator.validate(policy)).sorted())
    }

    /// A clean gateway policy, one key per line (line numbers are used by tests).
    static let baseLines = [
        "inferenceProvider: gateway",
        "deploymentOrganizationUuid: 3f2b8c1e-9a4d-4e7f-8b6a-1c2d3e4f5a6b",
        "inferenceGatewayBaseUrl: https://gateway.example.com",
        "inferenceGatewayApiKey: sk-placeholder",
        "inferenceModels: [claude-sonnet-4, {name: claude-opus-4, supports1m: true}]",
    ]

    static func base(without: [String] = [], extra: [String] = []) -> String {
        (baseLines.filter { line in !without.contains { line.hasPrefix($0 + ":") } } + extra).joined(separator: "\n") + "\n"
    }

    /// The 1-based line of the first line containing `marker`.
    static func line(of marker: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(marker) }.map { $0 + 1 }
    }

    static var repoRoot: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }
}
