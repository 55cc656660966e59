import Diagnostics

/// "Did you mean" for a model id missing from a catalog, ranked for model naming:
/// successors of the same family first (`claude-sonnet-4` → `claude-sonnet-4.5`,
/// `claude-sonnet-4-20250514`), then ids sharing the longest prefix (same vendor and
/// family), then plain typos by edit distance.
///
/// The search is bounded for catalogs of any size: candidates come from prefix ranges
/// of the catalog's sorted ids (binary search), at most `poolLimit` of them, and the
/// full list is scanned for typos only when the catalog is small.
public enum ModelAuditSuggestions {
    public static let poolLimit = 256
    /// Catalogs up to this size are also scanned whole for edit-distance typos.
    public static let fullScanLimit = 5_000

    public static func suggest(_ missing: String, in catalog: Catalog, limit: Int = 3) -> [String] {
        let pool = candidates(for: missing, in: catalog)
        let lowered = missing.lowercased()
        let vendorLength = missing.firstIndex(of: "/").map { missing.distance(from: missing.startIndex, to: $0) + 1 } ?? 0
        // A shared prefix must reach past the vendor segment (and a few letters into the
        // family) to count as a family match; otherwise only a close typo qualifies.
        let familyFloor = vendorLength + min(4, max(1, (missing.count - vendorLength) / 2))
        let typoBudget = max(1, missing.count / 3)

        var scored: [(id: String, tier: Int, prefix: Int, distance: Int)] = []
        for id in pool where id != missing {
            let prefix = sharedPrefixLength(lowered, id.lowercased())
            let extends = prefix == missing.count && isSuccessorSuffix(id.dropFirst(missing.count))
            let distance = Suggestions.editDistance(lowered, id.lowercased())
            let tier: Int
            if extends { tier = 0 } else if prefix >= familyFloor { tier = 1 } else if distance <= typoBudget { tier = 2 } else { continue }
            scored.append((id, tier, prefix, distance))
        }
        scored.sort { a, b in
            if a.tier != b.tier { return a.tier < b.tier }
            if a.tier == 1, a.prefix != b.prefix { return a.prefix > b.prefix }
            if a.distance != b.distance { return a.distance < b.distance }
            return a.id < b.id
        }
        return scored.prefix(limit).map(\.id)
    }

    /// Ids sharing the longest prefixes with `missing`, shortening the prefix until the
    /// pool is full, plus the whole catalog when it is small enough to scan.
    static func candidates(for missing: String, in catalog: Catalog) -> [String] {
        var pool: [String] = []
        var seen = Set<String>()
        var length = missing.count
        while length >= 1, pool.count < poolLimit {
            for id in catalog.ids(withPrefix: String(missing.prefix(length)), limit: poolLimit) where seen.insert(id).inserted {
                pool.append(id)
                if pool.count >= poolLimit { break }
            }
            length -= 1
        }
        if catalog.count <= fullScanLimit {
            for id in catalog.sortedIDs where seen.insert(id).inserted { pool.append(id) }
        }
        return pool
    }

    /// A successor adds a version or date after a separator or digit: `.5`, `-20250514`,
    /// `:beta`, `5` — not an unrelated longer word.
    static func isSuccessorSuffix(_ suffix: Substring) -> Bool {
        guard let first = suffix.first else { return false }
        return first == "." || first == "-" || first == ":" || first == "@" || first.isNumber
    }

    static func sharedPrefixLength(_ a: String, _ b: String) -> Int {
        var count = 0
        for (x, y) in zip(a, b) {
            guard x == y else { break }
            count += 1
        }
        return count
    }
}
