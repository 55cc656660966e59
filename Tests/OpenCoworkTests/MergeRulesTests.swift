import Testing
import TestSupport
import Documents
@testable import OpenCowork

/// Upstream's deepMerge rules (SPEC §2), one test each, then a property test against a
/// reference implementation written from the SPEC.
@Suite struct MergeRulesTests {
    func merge(_ values: JSONValue...) -> JSONValue {
        let layers = values.enumerated().map { LayerFixtures.layer($0.offset, $0.element) }
        let (merged, findings) = MergeStage().run(layers)
        #expect(findings.isEmpty)
        return merged.value
    }

    func compact(_ value: JSONValue) -> String { JSONWriter.compact.string(value) }

    @Test func arraysReplaceWhole() throws {
        let result = merge(["list": [1, 2, 3], "keep": true], ["list": [9]])
        #expect(compact(result) == #"{"list":[9],"keep":true}"#)
    }

    @Test func objectsMergeRecursively() {
        let result = merge(["a": ["x": 1, "y": ["p": 1]]], ["a": ["y": ["q": 2], "z": 3]])
        #expect(compact(result) == #"{"a":{"x":1,"y":{"p":1,"q":2},"z":3}}"#)
    }

    @Test func objectReplacesScalarAndArray() {
        let result = merge(["s": "text", "l": [1, 2]], ["s": ["k": 1], "l": ["m": 2]])
        #expect(compact(result) == #"{"s":{"k":1},"l":{"m":2}}"#)
    }

    @Test func scalarsReplaceAnything() {
        let result = merge(["o": ["k": 1], "a": [1], "n": 1], ["o": "now a string", "a": false, "n": 2.5])
        #expect(compact(result) == #"{"o":"now a string","a":false,"n":2.5}"#)
    }

    @Test func nullSetsNullAndAbsentKeeps() {
        let result = merge(["a": 1, "b": ["c": 2]], ["a": nil])
        #expect(compact(result) == #"{"a":null,"b":{"c":2}}"#)
    }

    @Test func prototypeKeysAreSkipped() throws {
        let override = try LayerFixtures.json(#"{"__proto__": {"x": 1}, "constructor": 1, "prototype": [1], "inner": {"__proto__": 5, "ok": 1}}"#)
        let result = merge(["base": true], override)
        #expect(compact(result) == #"{"base":true,"inner":{"ok":1}}"#)
    }

    @Test func keyOrderBaseFirstThenOverrideOrder() throws {
        let base = try LayerFixtures.json(#"{"b": 1, "a": 2, "c": 3}"#)
        let over = try LayerFixtures.json(#"{"z": 0, "a": 9, "y": 0}"#)
        #expect(compact(merge(base, over)) == #"{"b":1,"a":9,"c":3,"z":0,"y":0}"#)
    }

    @Test func objectsInsideArraysAreNotMerged() throws {
        let result = merge(["l": [["a": 1, "b": 2]]], ["l": [["a": 5]]])
        #expect(compact(result) == #"{"l":[{"a":5}]}"#)
    }

    // MARK: - Property test

    /// The SPEC's deepMerge, written independently with explicit key lists.
    static func reference(_ base: JSONValue, _ override: JSONValue) -> JSONValue {
        guard case .object(let over) = override else { return override }
        var keys: [String] = []
        var values: [String: JSONValue] = [:]
        if case .object(let b) = base { for (k, v) in b.members { keys.append(k); values[k] = v } }
        for (key, value) in over.members {
            if key == "__proto__" || key == "constructor" || key == "prototype" { continue }
            let next: JSONValue
            if case .object = value {
                let current = values[key]
                let start: JSONValue = current?.objectValue != nil ? current! : .object(JSONObject())
                next = reference(start, value)
            } else {
                next = value
            }
            if values[key] == nil { keys.append(key) }
            values[key] = next
        }
        var out = JSONObject()
        for key in keys { out[key] = values[key] }
        return .object(out)
    }

    static let keyPool = ["a", "b", "c", "d", "e", "__proto__", "constructor", "prototype", "é"]

    static func randomValue(_ rng: inout SplitMix, depth: Int) -> JSONValue {
        let kind = rng.below(depth >= 3 ? 4 : 7)
        switch kind {
        case 0: return .null
        case 1: return .bool(rng.below(2) == 0)
        case 2: return .number(JSONNumber(rng.below(100)))
        case 3: return .string("s\(rng.below(10))")
        case 4: return .array((0..<rng.below(3)).map { _ in randomValue(&rng, depth: depth + 1) })
        default: return .object(randomObject(&rng, depth: depth + 1))
        }
    }

    static func randomObject(_ rng: inout SplitMix, depth: Int) -> JSONObject {
        var object = JSONObject()
        for _ in 0..<rng.below(5) {
            object[keyPool[rng.below(keyPool.count)]] = randomValue(&rng, depth: depth)
        }
        return object
    }

    static func forEachLeaf(_ value: JSONValue, at pointer: JSONPointer, _ visit: (JSONPointer, JSONValue) -> Void) {
        if case .object(let object) = value {
            for (key, member) in object { forEachLeaf(member, at: pointer / key, visit) }
        } else if !pointer.isRoot {
            visit(pointer, value)
        }
    }

    @Test func randomStacksMatchTheReference() {
        var rng = SplitMix(seed: 0xC0FFEE)
        var compared = 0
        for _ in 0..<400 {
            let count = 1 + rng.below(4)
            let values = (0..<count).map { _ in JSONValue.object(MergeRulesTests.randomObject(&rng, depth: 0)) }
            let layers = values.enumerated().map { LayerFixtures.layer($0.offset, $0.element) }
            let (merged, findings) = MergeStage().run(layers)
            let expected = values.reduce(JSONValue.object(JSONObject())) { MergeRulesTests.reference($0, $1) }
            #expect(findings.isEmpty)
            // Compact text compares values and key order at every level.
            #expect(compact(merged.value) == compact(expected))
            #expect(compact(MergeStage.deepMerge(values.count > 1 ? values[0] : .object(JSONObject()), values.last!))
                    == compact(MergeRulesTests.reference(values.count > 1 ? values[0] : .object(JSONObject()), values.last!)))
            // Every leaf and array of the result names a layer that set exactly that value.
            MergeRulesTests.forEachLeaf(merged.value, at: .root) { pointer, value in
                #expect(merged.provenance.origin(of: pointer)?.value == value, "\(pointer)")
            }
            compared += 1
        }
        #expect(compared == 400)
    }
}
