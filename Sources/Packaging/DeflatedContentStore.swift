import Crypto
import Foundation

/// One unique content, read, hashed and deflated once: its size, CRC-32 and SHA-256, and
/// where its complete raw deflate stream lies in the store's scratch files. A zip entry
/// takes that stream as is; a tar.gz wraps it in a gzip member of its own.
public struct DeflatedContent: Sendable, Hashable {
    public let size: Int64
    let offset: Int64
    /// Bytes of the deflate stream; 0 for empty content (nothing to deflate).
    let length: Int64
    /// The SHA-256 of the content, held as its 32 bytes (a store keeps one per file).
    let digest: DigestBytes
    public let crc32: UInt32
    /// Which of the store's scratch files holds the stream (32 bits, beside the CRC: a
    /// record is 64 bytes, and a store keeps one per unique content).
    let scratch: UInt32
    /// Lowercase hex SHA-256 of the content.
    public var sha256: String { digest.hex }

    init(size: Int64, crc32: UInt32, digest: DigestBytes, scratch: Int, offset: Int64, length: Int64) {
        self.size = size
        self.offset = offset
        self.length = length
        self.digest = digest
        self.crc32 = crc32
        self.scratch = UInt32(scratch)
    }
}

/// Every file and in-memory content of a build, each compressed once and shared by every
/// archive that holds it. Work is spread over the processors; compressed pieces go to
/// anonymous scratch files (one per worker), so memory does not grow with the content.
///
/// Files are keyed by source path and in-memory data by its bytes. Not thread-safe:
/// `add` runs its own workers, and reads start once it has returned.
public final class DeflatedContentStore: @unchecked Sendable {
    /// A file is keyed by its source (`SourcePath`: one file however its path is split),
    /// data by its bytes.
    enum Key: Hashable {
        case file(SourcePath)
        case data([UInt8])
    }

    /// Each unique content's record, in the order contents were added.
    private var records: [DeflatedContent] = []
    /// Where each content's record is in `records`.
    private var positions: [Key: Int] = [:]
    private var scratches: [ScratchFile] = []
    private let directory: URL

    /// Scratch files are created (already unlinked) in `scratchDirectory`.
    public init(scratchDirectory: URL) {
        self.directory = scratchDirectory
    }

    /// Reads, hashes and deflates every file and data entry of `entries` not yet held,
    /// `workers` at a time. The first failure (unreadable, vanished or shrinking source)
    /// is thrown once every worker has stopped.
    public func add(_ entries: [ArchiveEntry],
                    workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws(PackagingError) {
        try add([ArchiveEntryList(entries)], workers: workers)
    }

    /// `add` over the entries of several archives; a content several of them hold is
    /// named (in errors) by the first entry that holds it.
    public func add(_ lists: [ArchiveEntryList],
                    workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws(PackagingError) {
        let first = records.count
        let jobs = claim(lists)
        guard !jobs.isEmpty else { return }
        let count = max(1, min(workers, jobs.count))
        var created: [ScratchFile] = []
        do {
            for _ in 0..<count { created.append(try ScratchFile(in: directory)) }
        } catch {
            release(jobs, from: first)
            throw error
        }
        let newScratches = created
        let firstScratch = scratches.count
        scratches += newScratches
        let queue = JobQueue(jobs.count)
        // Each worker writes the records of its own jobs straight into their places.
        records += repeatElement(Self.unfilled, count: jobs.count)
        let failure: PackagingError? = records.withUnsafeMutableBufferPointer { all in
            let slots = RecordSlots(UnsafeMutableBufferPointer(rebasing: all[first...]))
            DispatchQueue.concurrentPerform(iterations: count) { worker in
                let scratch = newScratches[worker]
                do throws(PackagingError) {
                    let deflaters = Deflaters(oneShot: try OneShotDeflater(), streaming: try Deflater())
                    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
                    defer { buffer.deallocate() }
                    let whole = UnsafeMutableRawBufferPointer.allocate(byteCount: OneShotDeflater.bufferLimit, alignment: 16)
                    defer { whole.deallocate() }
                    while let index = queue.next(worker: worker) {
                        slots.fill(index, with: try Self.compress(jobs[index], deflaters: deflaters, buffer: buffer, whole: whole,
                                                                  scratch: scratch, scratchIndex: firstScratch + worker))
                    }
                    // Every piece is on disk: the append buffer is not needed for reading.
                    try scratch.finishAppending()
                } catch {
                    queue.fail(error, at: queue.current(worker: worker))
                }
            }
            return queue.failure
        }
        if let failure {
            release(jobs, from: first)
            throw failure
        }
    }

    /// A record's value until its worker writes it.
    private static let unfilled = DeflatedContent(size: 0, crc32: 0, digest: DigestBytes(), scratch: 0, offset: 0, length: 0)

    /// A content to compress: its first entry, as the list holds it (a shared entry
    /// without its list's prefix: placing it would copy its path), and that prefix.
    struct Job {
        let entry: ArchiveEntry
        let prefix: String
        /// The entry's full path, for messages.
        var path: String { prefix + entry.path }
    }

    /// The file and data entries of `lists` whose content is not held yet, each content
    /// once (by its first entry, in `ArchiveEntryList.forEach` order); each is given the
    /// next place in `records`.
    private func claim(_ lists: [ArchiveEntryList]) -> [Job] {
        var pending: [Job] = []
        var next = records.count
        // The archives of a build hold the same contents over and over: on a first add the
        // largest list is close to all of them, and room for it up front spares the index
        // its rehashing. (A later add mostly finds its contents held already.)
        if positions.isEmpty {
            let expected = lists.map(\.count).max() ?? 0
            positions.reserveCapacity(expected)
            pending.reserveCapacity(expected)
        }
        func consider(_ entry: ArchiveEntry, prefix: String) {
            guard let key = Self.key(entry), positions[key] == nil else { return }
            positions[key] = next
            next += 1
            pending.append(Job(entry: entry, prefix: prefix))
        }
        for list in lists {
            for entry in list.own { consider(entry, prefix: "") }
            for entry in list.shared { consider(entry, prefix: list.prefix) }
        }
        return pending
    }

    /// Forgets the contents `claim` gave places from `first` on (after a failed `add`).
    private func release(_ jobs: [Job], from first: Int) {
        for job in jobs { if let key = Self.key(job.entry) { positions[key] = nil } }
        records.removeSubrange(min(first, records.count)...)
    }

    /// The content of a file or data entry; nil for directories, symlinks and anything
    /// not added.
    public func content(of entry: ArchiveEntry) -> DeflatedContent? {
        Self.key(entry).flatMap { positions[$0] }.map { records[$0] }
    }

    /// Copies the deflate stream of `content` to `sink`.
    func copyPiece(_ content: DeflatedContent, to sink: ArchiveSink) throws(PackagingError) {
        try scratches[Int(content.scratch)].copy(at: content.offset, length: content.length, to: sink)
    }

    /// A new scratch file (already unlinked) beside the store's: for a writer that spools
    /// what it writes last, such as a zip's central directory.
    func scratchFile() throws(PackagingError) -> ScratchFile {
        try ScratchFile(in: directory)
    }

    private static func key(_ entry: ArchiveEntry) -> Key? {
        switch entry.kind {
        case .file(let source): return .file(source)
        case .data(let bytes): return .data(bytes)
        case .directory, .symlink: return nil
        }
    }

    /// A worker's compressors: libdeflate for contents that fit its buffer, zlib for larger ones.
    struct Deflaters {
        let oneShot: OneShotDeflater
        let streaming: Deflater
    }

    /// Reads the job's entry once, hashing it and gathering it in `whole`; compresses it in one
    /// call when it fits there, else streams it through zlib from the first byte that
    /// does not fit. Either way the scratch receives one complete deflate stream.
    private static func compress(_ job: Job, deflaters: Deflaters, buffer: UnsafeMutableRawBufferPointer,
                                 whole: UnsafeMutableRawBufferPointer,
                                 scratch: ScratchFile, scratchIndex: Int) throws(PackagingError) -> DeflatedContent {
        var hasher = SHA256()
        var crc: UInt32 = 0
        let start = scratch.length
        var gathered = 0
        var streaming = false
        func write(_ piece: UnsafeRawBufferPointer) throws(PackagingError) { try scratch.append(piece) }
        func take(_ bytes: UnsafeRawBufferPointer) throws(PackagingError) {
            hasher.update(bufferPointer: bytes)
            crc = Deflater.crc32(crc, bytes)
            if !streaming, gathered + bytes.count <= whole.count {
                if let base = bytes.baseAddress, let target = whole.baseAddress, !bytes.isEmpty {
                    (target + gathered).copyMemory(from: base, byteCount: bytes.count)
                }
                gathered += bytes.count
                return
            }
            if !streaming {
                // Too large for one call: what was gathered goes first into zlib's stream.
                streaming = true
                deflaters.streaming.reset()
                try deflaters.streaming.compress(UnsafeRawBufferPointer(rebasing: whole[0..<gathered]), write)
            }
            try deflaters.streaming.compress(bytes, write)
        }
        var size: Int64 = 0
        switch job.entry.kind {
        case .data(let bytes):
            try bytes.withBytes(take)
            size = Int64(bytes.count)
        case .file(let source):
            size = try readFile(source.path, job: job, buffer: buffer, take)
        case .directory, .symlink:
            // `claim` queues file and data entries only.
            throw PackagingError(.archive, path: job.path, "a directory or link has no content to compress")
        }
        if size > 0 {
            if streaming {
                try deflaters.streaming.flush(forget: false, write)
                try Deflater.finalBlock.withBytes(write)
            } else {
                try deflaters.oneShot.compress(UnsafeRawBufferPointer(rebasing: whole[0..<gathered]), write)
            }
        }
        return DeflatedContent(size: size, crc32: crc, digest: DigestBytes(hasher.finalize()),
                               scratch: scratchIndex, offset: start, length: scratch.length - start)
    }

    /// Streams a regular file through `take`; returns its size.
    private static func readFile(_ path: String, job: Job, buffer: UnsafeMutableRawBufferPointer,
                                 _ take: (UnsafeRawBufferPointer) throws(PackagingError) -> Void) throws(PackagingError) -> Int64 {
        let source = open(path, O_RDONLY | O_CLOEXEC)
        defer { if source >= 0 { close(source) } }
        var info = stat()
        guard source >= 0, fstat(source, &info) == 0 else {
            throw PackagingError(.io, path: path, "cannot read source of '\(job.path)': \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & FileTypeBits.mask == FileTypeBits.regular else {
            throw PackagingError(.io, path: path, "source of '\(job.path)' is not a regular file")
        }
        let size = Int64(info.st_size)
        var remaining = size
        while remaining > 0 {
            let count = read(source, buffer.baseAddress, min(buffer.count, Int(remaining)))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw PackagingError(.io, path: path, "source of '\(job.path)' could not be read or shrank while archiving")
            }
            try take(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            remaining -= Int64(count)
        }
        return size
    }
}

/// The records of one `add`, written by its workers: each slot by exactly one of them,
/// and read only after all have stopped (`concurrentPerform` returns), so no lock.
private struct RecordSlots: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<DeflatedContent>
    init(_ base: UnsafeMutableBufferPointer<DeflatedContent>) { self.base = base }

    func fill(_ index: Int, with record: DeflatedContent) { base[index] = record }
}

/// Values filled in by several threads, each slot by one of them, read when all are done.
public final class Slots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value?]

    public init(_ count: Int) { values = Array(repeating: nil, count: count) }

    public subscript(index: Int) -> Value? {
        get { lock.withLock { values[index] } }
        set { lock.withLock { values[index] = newValue } }
    }
}

/// Hands out job indexes in order and keeps the failure of the lowest failing job, so
/// the error reported does not depend on thread timing (every job below a failing one
/// was handed out before it and runs to its end).
final class JobQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var cursor = 0
    private let count: Int
    private var taken: [Int: Int] = [:]
    private var failed: (index: Int, error: PackagingError)?

    init(_ count: Int) { self.count = count }

    /// The next job for `worker`, or nil when all are taken or one has failed.
    func next(worker: Int) -> Int? {
        lock.withLock {
            guard failed == nil, cursor < count else { return nil }
            cursor += 1
            taken[worker] = cursor - 1
            return cursor - 1
        }
    }

    /// The job `worker` took last (where a failure outside a job is charged).
    func current(worker: Int) -> Int {
        lock.withLock { taken[worker] ?? -1 }
    }

    func fail(_ error: PackagingError, at index: Int) {
        lock.withLock {
            if failed == nil || index < failed!.index { failed = (index, error) }
        }
    }

    var failure: PackagingError? { lock.withLock { failed?.error } }
}
