import Foundation

/// Values a command has finished with but leaves for process exit to reclaim, because
/// freeing them piece by piece would cost more than the OS unmapping the heap. Held by a
/// global, so leak checkers see them as reachable, not leaked.
enum KeptUntilExit {
    /// `values` is only touched under `lock`.
    private final class Storage: @unchecked Sendable {
        let lock = NSLock()
        var values: [Any] = []
    }
    private static let storage = Storage()

    static func keep(_ value: Any) {
        storage.lock.withLock { storage.values.append(value) }
    }
}
