import Documents
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A build's output directory, owned and replaced as a whole (docs/artifacts.md).
///
/// A build writes into a fresh hidden sibling (`.<name>.build-<pid>-<random>`) and
/// `commit()` swaps it with the output directory in one `renameat2(RENAME_EXCHANGE)`, so at
/// every instant the output directory holds one complete build: the previous one or the
/// new one, never a mix. A file-system without exchange falls back to two renames; a kill
/// between them leaves the previous build under `.<name>.old-*`, restored by the next run.
///
/// Ownership: the directory may only hold what the previous build wrote (the outputs its
/// build-manifest.json lists, the manifest and SHA256SUMS); anything else makes `open`
/// refuse unless `takeOver` is set. A lock file beside it (`.<name>.lock`) keeps two builds
/// from writing one output directory at once; the second is refused.
public final class OutputDirectory {
    /// The output directory.
    public let url: URL
    /// Where this build writes; becomes `url` on `commit()`.
    public let staging: URL
    private let lockDescriptor: Int32
    private var committed = false

    /// Takes the lock, recovers from an interrupted earlier commit, checks ownership and
    /// creates the staging directory. With `clean`, the current contents are removed now,
    /// whatever the build then does.
    public init(_ url: URL, takeOver: Bool = false, clean: Bool = false) throws(PackagingError) {
        let url = url.standardizedFileURL
        self.url = url
        let parent = url.deletingLastPathComponent()
        let name = url.lastPathComponent
        do { try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
            throw PackagingError(.io, path: parent.path, "cannot create the output directory's parent: \(Self.reason(error))")
        }
        let lockPath = parent.appendingPathComponent(".\(name).lock").path
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PackagingError(.io, path: lockPath, "cannot create the build lock: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw PackagingError(.io, path: url.path, "another build is writing this output directory (lock \(lockPath) is held); wait for it to finish")
        }
        lockDescriptor = descriptor
        staging = parent.appendingPathComponent(".\(name).build-\(getpid())-\(String(UInt32.random(in: .min ... .max), radix: 16))")
        do throws(PackagingError) {
            try Self.recover(url)
            try Self.checkOwnership(url, takeOver: takeOver || clean)
            if clean, FileManager.default.fileExists(atPath: url.path) { try Self.remove(url) }
            do { try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false) } catch {
                throw PackagingError(.io, path: url.path, "cannot write beside the output directory: \(Self.reason(error))")
            }
        } catch {
            flock(descriptor, LOCK_UN)
            close(descriptor)
            throw error
        }
    }

    deinit {
        if !committed { try? FileManager.default.removeItem(at: staging) }
        unlock()
    }

    private var locked = true

    /// Releases the build lock (after the commit, or when the build is abandoned).
    private func unlock() {
        guard locked else { return }
        locked = false
        flock(lockDescriptor, LOCK_UN)
        close(lockDescriptor)
    }

    /// Makes the staged build the output directory, in one step where the file system allows.
    public func commit() throws(PackagingError) {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            try Self.move(staging, to: url)
            committed = true
            unlock()
            return
        }
        guard isDirectory.boolValue else { throw PackagingError(.io, path: url.path, "exists and is not a directory") }
        defer { if committed { unlock() } }
        if Self.exchange(staging, url) {
            committed = true
            // The staging name now holds the previous build.
            try? fileManager.removeItem(at: staging)
            return
        }
        let old = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).old-\(getpid())-\(String(UInt32.random(in: .min ... .max), radix: 16))")
        try Self.move(url, to: old)
        do { try Self.move(staging, to: url) } catch {
            try? Self.move(old, to: url)
            throw error
        }
        committed = true
        try? fileManager.removeItem(at: old)
    }

    // MARK: - Ownership

    /// Relative paths of the regular files and links below `directory` that the build
    /// which wrote it did not list, sorted. Nil when `directory` does not exist.
    public static func foreignFiles(in directory: URL) -> [String]? {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: directory.path) else { return nil }
        let owned = ownedNames(in: directory)
        var foreign: [String] = []
        for path in (fileManager.subpaths(atPath: directory.path) ?? []).sorted() {
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: directory.appendingPathComponent(path).path, isDirectory: &isDirectory),
               isDirectory.boolValue { continue }
            if owned.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) { continue }
            foreign.append(path)
        }
        return foreign
    }

    /// What the previous build says it wrote: its manifest, SHA256SUMS and every output.
    static func ownedNames(in directory: URL) -> [String] {
        let manifest = directory.appendingPathComponent(BuildManifest.fileName)
        guard let data = FileManager.default.contents(atPath: manifest.path),
              let document = try? JSONReader().read(bytes: Array(data), file: manifest.path),
              let outputs = document.value["outputs"]?.arrayValue else { return [] }
        return [BuildManifest.fileName, Checksums.fileName] + outputs.compactMap { $0["name"]?.stringValue }
    }

    static func checkOwnership(_ url: URL, takeOver: Bool) throws(PackagingError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw PackagingError(.io, path: url.path, "the output path exists and is not a directory")
        }
        guard !takeOver, let foreign = foreignFiles(in: url), !foreign.isEmpty else { return }
        let shown = foreign.prefix(5).joined(separator: ", ") + (foreign.count > 5 ? ", and \(foreign.count - 5) more" : "")
        throw PackagingError(.destinationNotEmpty, path: url.path,
                             "holds files no earlier build here wrote (\(shown)); a build replaces its output directory, so choose another --out, or use --force to replace it anyway")
    }

    // MARK: - Recovery and file-system steps

    /// Removes staging directories of killed builds and restores a previous build that a
    /// kill between the two fallback renames left aside.
    static func recover(_ url: URL) throws(PackagingError) {
        let fileManager = FileManager.default
        let parent = url.deletingLastPathComponent()
        let name = url.lastPathComponent
        let siblings = ((try? fileManager.contentsOfDirectory(atPath: parent.path)) ?? []).sorted()
        for sibling in siblings where sibling.hasPrefix(".\(name).build-") {
            try? fileManager.removeItem(at: parent.appendingPathComponent(sibling))
        }
        let old = siblings.filter { $0.hasPrefix(".\(name).old-") }
        if !fileManager.fileExists(atPath: url.path), let keep = old.last {
            try move(parent.appendingPathComponent(keep), to: url)
        }
        for sibling in old where fileManager.fileExists(atPath: parent.appendingPathComponent(sibling).path) {
            try? fileManager.removeItem(at: parent.appendingPathComponent(sibling))
        }
    }

    static func remove(_ url: URL) throws(PackagingError) {
        do { try FileManager.default.removeItem(at: url) } catch {
            throw PackagingError(.io, path: url.path, "cannot empty the output directory: \(reason(error))")
        }
    }

    static func move(_ from: URL, to: URL) throws(PackagingError) {
        if rename(from.path, to.path) != 0 {
            throw PackagingError(.io, path: to.path, "cannot move the build into place: \(String(cString: strerror(errno)))")
        }
    }

    /// `renameat2(RENAME_EXCHANGE)`: swaps two directories atomically. False when the C
    /// library or the file system does not offer it.
    static func exchange(_ a: URL, _ b: URL) -> Bool {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, a.path, AT_FDCWD, b.path, renameExchange) == 0
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).userInfo[NSUnderlyingErrorKey].map { "\($0)" } ?? error.localizedDescription
    }
}
