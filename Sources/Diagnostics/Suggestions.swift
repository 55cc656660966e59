/// "Did you mean" help: the closest candidates to a misspelt name.
public enum Suggestions {
    /// Edit distance over Unicode scalars, case-sensitive: insertions, deletions,
    /// substitutions and swaps of adjacent characters each cost 1 (optimal string
    /// alignment), so the common typo 'nmae' is one edit from 'name'.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var beforePrevious = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    best = min(best, beforePrevious[j - 2] + 1)
                }
                current[j] = best
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[y.count]
    }

    /// The candidate nearest to `name` (ignoring case), if it is near enough to be a
    /// plausible typo: at most a third of the name's length, and at least 1 edit allowed.
    public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        ranked(name, among: candidates, limit: 1).first
    }

    /// Up to `limit` plausible candidates, nearest first (ties broken alphabetically).
    /// For many look-ups against one candidate list, build a `SuggestionIndex` once.
    public static func ranked(_ name: String, among candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        SuggestionIndex(candidates).ranked(name, limit: limit)
    }

    /// " (did you mean 'x'?)" or "" — ready to append to a message.
    public static func didYouMean(_ name: String, among candidates: some Sequence<String>) -> String {
        closest(to: name, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
