import Documents
import Testing
import TestSupport
@testable import OpenCowork

/// The runtime overlay: deepMerge(bundled, overlay) gives the checked config exactly,
/// and the overlay carries nothing the bundled config already has.
@Suite struct RuntimeOverlayTests {
    static let keys = ["a", "b", "c", "d", "e"]

    func value(_ random: inout SplitMix, depth: Int) -> JSONValue {
        switch random.below(depth > 2 ? 4 : 6) {
        case 0: return .string("s\(random.below(3))")
        case 1: return .number(JSONNumber(random.below(3)))
        case 2: return random.below(2) == 0 ? .bool(true) : .null
        case 3: return .array((0..<random.below(3)).map { _ in .number(JSONNumber(random.below(3))) })
        default: return object(&random, depth: depth + 1)
        }
    }

    func object(_ random: inout SplitMix, depth: Int) -> JSONValue {
        var members = JSONObject()
        for _ in 0..<random.below(4) { members[Self.keys[random.below(Self.keys.count)]] = value(&random, depth: depth) }
        return .object(members)
    }

    /// Every pointer to a member of an object inside `value`.
    func memberPointers(_ value: JSONValue, at pointer: JSONPointer = .root) -> [JSONPointer] {
        guard case .object(let object) = value else { return [] }
        return object.flatMap { [pointer / $0.key] + memberPointers($0.value, at: pointer / $0.key) }
    }

    @Test func randomStacksRoundTripThroughTheMinimalOverlay() {
        var random = SplitMix(seed: 20261129)
        var overlaysWithContent = 0, unreachable = 0
        for _ in 0..<500 {
            let bundled = object(&random, depth: 0)
            let checked = (0..<(1 + random.below(3))).reduce(bundled) { merged, _ in
                MergeStage.deepMerge(merged, object(&random, depth: 0))
            }
            let overlay = RuntimeOverlay.minimal(bundled: bundled, checked: checked)
            if !overlay.problems.isEmpty {
                // Only a stack that replaced an object by a scalar and then by another
                // object reorders keys: no single layer over the bundled object can.
                for problem in overlay.problems {
                    if problem.kind == .removedKey {
                        #expect(checked[problem.pointer] == nil && bundled[problem.pointer] != nil)
                        continue
                    }
                    let base = bundled[problem.pointer]?.objectValue, target = checked[problem.pointer]?.objectValue
                    if let base, let target {
                        let reachable = base.keys.filter { target[$0] != nil } + target.keys.filter { base[$0] == nil }
                        #expect(target.keys != reachable || base.keys.contains { target[$0] == nil })
                    }
                }
                unreachable += 1
                continue
            }
            #expect(MergeStage.deepMerge(bundled, overlay.value).isIdentical(to: checked), "\(bundled) + \(overlay.value) != \(checked)")
            for pointer in memberPointers(overlay.value) {
                if let old = bundled[pointer], let new = checked[pointer] {
                    #expect(!old.isIdentical(to: new), "the overlay repeats \(pointer), which the bundled config already has")
                }
            }
            if !(overlay.value.objectValue?.isEmpty ?? true) { overlaysWithContent += 1 }
        }
        #expect(overlaysWithContent > 250, "the generator must exercise non-empty overlays")
        #expect(unreachable < 100, "most stacks are expressible as one runtime layer")
    }

    @Test func untouchedKeysAreLeftToTheApp() {
        let bundled: JSONValue = ["agents": [["name": "build"]], "branding": ["name": "Open Cowork", "dataDirName": "open-cowork"]]
        let checked: JSONValue = ["agents": [["name": "build"]], "branding": ["name": "Acme", "dataDirName": "open-cowork"]]
        let overlay = RuntimeOverlay.minimal(bundled: bundled, checked: checked)
        #expect(overlay.value.isIdentical(to: ["branding": ["name": "Acme"]]))
    }

    @Test func aRemovedKeyCannotBeARuntimeOverlay() {
        let bundled: JSONValue = ["tools": [], "branding": ["name": "x", "helpUrl": "https://h"]]
        let checked: JSONValue = ["tools": [], "branding": ["name": "x"]]
        let overlay = RuntimeOverlay.minimal(bundled: bundled, checked: checked)
        #expect(overlay.problems == [RuntimeOverlay.Problem(kind: .removedKey, pointer: "/branding/helpUrl")])
    }

    @Test func keyOrderDeepMergeCannotProduceIsReported() {
        let bundled: JSONValue = ["a": 1, "b": 2]
        let checked = JSONValue.object(JSONObject([("b", 2), ("a", 1)]))
        let overlay = RuntimeOverlay.minimal(bundled: bundled, checked: checked)
        #expect(overlay.problems.map(\.kind) == [.keyOrder])
    }

    @Test func placeholdersCarryTheirAllowlist() {
        let bundled: JSONValue = ["allowedEnvPlaceholders": ["TOKEN"], "telemetry": ["token": ""]]
        let checked: JSONValue = ["allowedEnvPlaceholders": ["TOKEN"], "telemetry": ["token": "{env:TOKEN}"]]
        let overlay = RuntimeOverlay.minimal(bundled: bundled, checked: checked)
        // The app checks each file against its own list, so the overlay repeats it.
        #expect(overlay.value["allowedEnvPlaceholders"] == ["TOKEN"])
        #expect(MergeStage.deepMerge(bundled, overlay.value).isIdentical(to: checked))
    }
}
