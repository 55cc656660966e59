import Foundation
import Documents
import Diagnostics

/// Reads a `.reg` file: values directly under `SOFTWARE\Policies\Claude` in HKLM or HKCU.
/// REG_SZ and REG_DWORD are read; other types and subkeys are reported, as the app
/// ignores them. When both hives appear, HKLM wins (the app stopped merging them).
struct RegPolicyReader {
    let registry: KeyRegistry

    struct Value {
        var name: String
        var stored: StoredValueDecoder.Stored
        var location: SourceLocation
    }

    func read(bytes: [UInt8], file: String) -> (imported: ImportedPolicy?, findings: [Finding]) {
        let start = SourceLocation(file: file, line: 1, column: 1)
        guard let text = Self.decode(bytes) else {
            return (nil, [Finding(.error, code: .policyRegEncoding, message: "not UTF-16 or UTF-8 text", location: start)])
        }
        let keyPath = registry.registryPath
        var findings: [Finding] = []
        var hives: [RegistryScope: [Value]] = [:]
        var current: RegistryScope?
        var currentPath = ""
        var sawHeader = false
        var deleted: Set<RegistryScope> = []
        for (number, line) in Self.logicalLines(text) {
            let location = SourceLocation(file: file, line: number, column: 1)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix(";") { continue }
            if !sawHeader {
                sawHeader = true
                if trimmed == "Windows Registry Editor Version 5.00" || trimmed == "REGEDIT4" { continue }
                findings.append(Finding(.error, code: .policyRegHeader, message: "missing the 'Windows Registry Editor Version 5.00' header",
                                        location: location))
            }
            if trimmed.hasPrefix("[") {
                guard trimmed.hasSuffix("]") else {
                    findings.append(Finding(.error, code: .policyRegSyntax, message: "a key line must end with ]", location: location))
                    current = nil
                    continue
                }
                current = nil
                var path = String(trimmed.dropFirst().dropLast())
                let isDelete = path.hasPrefix("-")
                if isDelete { path.removeFirst() }
                currentPath = path
                let upper = path.uppercased()
                for scope in RegistryScope.allCases where upper == "\(scope.root)\\\(keyPath)".uppercased() {
                    if isDelete {
                        // `[-KEY]` removes the key and its values: later values are written afresh.
                        deleted.insert(scope)
                        if let dropped = hives[scope], !dropped.isEmpty {
                            findings.append(Finding(.warning, code: .policyRegValueDropped,
                                                    message: "\(dropped.count) value(s) written above are deleted by this line", location: location))
                            hives[scope] = []
                        }
                    } else {
                        current = scope
                    }
                }
                if current == nil && !isDelete {
                    let isSubkey = RegistryScope.allCases.contains { upper.hasPrefix("\(($0.root))\\\(keyPath)\\".uppercased()) }
                    findings.append(Finding(.warning, code: isSubkey ? .policyRegSubkey : .policyRegOtherKey,
                                            message: isSubkey ? "values under a subkey are never read" : "values outside \\\(keyPath) are not policy",
                                            location: location))
                }
                continue
            }
            guard let scope = current else {
                findings.append(Finding(.warning, code: .policyRegValueDropped,
                                        message: currentPath.isEmpty ? "a value outside any key is not imported" : "a value under \(currentPath) is not imported",
                                        location: location))
                continue
            }
            guard let (name, data) = Self.split(trimmed) else {
                findings.append(Finding(.error, code: .policyRegSyntax, message: "cannot read this line as \"name\"=value", location: location,
                                        hint: "quote the name and escape \\ and \" inside values"))
                continue
            }
            if name.isEmpty {
                findings.append(Finding(.warning, code: .policyRegDefaultValue,
                                        message: "the unnamed default value is no policy key, yet it makes the hive count as machine policy",
                                        location: location))
                continue
            }
            switch stored(data) {
            case .value(let value):
                if case .integer = value, let type = registry[name]?.type, type != .boolean, type != .integer {
                    findings.append(Finding(.error, code: .policyRegValueType,
                                            message: "\(name) is REG_DWORD, which the app accepts only for boolean and integer keys",
                                            location: location, pointer: JSONPointer(tokens: [name]), hint: "write \"\(name)\"=\"value\""))
                }
                hives[scope, default: []].append(Value(name: name, stored: value, location: location))
            case .badString:
                findings.append(Finding(.error, code: .policyRegSyntax, message: "\(name): an unescaped \" inside the value", location: location,
                                        pointer: JSONPointer(tokens: [name]), hint: "escape quotes as \\\" and backslashes as \\\\"))
            case .unreadable(let kind):
                findings.append(Finding(.error, code: .policyRegValueType,
                                        message: "\(name) is \(kind); the app cannot read this type" +
                                            (kind == "REG_EXPAND_SZ" ? " (it still counts as machine policy, silently disabling HKCU)" : ""),
                                        location: location, pointer: JSONPointer(tokens: [name]), hint: "write \"\(name)\"=\"value\""))
            }
        }
        if !sawHeader {
            return (nil, findings + [Finding(.error, code: .policyRegEmpty, message: "the .reg file is empty", location: start)])
        }
        if hives[.machine]?.isEmpty == false && hives[.user]?.isEmpty == false {
            findings.append(Finding(.warning, code: .policyRegBothHives,
                                    message: "values under both HKLM and HKCU: the app reads HKLM and ignores HKCU", location: start))
        }
        let values = hives[.machine].flatMap { $0.isEmpty ? nil : $0 } ?? hives[.user] ?? []
        if values.isEmpty && deleted.isEmpty {
            findings.append(Finding(.error, code: .policyRegEmpty,
                                    message: "no values directly under HKLM or HKCU\\\(keyPath): nothing to import", location: start))
        }
        let decoder = StoredValueDecoder(registry: registry)
        var policy = ManagedPolicy()
        for value in values {
            let (decoded, notes) = decoder.decode(value.stored, key: value.name, location: value.location,
                                                  pointer: JSONPointer(tokens: [value.name]))
            findings += notes
            if policy[value.name] != nil {
                findings.append(Finding(.warning, code: .policyRegValueDropped, message: "\(value.name) is written twice; the later value wins",
                                        location: value.location, pointer: JSONPointer(tokens: [value.name])))
            }
            policy.set(PolicyEntry(key: value.name, value: decoded, location: value.location, keyLocation: value.location))
        }
        return (ImportedPolicy(policy: policy, findings: findings), [])
    }

    enum StoredData {
        case value(StoredValueDecoder.Stored)
        case badString
        case unreadable(String)
    }

    func stored(_ data: String) -> StoredData {
        if data.hasPrefix("\""), data.hasSuffix("\""), data.count >= 2 {
            let inner = String(data.dropFirst().dropLast())
            guard let text = Self.strictUnescape(inner) else { return .badString }
            return .value(.string(text))
        }
        if data.hasPrefix("\"") { return .badString }
        let lower = data.lowercased()
        if lower.hasPrefix("dword:"), data.count == 14, let n = UInt32(data.dropFirst(6), radix: 16) {
            return .value(.integer(Int64(n), flagged: false))
        }
        if lower.hasPrefix("hex(2):") { return .unreadable("REG_EXPAND_SZ") }
        if lower.hasPrefix("hex(7):") { return .unreadable("REG_MULTI_SZ") }
        if lower.hasPrefix("hex(b):") { return .unreadable("REG_QWORD") }
        if lower.hasPrefix("hex:") { return .unreadable("REG_BINARY") }
        return .unreadable("not a REG_SZ or REG_DWORD value")
    }

    /// The value between the quotes with `\\` and `\"` unescaped; nil when a bare `"` or
    /// a dangling backslash shows the quoting is broken.
    static func strictUnescape(_ s: String) -> String? {
        var out = ""
        var escaped = false
        for c in s {
            if escaped { out.append(c); escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { return nil } else { out.append(c) }
        }
        return escaped ? nil : out
    }

    /// UTF-16 with either BOM, else UTF-8 (with or without BOM).
    static func decode(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            let body = bytes.dropFirst(2)
            guard body.count % 2 == 0 else { return nil }
            var units: [UInt16] = []
            var index = body.startIndex
            while index < body.endIndex {
                let a = UInt16(body[index]), b = UInt16(body[index + 1])
                units.append(little ? a | b << 8 : a << 8 | b)
                index += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        return String(validating: body, as: UTF8.self)
    }

    /// Lines with their numbers; a trailing `\` continues a (hex) value on the next line.
    static func logicalLines(_ text: String) -> [(Int, String)] {
        var result: [(Int, String)] = []
        var pending: (Int, String)?
        let physical = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in physical.enumerated() {
            var line = String(raw)
            let continues = line.hasSuffix("\\") && !line.hasSuffix("\"")
            if continues { line.removeLast() }
            if var open = pending {
                open.1 += line.trimmingCharacters(in: .whitespaces)
                pending = open
            } else {
                pending = (index + 1, line)
            }
            if !continues, let done = pending {
                result.append(done)
                pending = nil
            }
        }
        if let done = pending { result.append(done) }
        return result
    }

    /// Splits `"name"=data`, honouring escapes in the quoted name.
    static func split(_ line: String) -> (String, String)? {
        guard line.hasPrefix("\"") else { return nil }
        var name = ""
        var escaped = false
        var index = line.index(after: line.startIndex)
        while index < line.endIndex {
            let c = line[index]
            if escaped { name.append(c); escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { break } else { name.append(c) }
            index = line.index(after: index)
        }
        guard index < line.endIndex else { return nil }
        let rest = line[line.index(after: index)...]
        guard rest.hasPrefix("=") else { return nil }
        return (name, String(rest.dropFirst()).trimmingCharacters(in: .whitespaces))
    }

    static func unescape(_ s: String) -> String {
        var out = ""
        var escaped = false
        for c in s {
            if escaped { out.append(c); escaped = false } else if c == "\\" { escaped = true } else { out.append(c) }
        }
        return out
    }
}
