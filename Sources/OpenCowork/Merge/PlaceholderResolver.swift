import Foundation
import Documents
import Diagnostics
import Packaging

/// Applies upstream's per-file placeholder rules to one layer, in the app's order: every
/// `{env:NAME}` must be in the same file's top-level `allowedEnvPlaceholders` — inside
/// `providers.custom.<id>.options` too, which the app walks for the allowlist before it
/// restores them raw; names to resolve are substituted (an unset or empty variable is an
/// error, where upstream would silently use "", and so is a value that itself holds a
/// placeholder, which the app would resolve again); then each `{file:PATH}` — PATH after
/// its `{env:}`s are substituted, trimmed as the app trims it — must name a file inside
/// the layer's root. Options stay raw: nothing in them is substituted or shipped.
struct PlaceholderResolver {
    let document: Document
    let lines: [[Unicode.Scalar]]
    let source: LayerSource
    let layerIndex: Int
    let resolve: Set<String>
    let environment: [String: String]
    let allowed: Set<String>
    private(set) var findings: [Finding] = []
    private(set) var uses: [PlaceholderUse] = []
    /// Values substituted from the environment: never echoed in findings (redacted).
    private(set) var resolvedValues: Set<String> = []
    private(set) var files: [ShippedFile] = []

    init(document: Document, text: String, source: LayerSource, layerIndex: Int,
         resolve: Set<String>, environment: [String: String]) {
        self.document = document
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        self.source = source
        self.layerIndex = layerIndex
        self.resolve = resolve
        self.environment = environment
        self.allowed = PlaceholderResolver.allowList(of: document.value)
    }

    /// The file's own top-level `allowedEnvPlaceholders`: a list, or the items a
    /// `$append`/`$prepend` directive adds (the names this file brings).
    static func allowList(of root: JSONValue) -> Set<String> {
        guard let value = root["allowedEnvPlaceholders"] else { return [] }
        let list = MergeDirective.listOrAppended(value) ?? []
        return Set(list.compactMap(\.stringValue))
    }

    mutating func run() -> JSONValue { walk(document.value, at: .root) }

    /// True for `/providers/custom/<id>/options` and below.
    static func isRawOptions(_ pointer: JSONPointer) -> Bool { PlaceholderScanner.isRawProviderOptions(pointer) }

    private mutating func walk(_ value: JSONValue, at pointer: JSONPointer) -> JSONValue {
        if PlaceholderResolver.isRawOptions(pointer) {
            checkRaw(value, at: pointer)
            return value
        }
        switch value {
        case .string(let text): return .string(visit(text, at: pointer))
        case .array(let items): return .array(items.enumerated().map { walk($0.element, at: pointer / $0.offset) })
        case .object(let object):
            var out = JSONObject()
            for (key, member) in object { out[key] = walk(member, at: pointer / key) }
            return .object(out)
        default: return value
        }
    }

    private mutating func visit(_ text: String, at pointer: JSONPointer) -> String {
        let matches = PlaceholderScanner.scan(text)
        guard !matches.isEmpty else { return text }
        var values: [String: String] = [:]
        for match in matches where match.kind == .env {
            let location = locate(match, in: text, at: pointer)
            let name = match.argument
            checkAllowed(name, at: location, pointer: pointer, raw: false)
            let resolved = resolve.contains(name)
            if resolved {
                if let value = environment[name], !value.isEmpty {
                    values[name] = value
                    resolvedValues.insert(value)
                    if value.contains("{env:") || value.contains("{file:") {
                        // The shipped config would hold the placeholder text, and the app
                        // resolves placeholders of every file it loads.
                        findings.append(Finding(.error, code: .placeholderResolvedPlaceholder,
                                                message: "\(name), resolved at build time, holds '{env:' or '{file:'; the app would resolve that text again when it loads the config",
                                                location: location, pointer: pointer,
                                                hint: "keep {env:\(name)} for the app to resolve (remove it from env.resolve), or give \(name) a value without placeholders"))
                    }
                } else {
                    findings.append(Finding(.error, code: .placeholderUnset,
                                            message: "{env:\(name)} is to be resolved at build time, but \(name) is unset or empty",
                                            location: location, pointer: pointer,
                                            hint: "export \(name) before building, or remove it from env.resolve to keep the placeholder"))
                }
            }
            uses.append(PlaceholderUse(name: name, location: location, pointer: pointer, layerIndex: layerIndex, resolved: resolved,
                                      allowedInFile: allowed.contains(name)))
        }
        for match in matches where match.kind == .file {
            let location = locate(match, in: text, at: pointer)
            let path = PlaceholderScanner.substitute(match.argument, values: values)
            let kept = PlaceholderScanner.scan(path).filter { $0.kind == .env }.map(\.argument)
            if !kept.isEmpty {
                // An unlisted name is an error already; the app would not get this far.
                guard kept.allSatisfy(allowed.contains) else { continue }
                findings.append(Finding(.warning, code: .placeholderFileDynamic,
                                        message: "{file:\(match.argument)} names its file through {env:\(kept[0])}, which the app substitutes on the installed machine; the build can neither check nor ship that file",
                                        location: location, pointer: pointer,
                                        hint: "resolve \(kept[0]) at build time (env.resolve) to ship the file, or make sure it exists on every machine"))
                continue
            }
            checkFile(reference: path, at: location, pointer: pointer)
        }
        return PlaceholderScanner.substitute(text, values: values)
    }

    /// Inside `providers.custom.<id>.options`: the allowlist holds, nothing is substituted.
    private mutating func checkRaw(_ value: JSONValue, at pointer: JSONPointer) {
        switch value {
        case .string(let text):
            for match in PlaceholderScanner.scan(text) where match.kind == .env {
                let location = locate(match, in: text, at: pointer)
                checkAllowed(match.argument, at: location, pointer: pointer, raw: true)
                uses.append(PlaceholderUse(name: match.argument, location: location, pointer: pointer, layerIndex: layerIndex,
                                          resolved: false, allowedInFile: allowed.contains(match.argument), rawOption: true))
            }
        case .array(let items): for (index, item) in items.enumerated() { checkRaw(item, at: pointer / index) }
        case .object(let object): for (key, member) in object { checkRaw(member, at: pointer / key) }
        default: break
        }
    }

    private mutating func checkAllowed(_ name: String, at location: SourceLocation, pointer: JSONPointer, raw: Bool) {
        guard !allowed.contains(name) else { return }
        let note = raw ? " (provider options stay raw, but the app checks their placeholders against the allowlist first)" : ""
        findings.append(Finding(.error, code: .placeholderNotAllowed,
                                message: "{env:\(name)} is not listed in this file's allowedEnvPlaceholders\(note)",
                                location: location, pointer: pointer,
                                hint: "add \"\(name)\" to the top-level allowedEnvPlaceholders of \(source.displayName)"))
    }

    private func locate(_ match: PlaceholderScanner.Match, in text: String, at pointer: JSONPointer) -> SourceLocation {
        PlaceholderResolver.column(of: match.offset, in: text, value: document.location(of: pointer), lines: lines)
    }

    /// `~/` and absolute targets are the installed machine's business; relative ones ship.
    /// `reference` is the path as it stays in the config; the app trims it before use.
    private mutating func checkFile(reference: String, at location: SourceLocation, pointer: JSONPointer) {
        let path = PlaceholderScanner.javaScriptTrimmed(reference)
        if path.hasPrefix("~/") || path.hasPrefix("/") { return }
        let destination = PipelinePaths.normalize(path)
        if destination == ".." || destination.hasPrefix("../") {
            findings.append(Finding(.error, code: .placeholderFileOutside,
                                    message: "{file:\(path)} points above the config's directory; it could not ship beside the config",
                                    location: location, pointer: pointer))
            return
        }
        let target = source.path.deletingLastPathComponent().appendingPathComponent(path).standardizedFileURL
        // Opened the way it will be read at build time: a FIFO or device would pass an
        // existence check here and then block the build.
        do {
            let opened = try SafeFile.open(path: target.path, maxBytes: ContentLimits.default.maxFileBytes, root: source.root.path)
            close(opened.descriptor)
        } catch {
            switch error.code {
            case .fileNotFound, .fileIsDirectory:
                findings.append(Finding(.error, code: .placeholderFileMissing,
                                        message: "{file:\(path)} names no file (looked for \(target.path))",
                                        location: location, pointer: pointer, hint: "relative {file:} targets are relative to the file that names them"))
            case .fileOutsideRoot:
                findings.append(Finding(.error, code: .placeholderFileOutside,
                                        message: "{file:\(path)} leads outside \(source.root.path)", location: location, pointer: pointer))
            default:
                findings.append(Finding(.error, code: .placeholderFileUnreadable,
                                        message: "{file:\(path)} \(error.message) (\(target.path))", location: location,
                                        pointer: pointer, hint: "point {file:} at a regular file inside the distribution"))
            }
            return
        }
        files.append(ShippedFile(reference: reference, source: target, destination: destination, location: location))
    }

    /// The position of scalar `offset` of a string value. When the source text at the
    /// value's position spells the string verbatim (after an optional opening quote), the
    /// column is exact; with escapes or line folding it falls back to the value's start.
    static func column(of offset: Int, in text: String, value: SourceLocation, lines: [[Unicode.Scalar]]) -> SourceLocation {
        guard value.line >= 1, value.line <= lines.count else { return value }
        let line = lines[value.line - 1]
        var start = value.column - 1
        guard start >= 0, start <= line.count else { return value }
        if start < line.count, line[start] == "\"" || line[start] == "'" { start += 1 }
        let scalars = Array(text.unicodeScalars)
        guard start + scalars.count <= line.count, Array(line[start..<(start + scalars.count)]) == scalars else { return value }
        return SourceLocation(file: value.file, line: value.line, column: start + offset + 1)
    }
}
