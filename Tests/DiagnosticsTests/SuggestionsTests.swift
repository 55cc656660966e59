import Testing
import TestSupport
@testable import Diagnostics

@Suite struct SuggestionsTests {
    @Test(arguments: [("kitten", "sitting", 3), ("name", "nmae", 1), ("", "abc", 3), ("abc", "abc", 0), ("ca", "abc", 3)])
    func editDistanceCountsSwapsAsOneEdit(a: String, b: String, distance: Int) {
        #expect(Suggestions.editDistance(a, b) == distance)
        #expect(Suggestions.editDistance(b, a) == distance)
    }

    @Test func suggestsOnlyPlausibleTypos() {
        #expect(Suggestions.closest(to: "nmae", among: ["name", "version"]) == "name")
        #expect(Suggestions.closest(to: "overlay", among: ["overlays", "upstream"]) == "overlays")
        #expect(Suggestions.closest(to: "zzzzzz", among: ["name", "version"]) == nil)
        #expect(Suggestions.didYouMean("Upstream", among: ["upstream"]) == " (did you mean 'upstream'?)")
        #expect(Suggestions.ranked("tagret", among: ["target", "targets", "tag"], limit: 2) == ["target", "targets"])
    }

    /// The plain full-table ranking the index must agree with.
    static func reference(_ name: String, among candidates: [String], limit: Int) -> [String] {
        let lowered = name.lowercased()
        let budget = max(1, lowered.count / 3)
        var scored: [(name: String, distance: Int)] = []
        for candidate in candidates where candidate != name {
            let distance = Suggestions.editDistance(lowered, candidate.lowercased())
            if distance <= budget { scored.append((candidate, distance)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
        return scored.prefix(limit).map { $0.name }
    }

    @Test func theBandedIndexAgreesWithTheFullTable() {
        var random = SplitMix(seed: 12)
        let alphabet = Array("abcdeABCDE-_éİß")
        func word(_ length: Int) -> String { String((0..<length).map { _ in alphabet[random.below(alphabet.count)] }) }
        let candidates = (0..<300).map { _ in word(1 + random.below(14)) }
        let index = SuggestionIndex(candidates)
        var compared = 0, withSuggestions = 0
        for _ in 0..<600 {
            // Half the names are near misses of a candidate (one or two edits), half random.
            var name = random.below(2) == 0 ? Array(candidates[random.below(candidates.count)]) : Array(word(1 + random.below(14)))
            for _ in 0..<(1 + random.below(2)) where !name.isEmpty {
                let at = random.below(name.count)
                switch random.below(3) {
                case 0: name.remove(at: at)
                case 1: name[at] = alphabet[random.below(alphabet.count)]
                default: if at + 1 < name.count { name.swapAt(at, at + 1) }
                }
            }
            let text = String(name)
            let expected = Self.reference(text, among: candidates, limit: 3)
            #expect(index.ranked(text, limit: 3) == expected, "\(text)")
            compared += 1
            if !expected.isEmpty { withSuggestions += 1 }
        }
        // The comparison must exercise both outcomes to mean anything.
        #expect(compared == 600 && withSuggestions > 100 && withSuggestions < 600, "\(withSuggestions)")
    }

    @Test(arguments: [("kitten", "sitting", 3), ("name", "nmae", 1), ("abcdef", "badcfe", 3), ("a", "", 1)])
    func theBoundedDistanceIsExactWithinItsBound(a: String, b: String, distance: Int) {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        #expect(Suggestions.editDistance(x, y, atMost: distance) == distance)
        #expect(Suggestions.editDistance(x, y, atMost: distance + 5) == distance)
        #expect(Suggestions.editDistance(x, y, atMost: distance - 1) == nil)
    }
}
