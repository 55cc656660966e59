/// Candidate names prepared once for many "did you mean" look-ups: lower-cased and
/// grouped by length, so a look-up only compares against names whose length is within
/// the edit budget, and each comparison stops as soon as the budget is exceeded. A
/// document with thousands of misspelt keys then costs time linear in their number
/// instead of (keys × names × length²).
public struct SuggestionIndex: Sendable {
    struct Entry: Sendable {
        var name: String
        var lowered: [Unicode.Scalar]
    }

    /// Entries by the number of Unicode scalars in their lower-cased form.
    let byLength: [Int: [Entry]]

    public init(_ candidates: some Sequence<String>) {
        var byLength: [Int: [Entry]] = [:]
        for name in candidates {
            let lowered = Array(name.lowercased().unicodeScalars)
            byLength[lowered.count, default: []].append(Entry(name: name, lowered: lowered))
        }
        self.byLength = byLength
    }

    /// Up to `limit` plausible candidates, nearest first (ties broken alphabetically);
    /// the same answer as `Suggestions.ranked`.
    public func ranked(_ name: String, limit: Int = 3) -> [String] {
        let loweredText = name.lowercased()
        let lowered = Array(loweredText.unicodeScalars)
        // The budget is a third of the name's length in characters, at least 1 edit.
        let budget = max(1, loweredText.count / 3)
        var scored: [(name: String, distance: Int)] = []
        // Two strings whose lengths differ by more than the budget are further apart than it.
        for length in max(0, lowered.count - budget)...(lowered.count + budget) {
            for entry in byLength[length] ?? [] where entry.name != name {
                if let distance = Suggestions.editDistance(lowered, entry.lowered, atMost: budget) {
                    scored.append((entry.name, distance))
                }
            }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
        return scored.prefix(limit).map { $0.name }
    }

    /// The nearest plausible candidate, if any.
    public func closest(to name: String) -> String? {
        ranked(name, limit: 1).first
    }

    /// " (did you mean 'x'?)" or "".
    public func didYouMean(_ name: String) -> String {
        closest(to: name).map { " (did you mean '\($0)'?)" } ?? ""
    }
}

extension Suggestions {
    /// The optimal-string-alignment distance between `x` and `y` if it is at most
    /// `bound`, else nil. Only the diagonal band of width 2·bound+1 is computed, and the
    /// work stops once two successive rows exceed the bound (a swap reaches back two
    /// rows, so one row over the bound is not yet proof).
    public static func editDistance(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar], atMost bound: Int) -> Int? {
        let n = x.count, m = y.count
        guard bound >= 0, abs(n - m) <= bound else { return nil }
        if n == 0 { return m }
        if m == 0 { return n }
        let over = bound + 1
        var beforePrevious = [Int](repeating: over, count: m + 1)
        var previous = (0...m).map { min($0, over) }
        var current = [Int](repeating: over, count: m + 1)
        var previousRowOver = false
        for i in 1...n {
            let low = max(1, i - bound), high = min(m, i + bound)
            current[low - 1] = low == 1 ? min(i, over) : over
            if high < m { current[high + 1] = over }
            var rowMinimum = current[low - 1]
            if low <= high {
                for j in low...high {
                    var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                    if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                        best = min(best, beforePrevious[j - 2] + 1)
                    }
                    best = min(best, over)
                    current[j] = best
                    rowMinimum = min(rowMinimum, best)
                }
            }
            let rowOver = rowMinimum > bound
            if rowOver, previousRowOver { return nil }
            previousRowOver = rowOver
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[m] <= bound ? previous[m] : nil
    }
}
