import Foundation

/// Where an old spelling (key, value or encoding) stands for a target release on a given
/// day: still in force, deprecated (read, with a warning), or rejected (removed, or past
/// the vendor's cut-off date on a release that enforces it).
enum KeyLifecycle: Equatable {
    case inForce, deprecated, rejected

    /// `removed`: the name is no longer read at all from `deprecation.since`.
    static func state(of deprecation: Deprecation, removed: Bool, target: AppRelease?, now: Date) -> KeyLifecycle {
        // A release older than the deprecation still reads the old spelling as current.
        if let target, let since = deprecation.since, target < since { return .inForce }
        if removed { return .rejected }
        if let cutoff = deprecation.cutoff, now >= cutoff {
            // Releases before the one that announced the cut-off do not enforce it.
            if let target, let announced = deprecation.cutoffAnnounced, target < announced { return .deprecated }
            return .rejected
        }
        return .deprecated
    }

    /// "; use X" / "" for messages.
    static func replacementHint(_ deprecation: Deprecation) -> String? {
        deprecation.replacement.map { "use \($0)" }
    }
}
