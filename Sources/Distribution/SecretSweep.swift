import Diagnostics
import Documents
import Foundation
import ManagedPolicy
import OpenCowork

/// Secrets over every input that ships, not only the config layers: the 3P policy file
/// and the org plugins' JSON files (`.mcp.json` holds server headers and env), plus the
/// redaction of every secret text — literal or resolved from the environment — from all
/// other findings, so no report (text, JSON, SARIF) repeats a credential.
enum SecretSweep {
    /// Findings for literal secrets in the policy document and in plugin JSON files.
    /// Unreadable files are left to the checks that own them (they report it).
    static func scan(policyPath: String?, plugins: OrgPluginSet?) -> (findings: [Finding], secrets: [String]) {
        var documents: [Document] = []
        if let policyPath, DocumentFormat(pathExtension: (policyPath as NSString).pathExtension) != nil,
           let document = try? DocumentLoader().load(path: policyPath) {
            documents.append(document)
        }
        for plugin in plugins?.plugins ?? [] {
            for file in plugin.files where file.relativePath.hasSuffix(".json") {
                if let document = try? DocumentLoader().load(path: file.source.path, format: .json,
                                                             displayName: plugin.directory.appendingPathComponent(file.relativePath).path) {
                    documents.append(document)
                }
            }
        }
        return (documents.flatMap(SecretScanner.scan), documents.flatMap(SecretScanner.secrets))
    }
}
