import Foundation
import Testing
import TestSupport

/// The bundled registry is what scripts/generate-key-registry.py makes from the reference
/// and the curation file, byte for byte; and the curation restates none of the reference's
/// own facts differently (those are copied by the script).
@Suite(.enabled(if: SharedData.isUsable, "needs ../shared/reference/cowork-3p"),
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "needs python3"))
struct RegistryGenerationTests {
    @Test func theCommittedRegistryIsTheGeneratedOne() throws {
        let script = SharedData.projectRoot.appendingPathComponent("scripts/generate-key-registry.py").path
        let result = try ProcessRunner.run("/usr/bin/python3", [script, "--check"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("matches the reference"))
    }

    /// Curated fields never override a fact the reference states for the same key (type,
    /// allowed values, default, range, provider, release, path): those come from the reference.
    @Test func theCurationAddsRulesWithoutRestatingReferenceFacts() throws {
        let data = try Data(contentsOf: SharedData.projectRoot.appendingPathComponent("scripts/key-registry-curation.json"))
        let curation = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let keys = try #require(curation["keys"] as? [String: [String: Any]])
        let copied: Set<String> = ["status", "section", "type", "allowed", "itemAllowed", "min", "max", "provider",
                                   "introduced", "introducedDate", "jsonPath", "availability", "sensitive", "description", "sources"]
        for (name, fields) in keys {
            #expect(copied.isDisjoint(with: fields.keys), "\(name) restates \(copied.intersection(fields.keys).sorted())")
        }
        #expect(keys.count > 0)
    }
}
