import Foundation
import Testing
import TestSupport

/// `render --schema`: validation before printing, in the ad-hoc form on real upstream files.
@Suite(.enabled(if: SharedData.isUsable, "needs ../shared/upstream"))
struct RenderSchemaTests {
    let binary = ProcessRunner.coworkDistBinary.path
    let upstream = SharedData.upstreamCurrent

    @Test func validResultPrintsAndInvalidLayerStopsWithPositions() throws {
        let base = upstream.appendingPathComponent("open-cowork.config.json").path
        let schema = upstream.appendingPathComponent("open-cowork.config.schema.json").path
        let good = try ProcessRunner.run(binary, ["render", "--base", base, "--overlay",
                                                  upstream.appendingPathComponent("examples/hosted-byok.config.json").path,
                                                  "--schema", schema])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.hasPrefix("{\n  \"$schema\""))
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let overlay = try dir.write("bad.yaml", "branding:\n  name: 5\n")
        let bad = try ProcessRunner.run(binary, ["render", "--base", base, "--overlay", overlay.path, "--schema", schema])
        #expect(bad.status == 1)
        #expect(bad.stdout.isEmpty)
        #expect(bad.stderr.contains("bad.yaml:2:9: error: [schema-type] branding.name must be string"))
    }
}
