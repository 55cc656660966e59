import Documents

extension BuildDiff {
    /// The version of the JSON shape below; bumped only on an incompatible change.
    public static let jsonFormatVersion = 1

    /// The diff as JSON, in the stable shape documented in docs/diff.md. Keys are always
    /// present except `old`/`new` of an added/removed item, which are left out.
    public var json: JSONValue {
        var root = JSONObject()
        root["formatVersion"] = .number(JSONNumber(BuildDiff.jsonFormatVersion))
        root["old"] = .string(oldLabel)
        root["new"] = .string(newLabel)
        root["identical"] = .bool(isIdentical)
        root["fields"] = .array(fields.map { ["field": .string($0.field), "old": .string($0.old), "new": .string($0.new)] })
        root["placeholders"] = ["kept": BuildDiff.json(placeholdersKept), "resolved": BuildDiff.json(placeholdersResolved)]
        root["targets"] = BuildDiff.json(targets)

        var configObject = JSONObject()
        configObject["compared"] = .string(config.structural ? "structure" : "digest")
        configObject["oldSHA256"] = .string(config.oldSHA256)
        configObject["newSHA256"] = .string(config.newSHA256)
        configObject["digestChanged"] = .bool(config.digestChanged)
        configObject["changes"] = .array(config.changes.map { change in
            var object = JSONObject()
            object["pointer"] = .string(change.pointer.description)
            object["kind"] = .string(change.kind.rawValue)
            if let old = change.old { object["old"] = old }
            if let new = change.new { object["new"] = new }
            return .object(object)
        })
        root["config"] = .object(configObject)

        root["content"] = .array(content.map(BuildDiff.json))
        root["outputs"] = .array(outputs.map { output in
            var object = JSONObject()
            object["name"] = .string(output.name)
            object["kind"] = .string(output.kind.rawValue)
            if let old = output.old { object["old"] = ["sha256": .string(old.sha256), "size": .number(JSONNumber(old.size))] }
            if let new = output.new { object["new"] = ["sha256": .string(new.sha256), "size": .number(JSONNumber(new.size))] }
            object["entries"] = .array(output.entries.map(BuildDiff.json))
            // Present only when the artifact was compared key by key (a 3P policy export).
            if let keys = output.keys { object["keys"] = .array(keys.map(BuildDiff.json)) }
            return .object(object)
        })
        root["summary"] = .string(BuildDiffRenderer.summary(self))
        return .object(root)
    }

    static func json(_ change: KeyChange) -> JSONValue {
        var object = JSONObject()
        object["key"] = .string(change.key)
        object["kind"] = .string(change.kind.rawValue)
        if let old = change.old { object["old"] = .string(old) }
        if let new = change.new { object["new"] = .string(new) }
        object["masked"] = .bool(change.masked)
        return .object(object)
    }

    static func json(_ names: NameSetChange) -> JSONValue {
        ["added": .array(names.added.map { .string($0) }), "removed": .array(names.removed.map { .string($0) })]
    }

    static func json(_ change: FileChange) -> JSONValue {
        func record(_ r: BuildManifest.FileRecord) -> JSONValue {
            var object = JSONObject()
            object["sha256"] = .string(r.sha256)
            object["size"] = .number(JSONNumber(r.size))
            if let mode = r.mode { object["mode"] = .string(mode) }
            return .object(object)
        }
        var object = JSONObject()
        object["path"] = .string(change.path)
        object["kind"] = .string(change.kind.rawValue)
        if let old = change.old { object["old"] = record(old) }
        if let new = change.new { object["new"] = record(new) }
        return .object(object)
    }
}
