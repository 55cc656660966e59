import Diagnostics
import Documents
import Foundation
import OpenCowork
import Schema
import Testing
import TestSupport
@testable import Distribution

/// Text checks (pattern, length, enum, ...) on a string that still holds a placeholder
/// would judge the placeholder, not the value the app substitutes at launch: they become
/// a note. Provider options are validated raw by the app, so there they stand.
@Suite struct SchemaPlaceholderTests {
    static let schema: JSONValue = [
        "type": "object",
        "properties": [
            "allowedEnvPlaceholders": ["type": "array"],
            "url": ["type": "string", "pattern": "^https://"],
            "mode": ["enum": ["a", "b"]],
            "count": ["type": "integer"],
            "providers": ["type": "object", "properties": ["custom": ["type": "object", "additionalProperties": [
                "type": "object", "properties": ["options": ["type": "object", "additionalProperties": [
                    "type": "string", "pattern": "^[a-z]+$"]]]]]]],
        ],
    ]

    func check(_ text: String) throws -> [Finding] {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("base.json", text)
        let (result, findings) = Pipeline.layersOnward(LayerPlan(sources: [
            LayerSource(name: "base", path: file, displayName: "base.json", root: dir.url)]))
        let loaded = try #require(result)
        return findings + SchemaCheck(schema: try JSONSchema(compiling: Self.schema)).run(layers: loaded.layers, merged: loaded.merged)
    }

    @Test func placeholderTextIsNotPatternCheckedButNoted() throws {
        let findings = try check(#"{"allowedEnvPlaceholders": ["URL", "MODE"], "url": "{env:URL}", "mode": "{env:MODE}"}"#)
        #expect(findings.map(\.code) == ["schema-placeholder-unchecked", "schema-placeholder-unchecked"])
        #expect(findings.allSatisfy { $0.severity == .note })
        #expect(findings.map(\.pointer) == ["/url", "/mode"])
        #expect(findings.first?.location?.line == 1)
    }

    @Test func literalTextAndOtherKeywordsStillFail() throws {
        let findings = try check(#"{"url": "http://x", "count": "{file:n.txt}"}"#)
        // The type of a placeholder string is known (a string), so `type` still applies.
        #expect(Set(findings.map(\.code)).isSuperset(of: ["schema-pattern", "schema-type"]))
        #expect(!findings.contains { $0.code == "schema-placeholder-unchecked" })
    }

    @Test func providerOptionsAreCheckedRaw() throws {
        let findings = try check(#"{"allowedEnvPlaceholders": ["K"], "providers": {"custom": {"p": {"options": {"key": "{env:K}"}}}}}"#)
        #expect(findings.filter { $0.severity == .error }.map(\.code) == ["schema-pattern"])
        #expect(findings.first { $0.code == "schema-pattern" }?.pointer == "/providers/custom/p/options/key")
    }

    /// Against the real upstream: a kept telemetry endpoint placeholder is not judged by
    /// `^https://.+`, and an unlisted name in a custom provider's options is refused as
    /// the app refuses it, while a listed one stays raw and validates.
    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"))
    func realUpstreamPlaceholderRules() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let upstream = SharedData.upstreamCurrent
        func run(_ overlay: String) throws -> [Finding] {
            let file = try dir.write("over.json", overlay)
            let (result, findings) = Pipeline.layersOnward(LayerPlan(sources: [
                LayerSource(name: "upstream", path: upstream.appendingPathComponent("open-cowork.config.json"),
                            displayName: "upstream.json", root: upstream),
                LayerSource(name: "over", path: file, displayName: "over.json", root: dir.url)]))
            let loaded = try #require(result)
            let schema = try DocumentLoader().load(path: upstream.appendingPathComponent("open-cowork.config.schema.json").path,
                                                   format: .jsonc)
            return findings + SchemaCheck(schema: try JSONSchema(compiling: schema.value)).run(layers: loaded.layers, merged: loaded.merged)
        }
        let telemetry = try run(#"{"allowedEnvPlaceholders": ["TELEMETRY_URL"], "telemetry": {"enabled": true, "endpoint": "{env:TELEMETRY_URL}"}}"#)
        #expect(telemetry.filter { $0.severity == .error }.isEmpty, "\(telemetry)")
        #expect(telemetry.filter { $0.code == "schema-placeholder-unchecked" }.map(\.pointer) == ["/telemetry/endpoint"])

        let provider = #"{"allowedEnvPlaceholders": [ALLOW], "providers": {"custom": {"dbx": {"name": "Databricks", "npm": "@ai-sdk/openai-compatible", "models": {"dbrx": {"name": "DBRX"}}, "options": {"baseURL": "https://dbx.example/serving", "apiKey": "{env:DBX_TOKEN}"}}}}}"#
        let unlisted = try run(provider.replacingOccurrences(of: "ALLOW", with: ""))
        #expect(unlisted.filter { $0.severity == .error }.map(\.code) == ["placeholder-not-allowed"], "\(unlisted)")
        let listed = try run(provider.replacingOccurrences(of: "ALLOW", with: #""DBX_TOKEN""#))
        #expect(listed.filter { $0.severity == .error }.isEmpty, "\(listed)")
    }
}
