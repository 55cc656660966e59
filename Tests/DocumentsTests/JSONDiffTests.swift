import Testing
import Documents

@Suite struct JSONDiffTests {
    func diff(_ old: String, _ new: String) throws -> [JSONDiff.Change] {
        JSONDiff().changes(from: try JSONReader().read(old).value, to: try JSONReader().read(new).value)
    }

    func summary(_ changes: [JSONDiff.Change]) -> [String] {
        changes.map { "\($0.kind.rawValue) \($0.pointer)" }
    }

    @Test func equalDocumentsHaveNoChanges() throws {
        #expect(try diff(#"{"a": 1, "b": [1, 2]}"#, #"{"b": [1, 2], "a": 1}"#).isEmpty)
    }

    @Test func numbersCompareByValue() throws {
        #expect(try diff(#"{"n": 1, "m": [1e2]}"#, #"{"n": 1.0, "m": [100]}"#).isEmpty)
        let changes = try diff(#"{"n": 1}"#, #"{"n": 1.5}"#)
        #expect(changes == [JSONDiff.Change(pointer: "/n", kind: .changed, old: 1, new: 1.5)])
    }

    @Test func nestedChangesAreReportedAtTheirPointerInDocumentOrder() throws {
        let changes = try diff(
            #"{"branding": {"name": "Acme", "colors": {"accent": "white"}, "gone": true}, "z": 1}"#,
            #"{"branding": {"name": "Acme AI", "colors": {"accent": "black", "bg": "grey"}}, "z": 1, "new": null}"#)
        #expect(summary(changes) == [
            "changed /branding/name", "changed /branding/colors/accent", "added /branding/colors/bg",
            "removed /branding/gone", "added /new",
        ])
        #expect(changes[0].old == "Acme" && changes[0].new == "Acme AI")
        #expect(changes[3].old == true && changes[3].new == nil)
        #expect(changes[4].old == nil && changes[4].new == JSONValue.null)
    }

    @Test func keyMatchedArraysReportOnlyTheChangedField() throws {
        let old = #"{"mcps": [{"name": "a", "url": "u1"}, {"name": "b", "url": "u2"}, {"name": "c", "url": "u3"}]}"#
        let new = #"{"mcps": [{"name": "c", "url": "u3"}, {"name": "a", "url": "u1"}, {"name": "b", "url": "u2-new"}]}"#
        let changes = try diff(old, new)
        // "b" is at index 2 in the new document.
        #expect(changes == [JSONDiff.Change(pointer: "/mcps/2/url", kind: .changed, old: "u2", new: "u2-new")])
    }

    @Test func keyMatchedArraysReportWholeAddedAndRemovedElements() throws {
        let old = #"[{"id": 1, "v": 0}, {"id": 2, "v": 0}]"#
        let new = #"[{"id": 3, "v": 0}, {"id": 1, "v": 0}]"#
        let changes = try diff(old, new)
        #expect(summary(changes) == ["added /0", "removed /1"])
        #expect(changes[0].new == ["id": 3, "v": 0])
        #expect(changes[1].old == ["id": 2, "v": 0])
    }

    @Test func identityKeysAreTriedInOrder() throws {
        // Not every element has "id", so "name" is used; "name" repeats in the second
        // case, so "sourceName" is used.
        let byName = try diff(#"[{"name": "x", "v": 1}, {"name": "y", "id": 9, "v": 1}]"#,
                              #"[{"name": "y", "id": 9, "v": 2}, {"name": "x", "v": 1}]"#)
        #expect(summary(byName) == ["changed /0/v"])
        let bySource = try diff(#"[{"name": "n", "sourceName": "s1"}, {"name": "n", "sourceName": "s2", "x": 1}]"#,
                                #"[{"name": "n", "sourceName": "s2", "x": 2}, {"name": "n", "sourceName": "s1"}]"#)
        #expect(summary(bySource) == ["changed /0/x"])
    }

    @Test func reorderingKeyedElementsIsNoChangeButRepeatedKeysFallBackToIndex() throws {
        #expect(try diff(#"[{"id": "a"}, {"id": "b"}]"#, #"[{"id": "b"}, {"id": "a"}]"#).isEmpty)
        // "a" twice: not an identity, so the elements are compared position by position.
        #expect(summary(try diff(#"[{"id": "a", "v": 1}, {"id": "a", "v": 2}]"#, #"[{"id": "a", "v": 2}, {"id": "a", "v": 1}]"#))
                == ["changed /0/v", "changed /1/v"])
    }

    @Test func otherArraysCompareByIndexWithTails() throws {
        #expect(summary(try diff("[1, 2, 3]", "[1, 5]")) == ["changed /1", "removed /2"])
        #expect(summary(try diff("[1]", "[1, [2], 3]")) == ["added /1", "added /2"])
        // Objects without a shared key compare by index too.
        #expect(summary(try diff(#"[{"a": 1}, {"a": 2}]"#, #"[{"a": 2}, {"a": 2}]"#)) == ["changed /0/a"])
    }

    @Test func typeChangesReplaceTheWholeValue() throws {
        let changes = try diff(#"{"a": {"b": 1}, "c": "1", "d": [1]}"#, #"{"a": [1], "c": 1, "d": {"0": 1}}"#)
        #expect(summary(changes) == ["changed /a", "changed /c", "changed /d"])
        #expect(changes[0].old == ["b": 1] && changes[0].new == [1])
        #expect(changes[1].old == "1" && changes[1].new == 1)
    }

    @Test func rootScalarsAndEscapedKeys() throws {
        #expect(summary(try diff("true", "false")) == ["changed "])
        #expect(summary(try diff(#"{"a/b": 1}"#, #"{"a/b": 2}"#)) == ["changed /a~1b"])
    }
}
