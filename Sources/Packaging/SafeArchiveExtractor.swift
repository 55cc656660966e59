import Foundation

/// Extracts pinned upstream releases (`.tar.gz`, `.tgz`, `.tar`, `.zip`) without trusting them.
///
/// Two passes: the first reads every header and builds an `ExtractionPlan` (no absolute
/// names, no `..`, no control characters, symlinks and hardlinks only inside the root,
/// no devices or FIFOs, entry-count and size caps); nothing is written unless every
/// entry passes. The second pass writes files with `O_EXCL|O_NOFOLLOW`, re-counting the
/// bytes actually written, and creates symlinks last so no write can follow one. On any
/// failure what was extracted is removed.
public enum SafeArchiveExtractor {
    /// Extracts `archive` into `directory` (created if missing; must be empty if present)
    /// and returns the extracted entry paths, relative and sorted byte-wise.
    public static func extract(archive: URL, into directory: URL,
                               limits: ExtractionLimits = .default) throws(PackagingError) -> [String] {
        try UTF8Locale.run { () throws(PackagingError) in
            try extractInLocale(archive: archive, into: directory, limits: limits)
        }
    }

    private static func extractInLocale(archive: URL, into directory: URL,
                                        limits: ExtractionLimits) throws(PackagingError) -> [String] {
        let plan = try makePlan(archive: archive, limits: limits)
        let fm = FileManager.default
        let existed = fm.fileExists(atPath: directory.path)
        if existed {
            let contents = (try? fm.contentsOfDirectory(atPath: directory.path)) ?? ["?"]
            guard contents.isEmpty else {
                throw PackagingError(.destinationNotEmpty, path: directory.path, "extraction directory is not empty")
            }
        } else {
            do { try fm.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
                throw PackagingError(.io, path: directory.path, "cannot create extraction directory: \(error.localizedDescription)")
            }
        }
        do throws(PackagingError) {
            try extractEntries(plan, from: archive, into: directory, limits: limits)
        } catch {
            cleanUp(directory, removeItself: !existed)
            throw error
        }
        return plan.steps.compactMap(\.path).sorted(by: ArchivePath.byteOrder)
    }

    /// Checks every header of `archive` without writing anything.
    static func makePlan(archive: URL, limits: ExtractionLimits) throws(PackagingError) -> ExtractionPlan {
        let reader = try ArchiveReader(url: archive)
        var plan = ExtractionPlan(archiveName: archive.lastPathComponent, limits: limits)
        while let raw = try reader.next() {
            try plan.add(raw)
            try reader.skipData()
        }
        try plan.finish()
        return plan
    }

    private static func extractEntries(_ plan: ExtractionPlan, from archive: URL, into root: URL,
                              limits: ExtractionLimits) throws(PackagingError) {
        let reader = try ArchiveReader(url: archive)
        var total: Int64 = 0
        var symlinks: [(String, String)] = []
        for step in plan.steps {
            guard try reader.next() != nil else {
                throw PackagingError(.archive, path: archive.path, "archive changed while extracting")
            }
            switch step {
            case .skip:
                continue
            case .directory(let path):
                try makeDirectory(root, path)
            case .file(let path, let executable, let declared):
                try makeDirectory(root, ArchivePath.ancestors(of: path).last)
                let cap = min(declared ?? limits.maxEntryBytes, limits.maxEntryBytes)
                let written = try writeFile(reader, to: root.appendingPathComponent(path).path,
                                            mode: executable ? 0o755 : 0o644, cap: cap, entry: path,
                                            totalSoFar: total, totalCap: limits.maxTotalBytes)
                total += written
            case .hardlink(let path, let target):
                try makeDirectory(root, ArchivePath.ancestors(of: path).last)
                let destination = root.appendingPathComponent(path).path
                if link(root.appendingPathComponent(target).path, destination) != 0 {
                    throw PackagingError(.io, path: path, "cannot create hardlink: \(String(cString: strerror(errno)))")
                }
            case .symlink(let path, let target):
                symlinks.append((path, target))
            }
        }
        for (path, target) in symlinks {
            try makeDirectory(root, ArchivePath.ancestors(of: path).last)
            if symlink(target, root.appendingPathComponent(path).path) != 0 {
                throw PackagingError(.io, path: path, "cannot create symlink: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Creates `relative` (and its parents) below `root` with mode 0755; nil means the root.
    private static func makeDirectory(_ root: URL, _ relative: String?) throws(PackagingError) {
        guard let relative else { return }
        var current = root
        for segment in relative.split(separator: "/") {
            current.appendPathComponent(String(segment))
            if mkdir(current.path, 0o755) != 0 && errno != EEXIST {
                throw PackagingError(.io, path: relative, "cannot create directory: \(String(cString: strerror(errno)))")
            }
            var info = stat()
            // An existing non-directory (or a link) here would redirect later writes.
            guard lstat(current.path, &info) == 0, info.st_mode & FileTypeBits.mask == FileTypeBits.directory else {
                throw PackagingError(.unsafeEntry, path: relative, "a non-directory already exists at this path")
            }
            chmod(current.path, 0o755)
        }
    }

    /// Streams the current entry to a new file, refusing to exceed `cap` or the total cap.
    private static func writeFile(_ reader: ArchiveReader, to path: String, mode: mode_t, cap: Int64, entry: String,
                                  totalSoFar: Int64, totalCap: Int64) throws(PackagingError) -> Int64 {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else {
            throw PackagingError(.io, path: entry, "cannot create file: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        fchmod(fd, mode)
        var written: Int64 = 0
        try reader.readData { (chunk: UnsafeRawBufferPointer) throws(PackagingError) in
            written += Int64(chunk.count)
            if written > cap || totalSoFar + written > totalCap {
                throw PackagingError(.limitExceeded, path: entry, "entry data is larger than its header or the size caps allow")
            }
            guard let base = chunk.baseAddress else { return }
            var offset = 0
            while offset < chunk.count {
                let n = write(fd, base + offset, chunk.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw PackagingError(.io, path: entry, "cannot write file: \(String(cString: strerror(errno)))")
                }
                offset += n
            }
        }
        return written
    }

    /// Removes what a failed extraction left: the directory itself when we created it,
    /// else only its contents.
    private static func cleanUp(_ directory: URL, removeItself: Bool) {
        let fm = FileManager.default
        if removeItself {
            try? fm.removeItem(at: directory)
            return
        }
        for name in (try? fm.contentsOfDirectory(atPath: directory.path)) ?? [] {
            try? fm.removeItem(at: directory.appendingPathComponent(name))
        }
    }
}

extension ExtractionPlan.Step {
    /// The relative path the step creates, nil for the root.
    var path: String? {
        switch self {
        case .skip: return nil
        case .directory(let p), .file(let p, _, _), .hardlink(let p, _), .symlink(let p, _): return p
        }
    }
}
