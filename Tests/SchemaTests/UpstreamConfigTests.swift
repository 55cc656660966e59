import Foundation
import Testing
import Documents
import Diagnostics
@testable import Schema
import TestSupport

/// The real upstream schema against the real upstream configs, and against a config
/// with one mistake of each kind planted in it.
@Suite struct UpstreamConfigTests {
    static func load(_ url: URL) throws -> Document { try DocumentLoader().load(path: url.path, format: .json) }

    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"), arguments: ["ba16c71", "1092033b"])
    func configValidatesAgainstItsOwnSchema(release: String) throws {
        let dir = SharedData.path("upstream/open-cowork/\(release)")
        let schema = try JSONSchema(compiling: Self.load(dir.appendingPathComponent("open-cowork.config.schema.json")).value)
        let config = try Self.load(dir.appendingPathComponent("open-cowork.config.json"))
        #expect(schema.validate(config.value) == [])
        #expect(schema.partial().validate(config.value) == [])
    }

    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"))
    func plantedMistakesAreEachReportedOnce() throws {
        let dir = SharedData.upstreamCurrent
        let schema = try JSONSchema(compiling: Self.load(dir.appendingPathComponent("open-cowork.config.schema.json")).value)
        var config = try Self.load(dir.appendingPathComponent("open-cowork.config.json")).value
        guard case .object(var root) = config, case .object(var branding)? = root["branding"],
              case .object(var auth)? = root["auth"] else {
            Issue.record("unexpected config shape"); return
        }
        branding["name"] = 42                                          // wrong type
        branding["appIcn"] = "icon.png"                                // typo of appIcon
        branding["dataDirName"] = nil                                  // missing required
        branding["projectNamespace"] = "Open_Cowork"                   // bad pattern
        branding["sidebar"] = ["top": ["variant": "logo", "mediaSize": 8]]  // out of range
        auth["mode"] = "google-oath"                                      // bad enum
        root["branding"] = .object(branding)
        root["auth"] = .object(auth)
        config = .object(root)

        // Write it out and read it back, so locations come from a real file.
        let text = JSONWriter().string(config)
        let document = try DocumentLoader().parse(bytes: Array(text.utf8), format: .json, file: "config.json")
        let violations = schema.validate(document.value)
        let summary = Set(violations.map { "\($0.instancePointer) \($0.keyword) \($0.message)" })
        #expect(summary == [
            "/branding required must have required property 'dataDirName'",
            "/branding/name type must be string",
            "/branding/appIcn additionalProperties must NOT have additional property 'appIcn' (did you mean 'appIcon'?)",
            "/branding/projectNamespace pattern must match pattern \"^[a-z0-9][a-z0-9-]*$\"",
            "/branding/sidebar/top/mediaSize minimum must be >= 16",
            "/auth/mode enum must be equal to one of the allowed values: none, google-oauth",
        ])
        #expect(violations.count == 6)
        let minimum = try #require(violations.first { $0.keyword == "minimum" })
        #expect(minimum.keywordPath == "/$defs/brandingSidebarTop/properties/mediaSize/minimum")
        let typo = try #require(violations.first { $0.keyword == "additionalProperties" })
        #expect(typo.suggestion == "rename 'appIcn' to 'appIcon'")
        #expect(typo.keywordPath == "/properties/branding/additionalProperties")

        // Through the Document adapter: codes, dotted messages and file:line.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func line(of needle: String, after anchor: String? = nil) -> Int? {
            let start = anchor.flatMap { a in lines.firstIndex { $0.contains(a) } } ?? 0
            return lines[start...].firstIndex { $0.contains(needle) }.map { $0 + 1 }
        }
        let findings = violations.findings(in: document)
        let byCode = Dictionary(grouping: findings, by: \.code)
        let media = try #require(byCode["schema-minimum"]?.first)
        #expect(media.message == "branding.sidebar.top.mediaSize must be >= 16")
        #expect(media.location?.line == line(of: "\"mediaSize\": 8"))
        #expect(media.pointer == "/branding/sidebar/top/mediaSize")
        let extra = try #require(byCode["schema-additional-properties"]?.first)
        #expect(extra.message == "branding must NOT have additional property 'appIcn' (did you mean 'appIcon'?)")
        #expect(extra.location?.line == line(of: "\"appIcn\""))
        #expect(extra.hint == "rename 'appIcn' to 'appIcon'")
        let required = try #require(byCode["schema-required"]?.first)
        #expect(required.location?.line == line(of: "\"branding\": {"))
        #expect(required.message == "branding must have required property 'dataDirName'")
        #expect(byCode["schema-enum"]?.first?.location?.line == line(of: "\"mode\": \"google-oath\""))
        #expect(byCode["schema-enum"]?.first?.hint == "did you mean 'google-oauth'?")
        #expect(byCode["schema-type"]?.first?.message == "branding.name must be string")
        #expect(byCode["schema-pattern"]?.first?.location?.line == line(of: "\"projectNamespace\""))
        #expect(Set(findings.map(\.code)) == ["schema-minimum", "schema-additional-properties", "schema-required",
                                                "schema-enum", "schema-type", "schema-pattern"])
    }

    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"))
    func partialSchemaAcceptsAnOverlayMissingRequiredKeys() throws {
        let dir = SharedData.upstreamCurrent
        let full = try JSONSchema(compiling: Self.load(dir.appendingPathComponent("open-cowork.config.schema.json")).value)
        let overlay: JSONValue = ["branding": ["name": "Acme Cowork", "sidebar": ["top": ["mediaSize": 32]]],
                                  "auth": ["googleOAuth": ["scopes": ["email"]]]]
        let fullViolations = full.validate(overlay)
        #expect(fullViolations.contains { $0.keyword == "required" && $0.instancePointer == "/branding" })
        #expect(fullViolations.contains { $0.keyword == "required" && $0.instancePointer == "/auth/googleOAuth" })
        #expect(fullViolations.contains { $0.keyword == "required" && $0.instancePointer == .root })
        #expect(full.partial().validate(overlay) == [])
        // The partial schema still checks everything else.
        let bad: JSONValue = ["branding": ["sidebar": ["top": ["mediaSize": 200]]]]
        #expect(full.partial().validate(bad).map(\.message) == ["must be <= 96"])
        // The JSON-level transform agrees with the compiled one.
        let rawSchema = try Self.load(dir.appendingPathComponent("open-cowork.config.schema.json")).value
        let stripped = JSONSchema.removingRequired(from: rawSchema)
        #expect(try JSONSchema(compiling: stripped).validate(overlay) == [])
        let discord: JSONValue = ["gateway": ["providers": [["kind": "discord"]]]]
        #expect(try JSONSchema(compiling: stripped).validate(discord).map(\.keyword)
            == full.partial().validate(discord).map(\.keyword))
    }

    /// Upstream's `cloneSchemaWithoutRequired` walks only properties, items,
    /// additionalProperties and $defs: a `required` inside allOf/if/then/oneOf still holds
    /// for every layer.
    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"))
    func partialSchemaKeepsRequiredInsideCombinatorsAsUpstreamDoes() throws {
        let full = try JSONSchema(compiling: Self.load(SharedData.upstreamCurrent
            .appendingPathComponent("open-cowork.config.schema.json")).value)
        // gatewayProviderConfig's own required (kind, channelBindingId) is relaxed, but its
        // allOf/if/then asks a discord provider for credentials and settings.
        let discord: JSONValue = ["gateway": ["providers": [["kind": "discord"]]]]
        let violations = full.partial().validate(discord)
        #expect(violations.filter { $0.keyword == "required" }.map(\.instancePointer) == ["/gateway/providers/0",
                                                                                            "/gateway/providers/0"])
        #expect(violations.map(\.message).contains("must have required property 'credentials'"))
        #expect(!violations.map(\.message).contains("must have required property 'channelBindingId'"))
        // A provider kind the if does not match needs nothing more from a layer.
        #expect(full.partial().validate(["gateway": ["providers": [["kind": "slack"]]]]) == [])
        let remaining = JSONWriter.compact.string(JSONSchema.removingRequired(from: try Self.load(SharedData.upstreamCurrent
            .appendingPathComponent("open-cowork.config.schema.json")).value))
        #expect(remaining.contains("\"required\":[\"credentials\",\"settings\"]"))
        #expect(!remaining.contains("\"required\":[\"kind\",\"channelBindingId\"]"))
    }

    @Test func partialRuleOnASmallSchema() throws {
        let schema = try JSONSchema(compiling: [
            "type": "object", "required": ["a"],
            "properties": ["a": ["type": "object", "required": ["x"],
                                "anyOf": [["required": ["y"]], ["required": ["z"]]]]],
            "$defs": ["d": ["required": ["q"]]],
            "additionalProperties": ["$ref": "#/$defs/d"],
        ])
        let partial = schema.partial()
        #expect(partial.validate([:]) == [])
        #expect(partial.validate(["extra": [:]]) == [], "a $ref into $defs lands on a relaxed target")
        #expect(!partial.validate(["a": [:]]).isEmpty, "anyOf branches keep their required")
        #expect(partial.validate(["a": ["y": 1]]) == [])
        #expect(schema.validate(["a": ["y": 1]]).map(\.keyword) == ["required"])
    }

    /// JavaScript reads 1e400 as Infinity, and Ajv (strict, so strictNumbers) refuses
    /// non-finite numbers for both `number` and `integer`.
    @Test func numbersBeyondDoubleRangeFailNumberAndInteger() throws {
        let schema = try JSONSchema(compiling: ["type": "object", "properties": [
            "n": ["type": "number"], "i": ["type": "integer"], "u": ["type": ["number", "string"]], "any": [:]]])
        for literal in ["1e400", "-1e400", "1" + String(repeating: "0", count: 400)] {
            let value = try JSONReader(format: .json).read("{\"n\": \(literal), \"i\": \(literal), \"u\": \(literal), \"any\": \(literal)}").value
            let violations = schema.validate(value)
            #expect(violations.map(\.instancePointer) == ["/n", "/i", "/u"], "\(literal)")
            #expect(violations.allSatisfy { $0.keyword == "type" && $0.suggestion?.contains("Infinity") == true })
        }
        let finite = try JSONReader(format: .json).read(#"{"n": 1e300, "i": 1e300, "u": 1e-400}"#).value
        #expect(schema.validate(finite) == [], "large finite numbers and underflow to 0 are fine, as in JavaScript")
    }
}
