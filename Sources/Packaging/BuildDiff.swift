import Documents

/// What changed between two builds (`cowork-dist diff`): distribution metadata,
/// placeholder names, the merged config, shipped content files and the artifacts with
/// their archive entries. Every list is in a fixed order (paths in byte order, config
/// changes in document order), so the same two builds always give the same report.
public struct BuildDiff: Hashable, Sendable {
    public typealias Kind = JSONDiff.Kind

    /// A scalar manifest field that differs, e.g. `version` "1.0.0" -> "1.1.0".
    public struct FieldChange: Hashable, Sendable {
        /// The field's dotted name: `name`, `version`, `upstream.source`, `upstream.sha256`...
        public var field: String
        public var old: String
        public var new: String
    }

    /// Names that appear in only one build.
    public struct NameSetChange: Hashable, Sendable {
        public var added: [String] = []
        public var removed: [String] = []
        public var isEmpty: Bool { added.isEmpty && removed.isEmpty }
    }

    /// The merged config: compared structurally when both builds carry
    /// `config.resolved.json`, otherwise by the digest recorded in the manifests.
    public struct ConfigChange: Hashable, Sendable {
        public var oldSHA256: String
        public var newSHA256: String
        /// True when both configs were read and compared member by member.
        public var structural: Bool
        public var changes: [JSONDiff.Change]
        public var digestChanged: Bool { oldSHA256 != newSHA256 }
        /// True when there is anything to report.
        public var differs: Bool { !changes.isEmpty || digestChanged }
    }

    /// A content file or archive entry present in one or both builds, that differs.
    public struct FileChange: Hashable, Sendable {
        public var path: String
        public var kind: Kind
        public var old: BuildManifest.FileRecord?
        public var new: BuildManifest.FileRecord?

        /// New size minus old size (0 for added/removed files).
        public var sizeDelta: Int { (new?.size ?? 0) - (old?.size ?? 0) }
        /// True when both sides exist and their digests differ.
        public var contentChanged: Bool { kind == .changed && old?.sha256 != new?.sha256 }
        /// The old and new mode when both sides exist and the mode changed.
        public var modeChange: (old: String, new: String)? {
            guard kind == .changed, let a = old?.mode, let b = new?.mode, a != b else { return nil }
            return (a, b)
        }
    }

    /// An artifact present in one or both builds, that differs; `entries` lists the archive
    /// entries that differ when both sides are archives.
    public struct OutputChange: Hashable, Sendable {
        public var name: String
        public var kind: Kind
        public var old: BuildManifest.Output?
        public var new: BuildManifest.Output?
        public var entries: [FileChange]
        /// Key-level changes when a comparer read both versions (a 3P policy export); nil
        /// when the artifact was compared by digest and size only.
        public var keys: [KeyChange]? = nil
        public var sizeDelta: Int { (new?.size ?? 0) - (old?.size ?? 0) }
    }

    public var oldLabel: String
    public var newLabel: String
    public var fields: [FieldChange]
    public var placeholdersKept: NameSetChange
    public var placeholdersResolved: NameSetChange
    public var targets: NameSetChange
    public var config: ConfigChange
    public var content: [FileChange]
    public var outputs: [OutputChange]

    /// True when nothing at all differs.
    public var isIdentical: Bool {
        fields.isEmpty && placeholdersKept.isEmpty && placeholdersResolved.isEmpty && targets.isEmpty
            && !config.differs && content.isEmpty && outputs.isEmpty
    }

    /// Compares two loaded builds. `comparer` reads artifacts both output directories hold
    /// (policy exports) into key-level changes.
    public init(old: BuildDiffInput, new: BuildDiffInput, comparer: (any BuildArtifactComparer)? = nil) {
        oldLabel = old.label
        newLabel = new.label
        let a = old.manifest, b = new.manifest
        fields = BuildDiff.comparedFields.compactMap { field, read in
            read(a) == read(b) ? nil : FieldChange(field: field, old: read(a), new: read(b))
        }
        placeholdersKept = BuildDiff.nameSets(a.placeholdersKept, b.placeholdersKept)
        placeholdersResolved = BuildDiff.nameSets(a.placeholdersResolved, b.placeholdersResolved)
        targets = BuildDiff.nameSets(a.targets, b.targets)
        if let oldConfig = old.config, let newConfig = new.config {
            config = ConfigChange(oldSHA256: a.configSHA256, newSHA256: b.configSHA256, structural: true,
                                  changes: JSONDiff().changes(from: oldConfig, to: newConfig))
        } else {
            config = ConfigChange(oldSHA256: a.configSHA256, newSHA256: b.configSHA256, structural: false, changes: [])
        }
        content = BuildDiff.files(a.content, b.content)
        outputs = BuildDiff.outputs(a.outputs, b.outputs)
        compareKeys(old: old, new: new, comparer: comparer)
    }

    /// The scalar fields compared, in report order, as data.
    static let comparedFields: [(String, @Sendable (BuildManifest) -> String)] = [
        ("name", { $0.name }),
        ("version", { $0.version }),
        ("upstream.source", { $0.upstreamSource }),
        ("upstream.sha256", { $0.upstreamSHA256 }),
        ("upstream.pinned", { String($0.upstreamPinned) }),
        ("sourceDateEpoch", { String($0.sourceDateEpoch) }),
        ("tool.version", { $0.toolVersion }),
    ]

    static func nameSets(_ old: [String], _ new: [String]) -> NameSetChange {
        let a = Set(old), b = Set(new)
        return NameSetChange(added: b.subtracting(a).sorted { ArchivePath.byteOrder($0, $1) },
                             removed: a.subtracting(b).sorted { ArchivePath.byteOrder($0, $1) })
    }

    /// Every path in either list, in byte order; a repeated path keeps its first record.
    static func pairs<T>(_ old: [T], _ new: [T], key: (T) -> String) -> [(String, T?, T?)] {
        var a: [String: T] = [:], b: [String: T] = [:]
        for item in old where a[key(item)] == nil { a[key(item)] = item }
        for item in new where b[key(item)] == nil { b[key(item)] = item }
        let paths = Set(a.keys).union(b.keys).sorted { ArchivePath.byteOrder($0, $1) }
        return paths.map { ($0, a[$0], b[$0]) }
    }

    static func files(_ old: [BuildManifest.FileRecord], _ new: [BuildManifest.FileRecord]) -> [FileChange] {
        pairs(old, new, key: \.path).compactMap { path, a, b in
            switch (a, b) {
            case (nil, let b?): return FileChange(path: path, kind: .added, old: nil, new: b)
            case (let a?, nil): return FileChange(path: path, kind: .removed, old: a, new: nil)
            case (let a?, let b?):
                if a.sha256 == b.sha256 && a.size == b.size && a.mode == b.mode { return nil }
                return FileChange(path: path, kind: .changed, old: a, new: b)
            default: return nil
            }
        }
    }

    static func outputs(_ old: [BuildManifest.Output], _ new: [BuildManifest.Output]) -> [OutputChange] {
        pairs(old, new, key: \.name).compactMap { name, a, b in
            switch (a, b) {
            case (nil, let b?): return OutputChange(name: name, kind: .added, old: nil, new: b, entries: [])
            case (let a?, nil): return OutputChange(name: name, kind: .removed, old: a, new: nil, entries: [])
            case (let a?, let b?):
                let entries = files(a.entries ?? [], b.entries ?? [])
                if a.sha256 == b.sha256 && a.size == b.size && entries.isEmpty { return nil }
                return OutputChange(name: name, kind: .changed, old: a, new: b, entries: entries)
            default: return nil
            }
        }
    }
}
