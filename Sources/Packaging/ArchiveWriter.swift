import Foundation

/// Writes byte-for-byte reproducible `.tar.gz` and `.zip` archives.
///
/// Entries are sorted by path (UTF-8 byte order) with missing parent directories added;
/// every entry gets `options.mtime`, uid/gid 0, empty user/group names, and a mode from
/// `ArchiveEntry.mode`. Tar is ustar with pax extensions only where a name needs one,
/// behind gzip without timestamp or file name; zip times are DOS times in UTC.
///
/// Each file's content is read, hashed and deflated once by a `DeflatedContentStore`
/// (over all processors) and that deflate stream is reused by every archive holding the
/// file: as is in zip entries, wrapped in a gzip member of its own in a tar.gz (see
/// `TarGzipWriter`). Archives are written under a temporary name and renamed into place
/// only once complete.
public enum ArchiveWriter {
    /// One archive of a batch: its entries, format and where to write it.
    public struct Job: Sendable {
        public var entries: ArchiveEntryList
        public var format: ArchiveFormat
        public var url: URL
        /// The directory the archive owns (see `ArchiveOptions.ownedRoot`).
        public var ownedRoot: String

        public init(entries: ArchiveEntryList, format: ArchiveFormat, url: URL, ownedRoot: String = "") {
            self.entries = entries
            self.format = format
            self.url = url
            self.ownedRoot = ownedRoot
        }

        public init(entries: [ArchiveEntry], format: ArchiveFormat, url: URL, ownedRoot: String = "") {
            self.init(entries: ArchiveEntryList(entries), format: format, url: url, ownedRoot: ownedRoot)
        }
    }

    public static func write(_ entries: [ArchiveEntry], format: ArchiveFormat, to url: URL,
                             options: ArchiveOptions = ArchiveOptions()) throws(PackagingError) {
        let plan = try normalized(entries, ownedRoot: options.ownedRoot)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())-\(UInt32.random(in: .min ... .max))")
        do throws(PackagingError) {
            let store = DeflatedContentStore(scratchDirectory: url.deletingLastPathComponent())
            try store.add(plan)
            _ = try write(normalized: plan, format: format, store: store, to: temporary, options: options)
            if rename(temporary.path, url.path) != 0 {
                throw PackagingError(.io, path: url.path, "cannot move archive into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temporary.path)
            throw error
        }
    }

    /// Writes several archives straight to their URLs (callers own temporary names and
    /// clean-up): every unique content is compressed once into `store` first, then the
    /// archives are assembled side by side. Returns each archive's SHA-256 and size, in
    /// job order; `started` is called with a job's index as its archive starts. The
    /// error of the first failing job (in order) wins.
    ///
    /// Memory stays at about one entry per file whatever the number of archives: each
    /// list shared by several archives is checked, completed and sorted once
    /// (`SharedEntries`), and each archive merges it, placed under its prefix, with its
    /// own few entries while it is written (`PreparedArchive`). A refused job stops the batch; the
    /// archives written before it are the caller's to remove, as on any failure.
    public static func writeAll(_ jobs: [Job], store: DeflatedContentStore, options: ArchiveOptions = ArchiveOptions(),
                                started: (@Sendable (Int) -> Void)? = nil) throws(PackagingError) -> [(hex: String, size: Int)] {
        try store.add(jobs.map(\.entries))
        let sharedLists = SharedEntries(jobs)
        let queue = JobQueue(jobs.count)
        let results = Slots<(hex: String, size: Int)>(jobs.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, jobs.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            while let index = queue.next(worker: worker) {
                started?(index)
                do throws(PackagingError) {
                    let job = jobs[index]
                    let prepared = try PreparedArchive.prepare(job.entries, shared: try sharedLists.normalized(for: job),
                                                               ownedRoot: job.ownedRoot)
                    results[index] = try write(normalized: prepared, format: job.format, store: store, to: job.url, options: options)
                    MemoryRelease.now()
                } catch {
                    queue.fail(error, at: index)
                }
            }
        }
        if let failure = queue.failure { throw failure }
        var out: [(hex: String, size: Int)] = []
        for index in 0..<jobs.count {
            guard let result = results[index] else {
                throw PackagingError(.archive, path: jobs[index].url.path, "archive was not written")
            }
            out.append(result)
        }
        return out
    }

    /// Writes already normalized entries whose contents `store` holds; returns the
    /// archive's SHA-256 and size.
    static func write(normalized entries: some Sequence<ArchiveEntry>, format: ArchiveFormat, store: DeflatedContentStore,
                      to url: URL, options: ArchiveOptions) throws(PackagingError) -> (hex: String, size: Int) {
        let sink = try ArchiveSink(url: url)
        switch format {
        case .tarGzip: try TarGzipWriter.write(entries, store: store, options: options, to: sink)
        case .zip: try ZipWriter.write(entries, store: store, options: options, to: sink)
        }
        return try sink.finish()
    }

    /// `entries` checked (paths, symlink targets, duplicates, case collisions), completed
    /// with parent directories and sorted byte-wise: exactly what `write` puts in the archive.
    public static func normalized(_ entries: [ArchiveEntry], ownedRoot: String = "") throws(PackagingError) -> [ArchiveEntry] {
        var byPath: [String: ArchiveEntry] = [:]
        for entry in entries {
            try ArchivePath.validate(entry.path)
            if case .symlink(let target) = entry.kind { try checkSymlink(entry.path, target) }
            if byPath[entry.path] != nil {
                throw PackagingError(.duplicatePath, path: entry.path, "path is given more than once")
            }
            byPath[entry.path] = entry
        }
        for entry in entries {
            // Deepest ancestor first; one already known as a directory had (or will have)
            // its own ancestors added and checked, so the walk stops there.
            let utf8 = entry.path.utf8
            var end = utf8.endIndex
            while let slash = utf8[..<end].lastIndex(of: UInt8(ascii: "/")) {
                let ancestor = String(entry.path[..<slash])
                // Above the directory the archive owns, parents get no entry (nor do
                // theirs: a shallower path is outside too).
                guard (ancestor + "/").hasPrefix(ownedRoot) else { break }
                if let known = byPath[ancestor]?.kind {
                    guard known == .directory else {
                        throw PackagingError(.duplicatePath, path: ancestor, "path is a file but '\(entry.path)' needs it as a directory")
                    }
                    break
                }
                byPath[ancestor] = .directory(ancestor)
                end = slash
            }
        }
        if let group = ArchivePath.caseCollisions(Array(byPath.keys)).first {
            throw PackagingError(.caseCollision, path: group[0],
                                 "paths differ only by case: \(group.joined(separator: ", ")); they clash on macOS and Windows")
        }
        return byPath.values.sorted { ArchivePath.byteOrder($0.path, $1.path) }
    }

    private static func checkSymlink(_ path: String, _ target: String) throws(PackagingError) {
        guard !target.isEmpty, !target.hasPrefix("/"),
              !target.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) else {
            throw PackagingError(.invalidPath, path: path, "symlink target '\(target)' must be a relative path")
        }
        var depth = path.split(separator: "/").count - 1
        for segment in target.split(separator: "/") where segment != "." {
            depth += segment == ".." ? -1 : 1
            if depth < 0 { throw PackagingError(.invalidPath, path: path, "symlink target '\(target)' leaves the archive root") }
        }
    }
}
