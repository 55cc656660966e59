import Diagnostics
import Documents
import Foundation
import ManagedPolicy
import OpenCowork
import Packaging

/// What a finished build wrote.
public struct BuildResult: Sendable {
    public var manifest: BuildManifest
    /// Every file written, including build-manifest.json and SHA256SUMS, sorted by name.
    public var written: [(name: String, size: Int)]
}

/// The write stage's output: every artifact under its temporary name in the output
/// directory, nothing at a final name yet.
public struct StagedBuild: @unchecked Sendable {
    public var plan: ArtifactPlan
    let transaction: ArtifactTransaction
    let urls: [URL]
    /// Every unique content, compressed once and shared by the archives (and the manifest's digests).
    let store: DeflatedContentStore
    /// Digest and size of each artifact, in plan order.
    let files: [(hex: String, size: Int)]
}

/// The verify stage's output: a staged build whose deliveries load as checked.
public struct VerifiedBuild: Sendable {
    public var staged: StagedBuild
    public var deliveries: [DeliveryVerification]
}

/// Stages 4-6 of a build: write the planned artifacts deterministically under temporary
/// names, verify every delivery read back from disk, then commit (build-manifest.json,
/// SHA256SUMS, and every rename at once). A failed or interrupted build leaves earlier
/// artifacts untouched.
public struct ArtifactStage: Sendable {
    public var options: BuildOptions

    public init(options: BuildOptions) { self.options = options }

    /// Where a build stands when an artifact starts: its place in the list, its name,
    /// and the files and bytes it holds.
    public struct ProgressStep: Sendable {
        public var index: Int
        public var count: Int
        public var name: String
        public var files: Int
        public var bytes: Int
    }

    public typealias Progress = @Sendable (ProgressStep) -> Void

    /// Write, verify and commit in one call.
    public func run(_ plan: ArtifactPlan, outputDirectory: URL, progress: Progress? = nil) throws(BuildError) -> BuildResult {
        try commit(try verify(try write(plan, outputDirectory: outputDirectory, progress: progress)))
    }

    /// Writes every artifact under a temporary name in `outputDirectory`.
    public func write(_ plan: ArtifactPlan, outputDirectory: URL, progress: Progress? = nil) throws(BuildError) -> StagedBuild {
        try wrapped {
            let transaction = try ArtifactTransaction(directory: outputDirectory)
            // Temporary names first (the transaction is not shared across threads), then the
            // archives, which are independent of each other, written side by side.
            let urls = try plan.artifacts.map { try transaction.temporaryURL(for: $0.name) }
            let store = DeflatedContentStore(scratchDirectory: outputDirectory)
            let files = try ArtifactStage.writeConcurrently(plan.artifacts, to: urls, options: options.archiveOptions,
                                                            store: store, progress: progress)
            return StagedBuild(plan: plan, transaction: transaction, urls: urls, store: store, files: files)
        }
    }

    /// Reads every delivery archive back and loads it as the app would.
    public func verify(_ staged: StagedBuild) throws(BuildError) -> VerifiedBuild {
        let deliveries = try wrapped { try verifyDeliveries(staged.plan, urls: staged.urls) }
        return VerifiedBuild(staged: staged, deliveries: deliveries)
    }

    /// Writes build-manifest.json and SHA256SUMS, then moves everything into place.
    public func commit(_ verified: VerifiedBuild) throws(BuildError) -> BuildResult {
        try wrapped { try commitVerified(verified) }
    }

    private func wrapped<T>(_ body: () throws -> T) throws(BuildError) -> T {
        do {
            return try body()
        } catch let error as BuildError {
            throw error
        } catch let error as PackagingError {
            throw BuildError(error.description)
        } catch {
            throw BuildError("\(error)")
        }
    }

    /// Each kind's commit step in registry order (build-manifest.json, then SHA256SUMS),
    /// then every rename at once.
    private func commitVerified(_ verified: VerifiedBuild) throws -> BuildResult {
        var build = CommittingBuild(verified: verified, options: options)
        for kind in ArtifactKinds.all { try kind.commit(&build) }
        guard let manifest = build.manifest else { throw BuildError("no build manifest was written") }
        try verified.staged.transaction.commit()
        return BuildResult(manifest: manifest, written: build.written.sorted { ArchivePath.byteOrder($0.0, $1.0) })
    }

    /// Emulates the app's launch over every written delivery archive and applies each
    /// artifact's read-back rule; any difference or refusal stops the build before
    /// anything is committed.
    func verifyDeliveries(_ plan: ArtifactPlan, urls: [URL]) throws -> [DeliveryVerification] {
        var findings = try Self.readBackChecks(plan, urls: urls)
        var records: [DeliveryVerification] = []
        if let verifier = plan.verifier, let delivery = plan.delivery {
            let jobs = zip(plan.artifacts, urls).compactMap { artifact, url -> (name: String, url: URL, install: DeliveryInstall)? in
                guard let install = artifact.delivery, install.platform != nil || install.channel == .appResources else { return nil }
                return (artifact.name, url, install)
            }
            // One archive per core at a time: reading a tar.gz back inflates all of it.
            let outcomes = Slots<Result<(DeliveryVerification, [Finding]), PackagingError>>(jobs.count)
            let expected = delivery.checkedConfig
            DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
                let job = jobs[index]
                do throws(PackagingError) {
                    // Keep the bytes of config-like files; skill and MCP content is only listed.
                    let listing = try ArchiveFiles.read(job.url, keep: { path in
                        !path.split(separator: "/").contains { $0 == "skills" || $0 == "mcps" || $0 == "branding" }
                    })
                    outcomes[index] = .success(verifier.verify(job.install, files: ListedFiles(listing), artifact: job.name,
                                                               expected: expected))
                    MemoryRelease.now()
                } catch {
                    outcomes[index] = .failure(error)
                }
            }
            // In plan order, whatever order the threads finished in.
            for index in jobs.indices {
                switch outcomes[index] {
                case .success(let (record, found))?:
                    records.append(record)
                    findings += found
                case .failure(let error)?: throw error
                case nil: break
                }
            }
        }
        if findings.errorCount > 0 {
            throw BuildError("\(findings.errorCount) delivery check(s) failed on the written archives", findings: findings)
        }
        return records
    }

    /// The consumer rules of `PlannedArtifact.readBackCheck`, on the archives as written.
    static func readBackChecks(_ plan: ArtifactPlan, urls: [URL]) throws -> [Finding] {
        var findings: [Finding] = []
        for (artifact, url) in zip(plan.artifacts, urls) {
            switch artifact.readBackCheck {
            case .linuxManagedSettings?:
                let listing = try ArchiveListing.read(url, keep: { $0 == LinuxManagedFileCheck.path })
                findings += LinuxManagedFileCheck().check(listing, archive: artifact.name)
            case nil:
                continue
            }
        }
        return findings
    }

    /// Writes each artifact to its URL and returns each written file's digest and size in
    /// plan order. Archives share `store`: each unique content is compressed once, over
    /// all processors, then the archives are assembled side by side.
    static func writeConcurrently(_ artifacts: [PlannedArtifact], to urls: [URL], options: ArchiveOptions,
                                  store: DeflatedContentStore, progress: Progress?) throws -> [(hex: String, size: Int)] {
        var results: [(hex: String, size: Int)?] = Array(repeating: nil, count: artifacts.count)
        var jobs: [ArchiveWriter.Job] = []
        var jobArtifact: [Int] = []
        for (index, artifact) in artifacts.enumerated() {
            switch artifact.content {
            case .archive(let format, let entries):
                jobs.append(ArchiveWriter.Job(entries: entries, format: format, url: urls[index], ownedRoot: artifact.ownedRoot))
                jobArtifact.append(index)
            case .bytes(let bytes):
                try Data(bytes).write(to: urls[index])
                results[index] = (SHA256Digest.hex(of: bytes), bytes.count)
            }
        }
        let started = ConcurrentResults<Bool>(count: 0)
        let owners = jobArtifact
        var report: (@Sendable (Int) -> Void)?
        if let progress {
            report = { @Sendable (job: Int) -> Void in
                let artifact = artifacts[owners[job]]
                let (files, bytes) = ArtifactStage.measure(artifact, store: store)
                started.serially {
                    progress(ProgressStep(index: started.next(), count: artifacts.count, name: artifact.name,
                                          files: files, bytes: bytes))
                }
            }
        }
        let written = try ArchiveWriter.writeAll(jobs, store: store, options: options, started: report)
        for (job, result) in written.enumerated() { results[jobArtifact[job]] = result }
        return try results.map { result in
            guard let result else { throw BuildError("an artifact was not written") }
            return result
        }
    }

    /// Files and bytes in an artifact, from the sizes the store read (no file system call).
    static func measure(_ artifact: PlannedArtifact, store: DeflatedContentStore) -> (files: Int, bytes: Int) {
        switch artifact.content {
        case .bytes(let bytes):
            return (1, bytes.count)
        case .archive(_, let entries):
            var files = 0, bytes = 0
            entries.forEach { entry in
                switch entry.kind {
                case .file:
                    files += 1
                    bytes += Int(store.content(of: entry)?.size ?? 0)
                case .data(let data):
                    files += 1
                    bytes += data.count
                default:
                    break
                }
            }
            return (files, bytes)
        }
    }
}

/// Results filled in from several threads, each slot once, read when all are done.
final class ConcurrentResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Value, any Error>?]
    private var counter = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Value, any Error>) {
        lock.withLock { slots[index] = result }
    }

    /// Runs `body` with no other `serially` body running at the same time.
    func serially(_ body: () -> Void) { lock.withLock(body) }

    /// 1, 2, 3, ... in call order (call inside `serially`).
    func next() -> Int {
        counter += 1
        return counter
    }

    /// Every value in order, or the first error in plan order.
    func values() throws -> [Value] {
        try lock.withLock { slots }.map { slot in
            guard let slot else { throw BuildError("an artifact was not written") }
            return try slot.get()
        }
    }
}
