import Testing
import Documents

/// `JSONReader.read(bytes:file:filter:)` offers the elements of wanted arrays reached
/// through object keys, in order, and keeps what the filter returns in their place.
@Suite struct JSONElementFilterTests {
    struct Recorder: JSONElementFilter {
        var wanted: Set<[String]>
        var events: [String] = []

        func wants(_ path: [String]) -> Bool { wanted.contains(path) }
        mutating func arrayStarted(at path: [String]) { events.append("start /" + path.joined(separator: "/")) }
        mutating func element(_ value: JSONValue, at path: [String]) -> JSONValue {
            events.append("/" + path.joined(separator: "/") + " " + JSONWriter.compact.string(value))
            return .string("seen")
        }
    }

    @Test func offersElementsOfWantedKeyPathsOnly() throws {
        let text = #"{"data": [{"id": 1}, [2, 3]], "x": {"data": [4], "y": [5]}, "z": [[6]], "data": [7]}"#
        var recorder = Recorder(wanted: [["data"], ["x", "y"], ["z", "0"]])
        let doc = try JSONReader().read(bytes: Array(text.utf8), file: "f.json", filter: &recorder)
        #expect(recorder.events == [
            "start /data", #"/data {"id":1}"#, "/data [2,3]",
            "start /x/y", "/x/y 5",
            "start /data", "/data 7",
        ])
        // The last "data" wins, as always; what the filter returned stands in the tree.
        #expect(doc.value["data"] == ["seen"])
        #expect(doc.value["x"]?["y"] == ["seen"])
        #expect(doc.value["x"]?["data"] == [4])
        #expect(doc.value["z"] == [[6]])
        #expect(doc.warnings.count == 1)
    }

    @Test func aTopLevelArrayIsTheEmptyPath() throws {
        var recorder = Recorder(wanted: [[]])
        let doc = try JSONReader().read(bytes: Array("[1, {\"a\": [2]}]".utf8), filter: &recorder)
        #expect(recorder.events == ["start /", "/ 1", #"/ {"a":[2]}"#])
        #expect(doc.value == ["seen", "seen"])
    }

    @Test func errorsAreTheOrdinaryReadersErrors() {
        var recorder = Recorder(wanted: [["data"]])
        let text = "{\"data\": [1,\n  2 3]}"
        let filtered = #expect(throws: DocumentError.self) {
            try JSONReader().read(bytes: Array(text.utf8), file: "e.json", filter: &recorder)
        }
        let plain = #expect(throws: DocumentError.self) { try JSONReader().read(text, file: "e.json") }
        #expect(filtered?.description == plain?.description)
        #expect(filtered?.location.line == 2)
    }
}
