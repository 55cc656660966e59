import Documents
import Foundation

/// `build-manifest.json`: what a build consumed and produced, with digests, so a
/// release can be audited and two releases compared (`cowork-dist diff`). Placeholder
/// names are recorded, never their values.
public struct BuildManifest: Hashable, Sendable {
    /// A file with its digest: an input, a shipped content file, or an archive entry.
    public struct FileRecord: Hashable, Sendable {
        public var path: String
        public var sha256: String
        public var size: Int
        /// "0644" / "0755" for shipped files and archive entries; nil for inputs.
        public var mode: String?

        public init(path: String, sha256: String, size: Int, mode: String? = nil) {
            self.path = path
            self.sha256 = sha256
            self.size = size
            self.mode = mode
        }
    }

    /// One artifact written to the output directory, with its entries when it is an archive.
    public struct Output: Hashable, Sendable {
        public var name: String
        public var sha256: String
        public var size: Int
        public var entries: [FileRecord]?

        public init(name: String, sha256: String, size: Int, entries: [FileRecord]? = nil) {
            self.name = name
            self.sha256 = sha256
            self.size = size
            self.entries = entries
        }
    }

    public var toolName: String = "cowork-dist"
    public var toolVersion: String
    public var name: String
    public var version: String
    /// Where upstream came from (a directory or archive path as written in distribution.yaml).
    public var upstreamSource: String
    /// sha256 of the upstream archive, or of its config file for a directory upstream.
    public var upstreamSHA256: String
    /// Whether distribution.yaml pins that digest.
    public var upstreamPinned: Bool
    /// The mtime every archive entry carries.
    public var sourceDateEpoch: Int64
    public var targets: [String]
    public var placeholdersKept: [String]
    public var placeholdersResolved: [String]
    /// sha256 of the merged config as shipped (`config.json`, `config.resolved.json`).
    public var configSHA256: String
    public var inputs: [FileRecord]
    /// The downstream-root content (the bundle plan), config.json included.
    public var content: [FileRecord]
    public var outputs: [Output]
    /// Per delivery channel and platform: install paths, environment, verification
    /// result (written by the desktop target; nil otherwise).
    public var delivery: JSONValue?

    public init(toolVersion: String, name: String, version: String, upstreamSource: String, upstreamSHA256: String,
                upstreamPinned: Bool, sourceDateEpoch: Int64, targets: [String], placeholdersKept: [String],
                placeholdersResolved: [String], configSHA256: String, inputs: [FileRecord], content: [FileRecord],
                outputs: [Output]) {
        self.toolVersion = toolVersion
        self.name = name
        self.version = version
        self.upstreamSource = upstreamSource
        self.upstreamSHA256 = upstreamSHA256
        self.upstreamPinned = upstreamPinned
        self.sourceDateEpoch = sourceDateEpoch
        self.targets = targets
        self.placeholdersKept = placeholdersKept.sorted()
        self.placeholdersResolved = placeholdersResolved.sorted()
        self.configSHA256 = configSHA256
        self.inputs = inputs.sorted { ArchivePath.byteOrder($0.path, $1.path) }
        self.content = content.sorted { ArchivePath.byteOrder($0.path, $1.path) }
        self.outputs = outputs.sorted { ArchivePath.byteOrder($0.name, $1.name) }
    }

    public static let fileName = "build-manifest.json"
    public static let formatVersion = 1
}

extension BuildManifest {
    /// The manifest as a JSON value with a fixed key order.
    public var json: JSONValue {
        var root = JSONObject()
        for (key, value) in leadingMembers { root[key] = value }
        root["outputs"] = .array(outputs.map(BuildManifest.outputJSON))
        return .object(root)
    }

    /// Writes exactly `JSONWriter().string(json)` to `url`, one top-level member (and one
    /// archive's entry list) at a time: a large build's manifest never exists whole in
    /// memory as a JSON tree.
    public func write(to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw PackagingError(.io, path: url.path, "cannot create the build manifest")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let writer = JSONWriter()
        var out = "{"
        func flush(force: Bool = false) throws {
            guard force || out.utf8.count >= 1 << 20 else { return }
            try handle.write(contentsOf: Data(out.utf8))
            out = ""
        }
        for (index, (key, value)) in leadingMembers.enumerated() {
            out += (index == 0 ? "" : ",") + "\n  " + JSONWriter.quoted(key) + ": "
            writer.append(value, depth: 1, to: &out)
            try flush()
        }
        out += ",\n  \"outputs\": " + (outputs.isEmpty ? "[]" : "[")
        for (index, output) in outputs.enumerated() {
            out += (index == 0 ? "" : ",") + "\n    "
            writer.append(BuildManifest.outputJSON(output), depth: 2, to: &out)
            try flush()
        }
        out += (outputs.isEmpty ? "" : "\n  ]") + "\n}\n"
        try flush(force: true)
    }

    /// Every top-level member but `outputs`, in order.
    private var leadingMembers: [(String, JSONValue)] {
        [
            ("formatVersion", .number(JSONNumber(BuildManifest.formatVersion))),
            ("tool", ["name": .string(toolName), "version": .string(toolVersion)]),
            ("distribution", ["name": .string(name), "version": .string(version)]),
            ("upstream", ["source": .string(upstreamSource), "sha256": .string(upstreamSHA256), "pinned": .bool(upstreamPinned)]),
            ("sourceDateEpoch", .number(JSONNumber(sourceDateEpoch))),
            ("targets", .array(targets.map { .string($0) })),
            ("placeholders", ["kept": .array(placeholdersKept.map { .string($0) }),
                              "resolved": .array(placeholdersResolved.map { .string($0) })]),
            ("config", ["sha256": .string(configSHA256)]),
            ("inputs", BuildManifest.recordsJSON(inputs)),
            ("content", BuildManifest.recordsJSON(content)),
        ] + (delivery.map { [("delivery", $0)] } ?? [])
    }

    private static func recordsJSON(_ list: [FileRecord]) -> JSONValue {
        .array(list.map { record in
            var object = JSONObject()
            object["path"] = .string(record.path)
            object["sha256"] = .string(record.sha256)
            object["size"] = .number(JSONNumber(record.size))
            if let mode = record.mode { object["mode"] = .string(mode) }
            return .object(object)
        })
    }

    private static func outputJSON(_ output: Output) -> JSONValue {
        var object = JSONObject()
        object["name"] = .string(output.name)
        object["sha256"] = .string(output.sha256)
        object["size"] = .number(JSONNumber(output.size))
        if let entries = output.entries { object["entries"] = recordsJSON(entries) }
        return .object(object)
    }

    /// Reads a manifest written by `json`. Errors name the missing or mistyped field.
    public init(json value: JSONValue, file: String = BuildManifest.fileName) throws(PackagingError) {
        func fail(_ field: String) -> PackagingError {
            PackagingError(.invalidArgument, path: file, "\(file) is not a cowork-dist build manifest: '\(field)' is missing or has the wrong type")
        }
        func string(_ pointer: JSONPointer) throws(PackagingError) -> String {
            guard let s = value[pointer]?.stringValue else { throw fail(pointer.description) }
            return s
        }
        func int(_ pointer: JSONPointer) throws(PackagingError) -> Int {
            guard let n = value[pointer]?.numberValue?.intValue else { throw fail(pointer.description) }
            return n
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
        func records(_ list: JSONValue?, _ field: String) throws(PackagingError) -> [FileRecord] {
            guard let items = list?.arrayValue else { throw fail(field) }
            var out: [FileRecord] = []
            for item in items {
                guard let path = item["path"]?.stringValue, let sha = item["sha256"]?.stringValue,
                      let size = item["size"]?.numberValue?.intValue else { throw fail(field) }
                out.append(FileRecord(path: path, sha256: sha, size: size, mode: item["mode"]?.stringValue))
            }
            return out
        }
        guard let outputsValue = value["outputs"]?.arrayValue else { throw fail("/outputs") }
        var outputs: [Output] = []
        for item in outputsValue {
            guard let name = item["name"]?.stringValue, let sha = item["sha256"]?.stringValue,
                  let size = item["size"]?.numberValue?.intValue else { throw fail("/outputs") }
            let entries = item["entries"] == nil ? nil : try records(item["entries"], "/outputs/entries")
            outputs.append(Output(name: name, sha256: sha, size: size, entries: entries))
        }
        guard let pinned = value["/upstream/pinned" as JSONPointer]?.boolValue else { throw fail("/upstream/pinned") }
        guard let epoch = value["/sourceDateEpoch" as JSONPointer]?.numberValue?.int64Value else { throw fail("/sourceDateEpoch") }
        self.init(toolVersion: try string("/tool/version"), name: try string("/distribution/name"),
                  version: try string("/distribution/version"), upstreamSource: try string("/upstream/source"),
                  upstreamSHA256: try string("/upstream/sha256"), upstreamPinned: pinned, sourceDateEpoch: epoch,
                  targets: try strings("/targets"), placeholdersKept: try strings("/placeholders/kept"),
                  placeholdersResolved: try strings("/placeholders/resolved"), configSHA256: try string("/config/sha256"),
                  inputs: try records(value["inputs"], "/inputs"), content: try records(value["content"], "/content"),
                  outputs: outputs)
        toolName = try string("/tool/name")
        delivery = value["delivery"]
        _ = try int("/formatVersion")
    }
}
