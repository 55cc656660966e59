import Foundation

/// All-or-nothing output of a set of artifacts into one directory.
///
/// Each artifact is written to a hidden temporary name beside its final name
/// (`.<name>.partial-<pid>-<random>`); `commit()` renames them all into place, and only
/// once every one exists. `rollback()` (or dropping the transaction uncommitted) deletes
/// the temporaries, so a failed build leaves earlier artifacts untouched and nothing
/// partial ever appears under a final name. Opening a transaction sweeps `.*.partial-*`
/// leftovers from crashed runs.
public final class ArtifactTransaction {
    public let directory: URL
    private var pending: [(final: URL, temporary: URL)] = []
    private var finished = false

    /// Opens (creating if needed) `directory` and removes stale partial files in it.
    public init(directory: URL) throws(PackagingError) {
        self.directory = directory
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw PackagingError(.io, path: directory.path, "cannot create output directory: \(error.localizedDescription)")
        }
        ArtifactTransaction.removeStalePartials(in: directory)
    }

    deinit { if !finished { rollback() } }

    /// A temporary URL to write `finalName` (a relative path, e.g. `acme-1.0.tar.gz` or
    /// `macos/Library/...`) to. Parent directories are created.
    public func temporaryURL(for finalName: String) throws(PackagingError) -> URL {
        try ArchivePath.validate(finalName)
        guard !finished else { throw PackagingError(.invalidArgument, path: finalName, "transaction already finished") }
        if pending.contains(where: { $0.final.path == directory.appendingPathComponent(finalName).path }) {
            throw PackagingError(.duplicatePath, path: finalName, "artifact is already part of this transaction")
        }
        let final = directory.appendingPathComponent(finalName)
        let parent = final.deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
            throw PackagingError(.io, path: parent.path, "cannot create directory: \(error.localizedDescription)")
        }
        let temporary = parent.appendingPathComponent(
            ".\(final.lastPathComponent).partial-\(getpid())-\(String(UInt32.random(in: .min ... .max), radix: 16))")
        pending.append((final, temporary))
        return temporary
    }

    /// Final names registered so far, relative to `directory`, sorted.
    public var finalNames: [String] {
        pending.map { String($0.final.path.dropFirst(directory.path.count + 1)) }.sorted(by: ArchivePath.byteOrder)
    }

    /// Moves every temporary into place. Fails without touching any final name if one
    /// temporary was never written.
    public func commit() throws(PackagingError) {
        guard !finished else { throw PackagingError(.invalidArgument, path: directory.path, "transaction already finished") }
        for item in pending where !FileManager.default.fileExists(atPath: item.temporary.path) {
            rollback()
            throw PackagingError(.io, path: item.final.path, "artifact was never written")
        }
        let fm = FileManager.default
        for item in pending.sorted(by: { ArchivePath.byteOrder($0.final.path, $1.final.path) }) {
            var isDirectory: ObjCBool = false
            // rename(2) replaces a file atomically but not a non-empty directory: move the
            // old tree aside first and delete it once the new one is in place.
            if fm.fileExists(atPath: item.final.path, isDirectory: &isDirectory), isDirectory.boolValue {
                let old = item.final.deletingLastPathComponent()
                    .appendingPathComponent(".\(item.final.lastPathComponent).partial-old-\(getpid())")
                try? fm.removeItem(at: old)
                try move(item.final, to: old)
                try move(item.temporary, to: item.final)
                try? fm.removeItem(at: old)
            } else {
                try move(item.temporary, to: item.final)
            }
        }
        finished = true
    }

    /// Deletes every temporary; final names are never touched.
    public func rollback() {
        for item in pending { try? FileManager.default.removeItem(at: item.temporary) }
        pending.removeAll()
        finished = true
    }

    private func move(_ from: URL, to: URL) throws(PackagingError) {
        if rename(from.path, to.path) != 0 {
            throw PackagingError(.io, path: to.path, "cannot move artifact into place: \(String(cString: strerror(errno)))")
        }
    }

    /// Whether `name` is one of our temporary names.
    public static func isPartialName(_ name: String) -> Bool {
        name.hasPrefix(".") && name.contains(".partial-")
    }

    /// Removes `.*.partial-*` files and directories anywhere below `directory`.
    static func removeStalePartials(in directory: URL) {
        let fm = FileManager.default
        guard let names = fm.subpaths(atPath: directory.path) else { return }
        var removed: [String] = []
        for name in names.sorted() {
            if removed.contains(where: { name.hasPrefix($0 + "/") }) { continue }
            if isPartialName((name as NSString).lastPathComponent) {
                try? fm.removeItem(at: directory.appendingPathComponent(name))
                removed.append(name)
            }
        }
    }
}
