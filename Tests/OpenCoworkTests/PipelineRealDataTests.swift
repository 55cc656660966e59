import Foundation
import Testing
import Documents
import Diagnostics
import TestSupport
@testable import OpenCowork

/// The real upstream config merged with each of upstream's own examples as an overlay.
@Suite struct PipelineRealDataTests {
    static let examples = ["example-org.config.json", "hosted-byok.config.json", "self-host-oss.config.json"]

    var upstreamConfig: URL { SharedData.upstreamCurrent.appendingPathComponent("open-cowork.config.json") }
    func example(_ name: String) -> URL { SharedData.upstreamCurrent.appendingPathComponent("examples/\(name)") }

    func load(_ name: String) -> (PipelineResult?, [Finding]) {
        Pipeline.load(base: upstreamConfig.path, overlays: [example(name).path])
    }

    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"), arguments: examples)
    func everyTopLevelKeyComesFromTheRightFileAndLine(name: String) throws {
        let (loaded, findings) = load(name)
        let result = try #require(loaded)
        #expect(findings.errorCount == 0, "\(findings)")
        let overlay = try DocumentLoader().load(path: example(name).path, format: .jsonc)
        let upstream = try DocumentLoader().load(path: upstreamConfig.path, format: .jsonc)
        let overlayKeys = overlay.value.objectValue?.keys ?? []
        for key in result.value.objectValue?.keys ?? [] {
            let pointer = JSONPointer.root / key
            let expected = try #require(MergeStage.deepMerge(upstream.value, overlay.value)[pointer])
            #expect(result.value[pointer] == expected, "\(key)")
            let location = try #require(result.provenance.location(of: pointer))
            if overlayKeys.contains(key), overlay.value[pointer]?.objectValue != nil {
                // Objects merge: the overlay set something inside.
                #expect(result.provenance.layersTouching(pointer).contains(1), "\(key)")
            } else if overlayKeys.contains(key) {
                #expect(location.file == example(name).path)
                // The line that spells the key at the top level of the overlay.
                let line = try LayerFixtures.line(of: "  \"\(key)\":", in: example(name))
                #expect(location.line == line, "\(key)")
            } else {
                #expect(location.file == upstreamConfig.path, "\(key)")
            }
        }
    }

    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"))
    func exampleOrgSpotChecks() throws {
        let (loaded, _) = load("example-org.config.json")
        let result = try #require(loaded)
        let file = example("example-org.config.json")
        #expect(result.value["/branding/name" as JSONPointer] == "Example Cowork")
        let name = try #require(result.provenance.origin(of: "/branding/name"))
        #expect(name.layerIndex == 1 && name.location.file == file.path)
        #expect(name.location.line == (try LayerFixtures.line(of: "\"name\": \"Example Cowork\"", in: file)))
        let history = result.provenance.history(of: "/branding/name")
        #expect(history.map(\.value) == ["Open Cowork", "Example Cowork"])
        #expect(history.first?.location.line == (try LayerFixtures.line(of: "\"name\": \"Open Cowork\"", in: upstreamConfig)))
        // Upstream keys the overlay leaves alone survive the object merge.
        #expect(result.value["/branding/defaultTheme" as JSONPointer] == "mercury")
        #expect(result.provenance.origin(of: "/branding/defaultTheme")?.layerIndex == 0)
        #expect(result.value["/providers/descriptors/openrouter/name" as JSONPointer] == "OpenRouter")
        // null sets null; arrays replace.
        #expect(result.value["/providers/defaultProvider" as JSONPointer] == .null)
        #expect(result.value["/providers/available" as JSONPointer] == .array([]))
        #expect(result.value["/tools" as JSONPointer] == .array([]))
        #expect(result.placeholders.kept.contains("OPEN_COWORK_GATEWAY_ADMIN_TOKEN"))
        // Base keys keep their position, new keys follow in overlay order.
        let keys = result.value.objectValue?.keys ?? []
        #expect(Array(keys.prefix(4)) == ["$schema", "contractVersion", "allowedEnvPlaceholders", "branding"])
        #expect(keys.firstIndex(of: "compaction")! < keys.firstIndex(of: "cloud")!)
    }

    @Test(.enabled(if: SharedData.isUsable, "needs ../shared"))
    func hostedByokAndSelfHostSpotChecks() throws {
        let byok = try #require(load("hosted-byok.config.json").0)
        #expect(byok.value["/branding/shortName" as JSONPointer] == "OC")
        #expect(byok.provenance.origin(of: "/branding/shortName")?.layerIndex == 0)
        #expect(byok.value["/branding/sidebar/top/subtitle" as JSONPointer] == "Private beta")
        let subtitle = try #require(byok.provenance.origin(of: "/branding/sidebar/top/subtitle"))
        #expect(subtitle.location.line == (try LayerFixtures.line(of: "\"subtitle\": \"Private beta\"", in: example("hosted-byok.config.json"))))
        // Same value, but the overlay set it: provenance says so.
        #expect(byok.provenance.origin(of: "/branding/name")?.layerIndex == 1)

        let selfHost = try #require(load("self-host-oss.config.json").0)
        #expect(selfHost.value["/branding/name" as JSONPointer] == "Open Cowork Self Host")
        #expect(selfHost.value["/compaction" as JSONPointer] != nil)
        #expect(selfHost.provenance.layersTouching("/compaction") == [0])
        #expect(selfHost.provenance.layersTouching("/branding") == [0, 1])
    }
}
