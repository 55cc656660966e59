import Documents
import Foundation

/// `build-manifest.json`, format 2: content-addressed. Every distinct (sha256, size) is
/// listed once in `digests`; inputs, content and archive entries refer to it by index:
/// `["path", index]` for inputs, `["path", index, "0644"]` for shipped files. An archive
/// holding the whole downstream content under one prefix says so (`contentPrefix`)
/// instead of listing it again; `entries` has the rest. Record arrays are written on one
/// line each. Format 1 manifests (records as objects, every entry of every archive) are
/// still read, so `diff` compares builds across the change.
extension BuildManifest {
    /// A top-level member: a value, or a list produced item by item when streamed.
    private enum Member {
        case value(String, JSONValue)
        case list(String, Int, (Int) -> JSONValue)
    }

    static let writer: JSONWriter = {
        var writer = JSONWriter()
        writer.inlineScalarArrays = true
        return writer
    }()

    /// The manifest as a JSON value with a fixed key order.
    public var json: JSONValue {
        var root = JSONObject()
        for member in members() {
            switch member {
            case .value(let key, let value): root[key] = value
            case .list(let key, let count, let item): root[key] = .array((0..<count).map(item))
            }
        }
        return .object(root)
    }

    /// The manifest text: `BuildManifest.writer.string(json)`.
    public var text: String { BuildManifest.writer.string(json) }

    /// Writes exactly `text` to `url`, one list item at a time: a large build's manifest
    /// never exists whole in memory as a JSON tree.
    public func write(to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw PackagingError(.io, path: url.path, "cannot create the build manifest")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let writer = BuildManifest.writer
        var out = "{"
        func flush(force: Bool = false) throws {
            guard force || out.utf8.count >= 1 << 20 else { return }
            try handle.write(contentsOf: Data(out.utf8))
            out = ""
        }
        for (index, member) in members().enumerated() {
            out += index == 0 ? "\n  " : ",\n  "
            switch member {
            case .value(let key, let value):
                out += JSONWriter.quoted(key) + ": "
                writer.append(value, depth: 1, to: &out)
            case .list(let key, let count, let item):
                out += JSONWriter.quoted(key) + ": " + (count == 0 ? "[]" : "[")
                for i in 0..<count {
                    out += (i == 0 ? "" : ",") + "\n    "
                    writer.append(item(i), depth: 2, to: &out)
                    try flush()
                }
                if count > 0 { out += "\n  ]" }
            }
            try flush()
        }
        out += "\n}\n"
        try flush(force: true)
    }

    private struct DigestKey: Hashable {
        var sha256: String
        var size: Int
    }

    private func members() -> [Member] {
        var keys = Set<DigestKey>()
        for record in inputs { keys.insert(DigestKey(sha256: record.sha256, size: record.size)) }
        for record in content { keys.insert(DigestKey(sha256: record.sha256, size: record.size)) }
        for output in outputs {
            for record in output.ownEntries ?? [] { keys.insert(DigestKey(sha256: record.sha256, size: record.size)) }
        }
        let table = keys.sorted { ($0.sha256, $0.size) < ($1.sha256, $1.size) }
        var index: [DigestKey: Int] = [:]
        for (i, key) in table.enumerated() { index[key] = i }
        func record(_ r: FileRecord) -> JSONValue {
            let ref = JSONValue.number(JSONNumber(index[DigestKey(sha256: r.sha256, size: r.size)] ?? 0))
            return .array([.string(r.path), ref] + (r.mode.map { [.string($0)] } ?? []))
        }
        let outputs = self.outputs, inputs = self.inputs, content = self.content
        return [
            .value("formatVersion", .number(JSONNumber(BuildManifest.formatVersion))),
            .value("tool", ["name": .string(toolName), "version": .string(toolVersion)]),
            .value("distribution", ["name": .string(name), "version": .string(version)]),
            .value("upstream", ["source": .string(upstreamSource), "sha256": .string(upstreamSHA256), "pinned": .bool(upstreamPinned)]),
            .value("sourceDateEpoch", .number(JSONNumber(sourceDateEpoch))),
            .value("targets", .array(targets.map { .string($0) })),
            .value("placeholders", ["kept": .array(placeholdersKept.map { .string($0) }),
                                    "resolved": .array(placeholdersResolved.map { .string($0) })]),
            .value("config", ["sha256": .string(configSHA256)]),
            .list("digests", table.count) { .array([.string(table[$0].sha256), .number(JSONNumber(table[$0].size))]) },
            .list("inputs", inputs.count) { record(inputs[$0]) },
            .list("content", content.count) { record(content[$0]) },
        ] + (delivery.map { [Member.value("delivery", $0)] } ?? []) + [
            .list("outputs", outputs.count) { i in
                let output = outputs[i]
                var object = JSONObject()
                object["name"] = .string(output.name)
                object["sha256"] = .string(output.sha256)
                object["size"] = .number(JSONNumber(output.size))
                if let prefix = output.sharedPrefix { object["contentPrefix"] = .string(prefix) }
                if let entries = output.ownEntries { object["entries"] = .array(entries.map(record)) }
                return .object(object)
            },
        ]
    }

    /// Reads a manifest written by `json` (format 2) or by an earlier cowork-dist (format
    /// 1). Errors name the missing or mistyped field.
    public init(json value: JSONValue, file: String = BuildManifest.fileName) throws(PackagingError) {
        func fail(_ field: String) -> PackagingError {
            PackagingError(.invalidArgument, path: file, "\(file) is not a cowork-dist build manifest: '\(field)' is missing or has the wrong type")
        }
        func string(_ pointer: JSONPointer) throws(PackagingError) -> String {
            guard let s = value[pointer]?.stringValue else { throw fail(pointer.description) }
            return s
        }
        func strings(_ pointer: JSONPointer) throws(PackagingError) -> [String] {
            guard let list = value[pointer]?.arrayValue else { throw fail(pointer.description) }
            var out: [String] = []
            for item in list {
                guard let s = item.stringValue else { throw fail(pointer.description) }
                out.append(s)
            }
            return out
        }
        guard let format = value["/formatVersion" as JSONPointer]?.numberValue?.intValue else { throw fail("/formatVersion") }
        let decoder = try RecordDecoder(format: format, digests: value["digests"], fail: fail)
        let content = try decoder.records(value["content"], "/content")
        guard let outputsValue = value["outputs"]?.arrayValue else { throw fail("/outputs") }
        var outputs: [Output] = []
        for item in outputsValue {
            guard let name = item["name"]?.stringValue, let sha = item["sha256"]?.stringValue,
                  let size = item["size"]?.numberValue?.intValue else { throw fail("/outputs") }
            let entries = item["entries"] == nil ? nil : try decoder.records(item["entries"], "/outputs/entries")
            if let prefixValue = item["contentPrefix"] {
                guard let prefix = prefixValue.stringValue else { throw fail("/outputs/contentPrefix") }
                let moved = content.map { FileRecord(path: prefix + $0.path, sha256: $0.sha256, size: $0.size, mode: $0.mode) }
                outputs.append(.sharing(content, name: name, sha256: sha, size: size, entries: moved + (entries ?? [])))
            } else {
                outputs.append(Output(name: name, sha256: sha, size: size, entries: entries))
            }
        }
        guard let pinned = value["/upstream/pinned" as JSONPointer]?.boolValue else { throw fail("/upstream/pinned") }
        guard let epoch = value["/sourceDateEpoch" as JSONPointer]?.numberValue?.int64Value else { throw fail("/sourceDateEpoch") }
        self.init(toolVersion: try string("/tool/version"), name: try string("/distribution/name"),
                  version: try string("/distribution/version"), upstreamSource: try string("/upstream/source"),
                  upstreamSHA256: try string("/upstream/sha256"), upstreamPinned: pinned, sourceDateEpoch: epoch,
                  targets: try strings("/targets"), placeholdersKept: try strings("/placeholders/kept"),
                  placeholdersResolved: try strings("/placeholders/resolved"), configSHA256: try string("/config/sha256"),
                  inputs: try decoder.records(value["inputs"], "/inputs"), content: content, outputs: outputs)
        toolName = try string("/tool/name")
        delivery = value["delivery"]
    }

    /// Decodes file records of either format.
    private struct RecordDecoder {
        var format: Int
        var table: [(sha256: String, size: Int)] = []
        var fail: (String) -> PackagingError

        init(format: Int, digests: JSONValue?, fail: @escaping (String) -> PackagingError) throws(PackagingError) {
            self.format = format
            self.fail = fail
            guard format != 1 else { return }
            guard format == BuildManifest.formatVersion, let items = digests?.arrayValue else { throw fail("/digests") }
            for item in items {
                guard let sha = item[0]?.stringValue, let size = item[1]?.numberValue?.intValue else { throw fail("/digests") }
                table.append((sha, size))
            }
        }

        func records(_ list: JSONValue?, _ field: String) throws(PackagingError) -> [FileRecord] {
            guard let items = list?.arrayValue else { throw fail(field) }
            var out: [FileRecord] = []
            out.reserveCapacity(items.count)
            for item in items {
                if format == 1 {
                    guard let path = item["path"]?.stringValue, let sha = item["sha256"]?.stringValue,
                          let size = item["size"]?.numberValue?.intValue else { throw fail(field) }
                    out.append(FileRecord(path: path, sha256: sha, size: size, mode: item["mode"]?.stringValue))
                    continue
                }
                guard let fields = item.arrayValue, fields.count == 2 || fields.count == 3,
                      let path = fields[0].stringValue, let ref = fields[1].numberValue?.intValue,
                      table.indices.contains(ref) else { throw fail(field) }
                var mode: String?
                if fields.count == 3 {
                    guard let text = fields[2].stringValue else { throw fail(field) }
                    mode = text
                }
                out.append(FileRecord(path: path, sha256: table[ref].sha256, size: table[ref].size, mode: mode))
            }
            return out
        }
    }
}
