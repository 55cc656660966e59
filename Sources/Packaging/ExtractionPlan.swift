/// The checked list of what an archive will create, built from its headers alone before
/// anything touches the disk. Every rule of safe extraction lives here.
struct ExtractionPlan {
    enum Step: Equatable {
        /// The root itself (`./`): nothing to create.
        case skip
        case directory(String)
        case file(String, executable: Bool, declaredSize: Int64?)
        case hardlink(String, target: String)
        case symlink(String, target: String)
    }

    private(set) var steps: [Step] = []
    private var kinds: [String: Kind] = [:]
    private var totalBytes: Int64 = 0
    private let limits: ExtractionLimits
    private let archiveName: String

    private enum Kind { case directory, file, symlink }

    init(archiveName: String, limits: ExtractionLimits) {
        self.archiveName = archiveName
        self.limits = limits
    }

    /// Checks one header and appends its step; throws naming the entry on the first problem.
    mutating func add(_ raw: RawArchiveEntry) throws(PackagingError) {
        if steps.count >= limits.maxEntries {
            throw refuse(raw.name, .limitExceeded, "archive has more than \(limits.maxEntries) entries")
        }
        guard let path = try normalize(raw.name) else {
            guard case .directory = raw.kind else { throw refuse(raw.name, .unsafeEntry, "entry names the extraction root") }
            steps.append(.skip)
            return
        }
        try checkParents(of: path, entry: raw.name)
        if let existing = kinds[path], !(existing == .directory && isDirectory(raw.kind)) {
            throw refuse(raw.name, .duplicatePath, "entry appears more than once")
        }
        switch raw.kind {
        case .directory:
            kinds[path] = .directory
            steps.append(.directory(path))
        case .file:
            let size = raw.declaredSize ?? 0
            if size > limits.maxEntryBytes {
                throw refuse(raw.name, .limitExceeded, "entry is \(size) bytes, more than the \(limits.maxEntryBytes)-byte cap")
            }
            totalBytes += size
            if totalBytes > limits.maxTotalBytes {
                throw refuse(raw.name, .limitExceeded, "archive expands to more than \(limits.maxTotalBytes) bytes")
            }
            kinds[path] = .file
            steps.append(.file(path, executable: raw.permissions & 0o111 != 0, declaredSize: raw.declaredSize))
        case .hardlink:
            let resolved: String?
            do throws(PackagingError) { resolved = try raw.linkTarget.flatMap { (t) throws(PackagingError) in try normalize(t) } } catch {
                throw refuse(raw.name, .unsafeEntry, "hardlink target '\(raw.linkTarget ?? "")': \(error.message)")
            }
            guard let resolved, kinds[resolved] == .file else {
                throw refuse(raw.name, .unsafeEntry, "hardlink target '\(raw.linkTarget ?? "")' is not an earlier regular file in the archive")
            }
            kinds[path] = .file
            steps.append(.hardlink(path, target: resolved))
        case .symlink:
            guard let target = raw.linkTarget else { throw refuse(raw.name, .unsafeEntry, "symlink has no target") }
            try checkSymlink(path, target: target, entry: raw.name)
            kinds[path] = .symlink
            steps.append(.symlink(path, target: target))
        case .other(let what):
            throw refuse(raw.name, .unsafeEntry, "\(what) entries are not extracted")
        }
    }

    /// Re-checks symlinks once every entry is known: a target that walks `..` after
    /// passing through another symlink could leave the root even though its lexical
    /// resolution stays inside (e.g. `r -> .` then `x -> r/..`).
    func finish() throws(PackagingError) {
        for case .symlink(let path, let target) in steps {
            var stack = Array(path.split(separator: "/").dropLast().map(String.init))
            var throughLink = false
            for segment in target.split(separator: "/") where segment != "." {
                if segment == ".." {
                    if throughLink { throw refuse(path, .unsafeEntry, "symlink target '\(target)' climbs out of another symlink") }
                    if stack.popLast() == nil { throw refuse(path, .unsafeEntry, "symlink target '\(target)' points outside the extraction root") }
                } else {
                    stack.append(String(segment))
                    if kinds[stack.joined(separator: "/")] == .symlink { throughLink = true }
                }
            }
        }
    }

    /// The entry name without leading `./` and trailing `/`; nil for the root itself.
    private func normalize(_ name: String) throws(PackagingError) -> String? {
        var path = Substring(name)
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        while path.hasSuffix("/") && path.count > 1 { path = path.dropLast() }
        if path.isEmpty || path == "." { return nil }
        if let problem = ArchivePath.problem(in: String(path)) {
            throw refuse(name, .unsafeEntry, problem)
        }
        return String(path)
    }

    /// No entry may be written through a symlink or below a regular file.
    /// Implicit parents are recorded as directories so a later link or file there clashes.
    private mutating func checkParents(of path: String, entry: String) throws(PackagingError) {
        for ancestor in ArchivePath.ancestors(of: path) {
            switch kinds[ancestor] {
            case .symlink?: throw refuse(entry, .unsafeEntry, "entry would be written through the symlink '\(ancestor)'")
            case .file?: throw refuse(entry, .duplicatePath, "entry would be written below the file '\(ancestor)'")
            case .directory?: continue
            case nil: kinds[ancestor] = .directory
            }
        }
    }

    /// A symlink target must be relative and, resolved from the link's directory, stay inside.
    private func checkSymlink(_ path: String, target: String, entry: String) throws(PackagingError) {
        if target.isEmpty || target.hasPrefix("/") {
            throw refuse(entry, .unsafeEntry, "symlink target '\(target)' is absolute or empty")
        }
        if target.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) {
            throw refuse(entry, .unsafeEntry, "symlink target contains a control character or backslash")
        }
        var depth = path.split(separator: "/").count - 1
        for segment in target.split(separator: "/") where segment != "." {
            depth += segment == ".." ? -1 : 1
            if depth < 0 { throw refuse(entry, .unsafeEntry, "symlink target '\(target)' points outside the extraction root") }
        }
    }

    private func isDirectory(_ kind: RawArchiveEntry.Kind) -> Bool {
        if case .directory = kind { return true }
        return false
    }

    private func refuse(_ entry: String, _ kind: PackagingError.Kind, _ message: String) -> PackagingError {
        PackagingError(kind, path: ArchivePath.printable(entry), "\(message) (in \(archiveName))")
    }
}
