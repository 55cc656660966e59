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
        guard let text = Self.decode(bytes) else {
            return (nil, [Finding(.error, code: "policy-reg-encoding", message: "not UTF-16 or UTF-8 text",
                                  location: SourceLocation(file: file, line: 1, column: 1))])
        }
        var findings: [Finding] = []
        var hives: [RegistryScope: [Value]] = [:]
        var current: RegistryScope?
        var sawHeader = false
        for (number, line) in Self.logicalLines(text) {
            let location = SourceLocation(file: file, line: number, column: 1)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix(";") { continue }
            if !sawHeader {
                sawHeader = true
                if trimmed == "Windows Registry Editor Version 5.00" || trimmed == "REGEDIT4" { continue }
                findings.append(Finding(.error, code: "policy-reg-header", message: "missing the 'Windows Registry Editor Version 5.00' header",
                                        location: location))
            }
            if trimmed.hasPrefix("[") {
                current = nil
                let path = trimmed.dropFirst().dropLast().uppercased()
                for scope in RegistryScope.allCases where path == "\(scope.root)\\\(RegWriter.keyPath)".uppercased() {
                    current = scope
                }
                if current == nil {
                    let isSubkey = RegistryScope.allCases.contains { path.hasPrefix("\(($0.root))\\\(RegWriter.keyPath)\\".uppercased()) }
                    findings.append(Finding(.warning, code: isSubkey ? "policy-reg-subkey" : "policy-reg-other-key",
                                            message: isSubkey ? "values under a subkey are never read" : "values outside \\\(RegWriter.keyPath) are not policy",
                                            location: location))
                }
                continue
            }
            guard let scope = current else { continue }
            guard let (name, data) = Self.split(trimmed) else {
                findings.append(Finding(.error, code: "policy-reg-syntax", message: "cannot read this line as \"name\"=value", location: location))
                continue
            }
            if let stored = stored(data) {
                hives[scope, default: []].append(Value(name: name, stored: stored, location: location))
            } else {
                findings.append(Finding(.error, code: "policy-reg-value-type",
                                        message: "\(name) is not REG_SZ or REG_DWORD; the app cannot read this type",
                                        location: location, pointer: JSONPointer(tokens: [name]), hint: "write \"\(name)\"=\"value\""))
            }
        }
        if hives[.machine] != nil && hives[.user] != nil {
            findings.append(Finding(.warning, code: "policy-reg-both-hives",
                                    message: "values under both HKLM and HKCU: the app reads HKLM and ignores HKCU",
                                    location: SourceLocation(file: file, line: 1, column: 1)))
        }
        let decoder = StoredValueDecoder(registry: registry)
        var policy = ManagedPolicy()
        for value in hives[.machine] ?? hives[.user] ?? [] {
            let (decoded, notes) = decoder.decode(value.stored, key: value.name, location: value.location,
                                                  pointer: JSONPointer(tokens: [value.name]))
            findings += notes
            policy.set(PolicyEntry(key: value.name, value: decoded, location: value.location, keyLocation: value.location))
        }
        return (ImportedPolicy(policy: policy, findings: findings), [])
    }

    func stored(_ data: String) -> StoredValueDecoder.Stored? {
        if data.hasPrefix("\""), data.hasSuffix("\""), data.count >= 2 {
            return .string(Self.unescape(String(data.dropFirst().dropLast())))
        }
        if data.lowercased().hasPrefix("dword:"), let n = UInt32(data.dropFirst(6), radix: 16) {
            return .integer(Int64(n), flagged: false)
        }
        return nil
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
