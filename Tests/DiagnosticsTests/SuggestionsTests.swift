import Testing
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
}
