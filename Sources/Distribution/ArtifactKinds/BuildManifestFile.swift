import Foundation
import OpenCowork
import Packaging

/// `build-manifest.json`: what went in (inputs, upstream, placeholders), every shipped
/// file by digest, every artifact with its entries, and each delivery's verification.
struct BuildManifestFile: ArtifactKind {
    func commit(_ build: inout CommittingBuild) throws {
        let staged = build.verified.staged, plan = staged.plan, manifest = plan.manifest
        let content = try plan.downstreamRoot.materialized().compactMap { try build.digests.record($0) }
            .sorted { ArchivePath.byteOrder($0.path, $1.path) }
        var outputs: [BuildManifest.Output] = []
        // Records of a shared entry list, relative to its prefix, made once for the
        // archives that place it (the install archives of every platform share one; by
        // name they follow each other, so only the last list's records are kept).
        var last: (storage: UInt, records: BuildManifest.Output.PlacedRecords)?
        for (artifact, file) in zip(plan.artifacts, staged.files) {
            if case .archive(_, let list) = artifact.content {
                let storage = list.sharedIdentity
                let placed: BuildManifest.Output.PlacedRecords
                if let last, last.storage == storage, !list.shared.isEmpty {
                    placed = last.records.placed(under: list.prefix)
                } else {
                    last = nil
                    MemoryRelease.now()
                    placed = BuildManifest.Output.PlacedRecords(records: try list.shared.compactMap { try build.digests.record($0) },
                                                                prefix: list.prefix)
                    last = (storage, placed)
                }
                let own = try list.own.compactMap { try build.digests.record($0) }
                // Archives holding the whole content under a prefix keep a reference to it.
                outputs.append(.sharing(content, name: artifact.name, sha256: file.hex, size: file.size, own: own, placed: placed))
            } else {
                outputs.append(BuildManifest.Output(name: artifact.name, sha256: file.hex, size: file.size))
            }
        }
        last = nil
        MemoryRelease.now()
        var buildManifest = BuildManifest(
            toolVersion: build.options.toolVersion, name: manifest.name, version: manifest.version,
            upstreamSource: upstreamSource(manifest), upstreamSHA256: plan.upstream?.digest ?? "",
            upstreamPinned: plan.upstream?.pinned ?? false, sourceDateEpoch: build.options.archiveOptions.mtime,
            targets: plan.targets.map(\.rawValue), placeholdersKept: plan.placeholdersKept,
            placeholdersResolved: plan.placeholdersResolved,
            configSHA256: plan.configBytes.map { SHA256Digest.hex(of: $0) } ?? "",
            inputs: try inputs(plan, digests: &build.digests),
            content: content, outputs: outputs)
        if plan.delivery != nil { buildManifest.delivery = .array(build.verified.deliveries.map(\.json)) }
        // Streamed to disk and hashed from there, so the manifest is never held whole in memory.
        let url = try staged.transaction.temporaryURL(for: BuildManifest.fileName)
        try buildManifest.write(to: url)
        let (hex, size) = try SHA256Digest.file(at: url)
        build.record(BuildManifest.fileName, sha256: hex, size: size)
        build.manifest = buildManifest
    }

    func upstreamSource(_ manifest: Manifest) -> String {
        switch manifest.upstream?.source {
        case .path(let path)?: return path
        case .archive(let path)?: return path
        case nil: return ""
        }
    }

    /// The files the build read: distribution.yaml, overlays, shipped content, 3P policy
    /// and plugins (paths relative to the distribution), and the upstream config.
    func inputs(_ plan: ArtifactPlan, digests: inout DigestCache) throws -> [BuildManifest.FileRecord] {
        let manifest = plan.manifest
        let root = manifest.directory.standardizedFileURL.path + "/"
        var records: [String: BuildManifest.FileRecord] = [:]
        func add(_ url: URL, as name: String? = nil, sameAs entryPath: String? = nil) throws {
            let path = url.standardizedFileURL.path
            var shown = name ?? (path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path)
            // Usually the input's name is the entry's own path: keep that one string.
            if let entryPath, entryPath == shown { shown = entryPath }
            // A parsed input is recorded as the bytes that were checked, not read again.
            let parsed = plan.parsedInputs[path]
            let (hex, size) = try parsed.map { ($0.sha256, $0.size) } ?? digests.file(url)
            records[shown] = BuildManifest.FileRecord(path: shown, sha256: hex, size: size)
        }
        try add(manifest.url(Manifest.fileName))
        for overlay in manifest.overlays { try add(manifest.url(overlay)) }
        if let upstream = plan.upstream {
            try add(upstream.configPath, as: "upstream/" + upstream.configPath.lastPathComponent)
        }
        // Install trees repeat the same sources: each is looked at once.
        var seen = Set<SourcePath>()
        try plan.downstreamRoot.forEach { entry in
            guard case .file(let source) = entry.kind, seen.insert(source).inserted else { return }
            try add(URL(fileURLWithPath: source.path), sameAs: entry.path)
        }
        if let policy = manifest.targets.claude3p?.policy { try add(manifest.url(policy)) }
        for artifact in plan.artifacts {
            guard case .archive(_, let entries) = artifact.content else { continue }
            // Sources only: the entries' paths (and so their prefixes) do not matter here.
            for entry in [entries.own, entries.shared].joined() {
                guard case .file(let source) = entry.kind, seen.insert(source).inserted else { continue }
                let url = URL(fileURLWithPath: source.path)
                if url.standardizedFileURL.path.hasPrefix(root) { try add(url) }
            }
        }
        return Array(records.values)
    }
}
