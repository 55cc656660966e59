import Foundation
import Documents
import Diagnostics

/// Strict, typed access to the nodes of a parsed manifest. Every problem becomes an
/// error finding at the node's file:line:column; reading goes on so all problems are
/// reported together.
struct ManifestFieldReader {
    let document: Document
    private(set) var findings: [Finding] = []

    init(document: Document) { self.document = document }

    func location(_ pointer: JSONPointer, key: Bool = false) -> SourceLocation {
        document.location(of: pointer, preferKey: key)
    }

    mutating func error(_ code: FindingCode, _ message: String, at pointer: JSONPointer, key: Bool = false, hint: String? = nil) {
        findings.append(Finding(.error, code: code, message: message, location: location(pointer, key: key),
                                pointer: pointer, hint: hint))
    }

    /// The object at `pointer`, reporting members not in `allowed` with a did-you-mean.
    mutating func object(_ pointer: JSONPointer, allowed: [String]) -> JSONObject? {
        guard let value = document.value[pointer] else { return nil }
        guard let object = value.objectValue else {
            error(.manifestType, "'\(pointer.dotted())' must be a mapping, not \(value.typeName)", at: pointer)
            return nil
        }
        for key in object.keys where !allowed.contains(key) {
            let name = pointer.isRoot ? key : "\(pointer.dotted()).\(key)"
            error(.manifestUnknownKey, "unknown key '\(name)'\(Suggestions.didYouMean(key, among: allowed))",
                  at: pointer / key, key: true, hint: "allowed here: \(allowed.joined(separator: ", "))")
        }
        return object
    }

    mutating func string(_ pointer: JSONPointer, required: Bool = false) -> String? {
        guard let value = document.value[pointer] else {
            if required, let parent = pointer.parent {
                error(.manifestMissingKey, "missing required key '\(pointer.dotted())'", at: parent)
            }
            return nil
        }
        guard let text = value.stringValue, !text.isEmpty else {
            error(.manifestType, "'\(pointer.dotted())' must be a non-empty string, not \(value.typeName == "string" ? "empty" : value.typeName)", at: pointer)
            return nil
        }
        return text
    }

    mutating func bool(_ pointer: JSONPointer) -> Bool? {
        guard let value = document.value[pointer] else { return nil }
        guard let flag = value.boolValue else {
            error(.manifestType, "'\(pointer.dotted())' must be true or false, not \(value.typeName)", at: pointer)
            return nil
        }
        return flag
    }

    /// A list of strings; when `choices` is given each element must be one of them.
    mutating func strings(_ pointer: JSONPointer, choices: [String]? = nil) -> [String]? {
        guard let value = document.value[pointer] else { return nil }
        guard let items = value.arrayValue else {
            error(.manifestType, "'\(pointer.dotted())' must be a list, not \(value.typeName)", at: pointer)
            return nil
        }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard let text = item.stringValue, !text.isEmpty else {
                error(.manifestType, "'\(pointer.dotted())[\(index)]' must be a non-empty string", at: pointer / index)
                continue
            }
            if let choices, !choices.contains(text) {
                error(.manifestValue, "'\(text)' is not one of \(choices.joined(separator: ", "))\(Suggestions.didYouMean(text, among: choices))",
                      at: pointer / index)
                continue
            }
            if result.contains(text) {
                error(.manifestDuplicate, "'\(text)' is listed twice in '\(pointer.dotted())'", at: pointer / index)
                continue
            }
            result.append(text)
        }
        return result
    }

    /// A list of a closed vocabulary's values, parsed once here: each element must be one
    /// of `T`'s raw values, reported at its own line otherwise.
    mutating func values<T: RawRepresentable & CaseIterable>(_ pointer: JSONPointer, of type: T.Type) -> [T]? where T.RawValue == String {
        strings(pointer, choices: T.allCases.map(\.rawValue))?.compactMap(T.init(rawValue:))
    }

    /// A path relative to the distribution directory that must stay inside it, lexically
    /// and through symbolic links.
    mutating func relativePath(_ pointer: JSONPointer, in directory: URL, required: Bool = false) -> String? {
        guard let path = string(pointer, required: required) else { return nil }
        if let problem = ManifestPathCheck.problem(with: path, in: directory) {
            error(.manifestPathEscapes, "'\(pointer.dotted())': \(problem)", at: pointer,
                  hint: "paths in distribution.yaml are relative to the distribution directory and stay inside it")
            return nil
        }
        return path
    }
}

/// Checks that a relative path stays inside a root directory.
enum ManifestPathCheck {
    /// A description of why `path` leaves `root`, or nil when it stays inside.
    static func problem(with path: String, in root: URL) -> String? {
        if path.hasPrefix("/") || path.hasPrefix("~") { return "'\(path)' is absolute" }
        var depth = 0
        for component in path.split(separator: "/") {
            if component == ".." { depth -= 1 } else if component != "." { depth += 1 }
            if depth < 0 { return "'\(path)' leaves the distribution directory" }
        }
        let target = root.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: target.path) else { return nil }
        let realRoot = root.resolvingSymlinksInPath().standardizedFileURL.path
        let realTarget = target.resolvingSymlinksInPath().standardizedFileURL.path
        if realTarget != realRoot && !realTarget.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/") {
            return "'\(path)' leads outside the distribution directory through a symbolic link"
        }
        return nil
    }
}
