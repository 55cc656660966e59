import Foundation
import Testing
import Documents
import TestSupport

/// The built `cowork-dist audit-models` binary, end to end with snapshot files.
@Suite("audit-models command")
struct ModelAuditCLITests {
    @Test func jsonReportSavedCatalogsAndExitCodes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let featured = ["deepseek/deepseek-v4-flash", "openai/gpt-5.5"]
        try dir.write("config.json", CatalogFixtures.config(catalogURL: "https://example.invalid/models", featured: featured,
                                                            defaultModel: "deepseek/deepseek-v4-flash"))
        try dir.write("snap.json", CatalogFixtures.openRouter(ids: featured))
        try dir.write("short.json", CatalogFixtures.openRouter(ids: ["openai/gpt-5.5"]))
        let binary = ProcessRunner.coworkDistBinary.path
        let common = ["audit-models", "--config", "config.json", "--offline", "--cache-dir", dir.file("cache").path]

        let clean = try ProcessRunner.run(binary, common + ["--catalog", "openrouter=snap.json", "--format", "json",
                                                            "--save-catalogs", "saved"], cwd: dir.url)
        #expect(clean.status == 0, "\(clean.stderr)")
        let json = try JSONReader().read(clean.stdout).value
        #expect(json["catalogs"]?[0]?["models"]?.numberValue?.intValue == 2)
        #expect(json["catalogs"]?[0]?["provider"]?.stringValue == "openrouter")
        let saved = try Data(contentsOf: dir.file("saved/openrouter.json"))
        #expect(saved == (try Data(contentsOf: dir.file("snap.json"))))

        let failing = try ProcessRunner.run(binary, common + ["--catalog", "openrouter=short.json"], cwd: dir.url)
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("config.json:"))
        #expect(failing.stdout.contains("[model-missing]"))

        let unreadable = try ProcessRunner.run(binary, common + ["--catalog", "openrouter=nope.json"], cwd: dir.url)
        #expect(unreadable.status == 1)
        #expect(unreadable.stdout.contains("[model-catalog-unreadable]"))

        // A misspelt provider is a usage error naming the known ones, not a catalog nobody checks against.
        let typo = try ProcessRunner.run(binary, common + ["--catalog", "openroutr=snap.json"], cwd: dir.url)
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("'openroutr'") && typo.stderr.contains("did you mean 'openrouter'?"), "\(typo.stderr)")
        #expect(typo.stderr.contains("known providers: openrouter"))
        #expect(typo.stdout.isEmpty)

        let usage = try ProcessRunner.run(binary, ["audit-models", "--config", "config.json", "--release-date", "March"], cwd: dir.url)
        #expect(usage.status != 0 && usage.status != 1)
        let missingFile = try ProcessRunner.run(binary, ["audit-models", "--config", "absent.json"], cwd: dir.url)
        #expect(missingFile.status == 2)
    }

    /// A 3P policy is read as `policy check` reads it (a JSON-array string decoded by the
    /// registry's types) and audited against a Bedrock ListInferenceProfiles snapshot.
    @Test func aPolicyAgainstABedrockSnapshot() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("managed.yaml", """
            inferenceProvider: bedrock
            inferenceModels: '["us.anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic.claude-haiku-4-5-20251001-v1:0"]'
            """)
        try dir.write("list.yaml", "- inferenceProvider\n")
        let snapshot = SharedData.projectRoot.appendingPathComponent("Tests/Fixtures/catalogs/bedrock-inference-profiles.json").path
        let binary = ProcessRunner.coworkDistBinary.path
        let common = ["audit-models", "--offline", "--cache-dir", dir.file("cache").path, "--catalog", "bedrock=" + snapshot]
        let result = try ProcessRunner.run(binary, common + ["--policy", "managed.yaml"], cwd: dir.url)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("managed.yaml:2:"), "\(result.stdout)")
        #expect(result.stdout.contains("[model-missing]"))
        #expect(result.stdout.contains("did you mean 'us.anthropic.claude-haiku-4-5-20251001-v1:0'"))
        #expect(!result.stdout.contains("claude-sonnet-4-5-20250929-v1:0' is not"))
        let notAMap = try ProcessRunner.run(binary, ["audit-models", "--policy", "list.yaml", "--offline"], cwd: dir.url)
        #expect(notAMap.status == 1)
        #expect(notAMap.stdout.contains("[policy-not-mapping]"), "\(notAMap.stdout)")
    }
}
