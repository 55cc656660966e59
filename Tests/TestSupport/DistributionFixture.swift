import Foundation


/// A small self-contained distribution written into a temporary directory: its own tiny
/// upstream (config and schema written here), one YAML overlay, a skill, a logo and a
/// local MCP. Tests change files in it to make hostile variants.
public struct DistributionFixture {
    public let dir: TemporaryDirectory
    public var root: URL { dir.file("dist") }

    public init() throws {
        dir = try TemporaryDirectory(prefix: "cowork-dist-build")
        try dir.write("upstream/open-cowork.config.json", """
            {
              "contractVersion": 1,
              "allowedEnvPlaceholders": [],
              "branding": {"name": "Open Cowork", "appId": "com.opencowork.desktop", "dataDirName": "open-cowork",
                           "projectNamespace": "opencowork", "helpUrl": "https://example.org/help"},
              "providers": {"available": ["p"], "descriptors": {"p": {"name": "P", "models": [{"id": "m1"}], "defaultModel": "m1"}},
                            "defaultProvider": "p"},
              "skills": [],
              "mcps": []
            }
            """)
        try dir.write("upstream/open-cowork.config.schema.json", """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "required": ["contractVersion", "branding"],
             "properties": {
               "contractVersion": {"const": 1},
               "allowedEnvPlaceholders": {"type": "array", "items": {"type": "string"}},
               "branding": {"type": "object", "required": ["name"], "properties": {
                 "name": {"type": "string"}, "appId": {"type": "string"}, "dataDirName": {"type": "string"},
                 "projectNamespace": {"type": "string"}, "helpUrl": {"type": "string"},
                 "sidebar": {"type": "object"}}, "additionalProperties": false},
               "providers": {"type": "object"},
               "skills": {"type": "array"}, "mcps": {"type": "array"}, "agents": {"type": "array"}
             }, "additionalProperties": false}
            """)
        try dir.write("dist/distribution.yaml", """
            name: acme-fixture
            version: 2.0.0
            upstream: {path: ../upstream}
            overlays: [acme.yaml]
            targets:
              desktop: {platforms: [macos, linux, windows], formats: [tar.gz, zip], delivery: [downstream-root, app-resources]}
            """)
        try dir.write("dist/acme.yaml", """
            branding:
              name: Acme
              appId: com.acme.cowork
              dataDirName: acme
              projectNamespace: acme
              sidebar: {top: {variant: logo-text, logoAsset: branding/logo.svg}}
            skills:
              $append:
                - {name: Acme Help, description: Helps., sourceName: acme-help}
            mcps:
              $append:
                - {name: acme-tools, type: local, packageName: acme-tools}
            """)
        try dir.write("dist/skills/acme-help/SKILL.md", "---\nname: acme-help\ndescription: Helps.\n---\nBody\n")
        try dir.write("dist/mcps/acme-tools/dist/index.js", "#!/usr/bin/env node\nconsole.log('tools')\n")
        try dir.write("dist/branding/logo.svg",
                      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"96\" height=\"96\"><rect width=\"96\" height=\"96\"/></svg>\n")
        // An executable script keeps its x bit: 0755 in every archive.
        let tool = dir.file("dist/mcps/acme-tools/dist/index.js").path
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool)
    }

    public func remove() { dir.remove() }
}
