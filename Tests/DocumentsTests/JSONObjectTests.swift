import Testing
@testable import Documents

/// `JSONObject` keeps members in two arrays and builds a key index only past
/// `indexThreshold` members: both regimes must behave the same.
@Suite struct JSONObjectTests {
    static func object(_ count: Int, reversed: Bool = false) -> JSONObject {
        let order = reversed ? Array((0..<count).reversed()) : Array(0..<count)
        return JSONObject(order.map { ("k\($0)", JSONValue(integerLiteral: $0)) })
    }

    @Test(arguments: [3, JSONObject.indexThreshold, JSONObject.indexThreshold + 1, 40])
    func lookupReplaceAndRemoveKeepOrder(count: Int) {
        var object = Self.object(count)
        #expect(object.count == count)
        for i in 0..<count { #expect(object["k\(i)"] == JSONValue(integerLiteral: i)) }
        #expect(object["absent"] == nil)
        object["k1"] = "one"
        #expect(object.keys[1] == "k1" && object["k1"] == "one")
        object["k0"] = nil
        #expect(object.count == count - 1)
        #expect(object.keys == (1..<count).map { "k\($0)" })
        #expect(!object.contains("k0"))
        for i in 2..<count { #expect(object["k\(i)"] == JSONValue(integerLiteral: i), "k\(i) after a removal") }
        object["new"] = true
        #expect(object.keys.last == "new" && object["new"] == true)
        #expect(object.members.map(\.key) == object.keys)
    }

    @Test(arguments: [4, 30])
    func equalityAndHashIgnoreOrder(count: Int) {
        let a = Self.object(count), b = Self.object(count, reversed: true)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        var c = b
        c["k0"] = "changed"
        #expect(a != c)
        var d = a
        d["extra"] = nil
        d["k\(count)"] = 1
        #expect(a != d)
    }

    @Test func copiesDoNotShareMutations() {
        let a = Self.object(20)
        var b = a
        b["k3"] = nil
        b["k25"] = 25
        #expect(a["k3"] == 3 && a["k25"] == nil && a.count == 20)
        #expect(b["k3"] == nil && b["k25"] == 25 && b["k19"] == 19)
    }
}
