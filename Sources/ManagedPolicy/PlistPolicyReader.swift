import Foundation
import Documents
import Diagnostics

/// Reads a configuration profile or a managed-preferences plist. Profiles hold the policy
/// in the payload whose PayloadType is the app's domain; a bare plist is the policy.
struct PlistPolicyReader {
    let registry: KeyRegistry

    func read(bytes: [UInt8], file: String) -> (imported: ImportedPolicy?, findings: [Finding]) {
        let start = SourceLocation(file: file, line: 1, column: 1)
        if BinaryPlistShape.isBinary(bytes) {
            // Measured before Foundation expands shared references into copies.
            switch BinaryPlistShape.measure(bytes, maxNodes: Budget.maxNodes, maxDepth: Budget.maxDepth) {
            case .fine: break
            case .tooLarge:
                return (nil, [Finding(.error, code: .policyPlistTooLarge,
                                      message: "the binary property list expands to more than \(Budget.maxNodes) values or nests deeper than \(Budget.maxDepth) levels (shared references)",
                                      location: start, hint: "a policy holds a few dozen keys; export the profile again")])
            case .malformed(let reason):
                return (nil, [Finding(.error, code: .policyPlistUnreadable, message: "not a readable binary property list: \(reason)",
                                      location: start)])
            }
        }
        let root: Any
        do {
            root = try PropertyListSerialization.propertyList(from: Data(bytes), options: [], format: nil)
        } catch {
            return (nil, [Finding(.error, code: .policyPlistUnreadable, message: "not a readable property list: \(error.localizedDescription)",
                                  location: SourceLocation(file: file, line: 1, column: 1))])
        }
        guard let top = root as? [String: Any] else {
            return (nil, [Finding(.error, code: .policyNotMapping, message: "the property list is not a dictionary",
                                  location: SourceLocation(file: file, line: 1, column: 1))])
        }
        var findings: [Finding] = []
        var settings = top
        let mcx = McxPreferences(domain: registry.payloadType)
        if let levels = top[registry.payloadType] as? [String: Any] {
            // A bare MCX dictionary (a Jamf Custom Settings upload): {domain: {Forced: [...]}}.
            let (unwrapped, notes) = mcx.unwrap(levels, location: start)
            settings = unwrapped
            findings += notes
        } else if let content = top["PayloadContent"] as? [Any] {
            let dictionaries = content.compactMap { $0 as? [String: Any] }
            var payloads = dictionaries.filter { ($0["PayloadType"] as? String) == registry.payloadType }
            for wrapped in dictionaries where (wrapped["PayloadType"] as? String) == McxPreferences.payloadType {
                guard let levels = mcx.domainSettings(inPayload: wrapped) else { continue }
                let (unwrapped, notes) = mcx.unwrap(levels, location: start)
                findings += notes
                payloads.append(unwrapped)
            }
            guard let payload = payloads.first else {
                return (nil, [Finding(.error, code: .policyPayloadMissing,
                                      message: "the profile has no payload of PayloadType \(registry.payloadType)",
                                      location: SourceLocation(file: file, line: 1, column: 1))])
            }
            if payloads.count > 1 {
                findings.append(Finding(.warning, code: .policyPayloadDuplicate,
                                        message: "the profile has \(payloads.count) payloads for \(registry.payloadType); only the first is read",
                                        location: SourceLocation(file: file, line: 1, column: 1)))
            }
            settings = payload
        }
        let lines = KeyLines(text: String(decoding: bytes, as: UTF8.self), file: file)
        let decoder = StoredValueDecoder(registry: registry)
        var policy = ManagedPolicy()
        // Objects in a binary plist may share references: a few hundred bytes can stand
        // for a tree of 2^40 nodes. Converting counts nodes against a budget.
        var budget = Budget()
        for key in settings.keys.sorted() where !key.hasPrefix("Payload") {
            // Binary plists have no lines: such findings name the file itself.
            let location = lines.location(of: key) ?? SourceLocation(file: file, line: 1, column: 1)
            let pointer = JSONPointer(tokens: [key])
            let converted = stored(settings[key] as Any, &budget)
            if budget.exceeded {
                return (nil, [Finding(.error, code: .policyPlistTooLarge,
                                      message: "the property list expands to more than \(Budget.maxNodes) values or nests deeper than \(Budget.maxDepth) levels (shared references?)",
                                      location: location, pointer: pointer, hint: "a policy holds a few dozen keys; re-export it")])
            }
            guard let stored = converted else {
                findings.append(Finding(.error, code: .policyType, message: "\(key) holds a value type the app cannot read (date, data or a non-finite real)",
                                        location: location, pointer: pointer))
                continue
            }
            let (value, notes) = decoder.decode(stored, key: key, location: location, pointer: pointer)
            findings += notes
            policy.set(PolicyEntry(key: key, value: value, location: location, keyLocation: location))
        }
        return (ImportedPolicy(policy: policy, findings: findings), [])
    }

    /// Nodes converted so far, against caps on count and depth.
    struct Budget {
        static let maxNodes = 100_000
        static let maxDepth = 64
        var nodes = 0
        var exceeded = false

        mutating func spend(depth: Int) -> Bool {
            nodes += 1
            if nodes > Budget.maxNodes || depth > Budget.maxDepth { exceeded = true }
            return !exceeded
        }
    }

    func stored(_ any: Any, _ budget: inout Budget) -> StoredValueDecoder.Stored? {
        if let s = any as? String { return .string(s) }
        if let n = any as? NSNumber {
            if Self.isBoolean(n) { return .bool(n.boolValue) }
            // A <real> stays a real: 0.5 must not become 0.
            if Self.isReal(n) {
                guard n.doubleValue.isFinite else { return nil }
                return .real(n.doubleValue)
            }
            return .integer(n.int64Value, flagged: true)
        }
        if let array = any as? [Any] { return json(array, &budget, depth: 0).map { .container($0, nativeKind: "<array>") } }
        if let dict = any as? [String: Any] { return json(dict, &budget, depth: 0).map { .container($0, nativeKind: "<dict>") } }
        return nil
    }

    func json(_ any: Any, _ budget: inout Budget, depth: Int) -> JSONValue? {
        guard budget.spend(depth: depth) else { return nil }
        if let s = any as? String { return .string(s) }
        if let n = any as? NSNumber {
            if Self.isBoolean(n) { return .bool(n.boolValue) }
            let d = n.doubleValue
            guard d.isFinite else { return nil }  // NaN and infinities have no JSON form
            return d == d.rounded() && abs(d) < 9e15 ? .number(JSONNumber(n.int64Value)) : .number(JSONNumber(d))
        }
        if let array = any as? [Any] {
            var items: [JSONValue] = []
            for item in array { guard let v = json(item, &budget, depth: depth + 1) else { return nil }; items.append(v) }
            return .array(items)
        }
        if let dict = any as? [String: Any] {
            var object = JSONObject()
            for key in dict.keys.sorted() { guard let v = json(dict[key] as Any, &budget, depth: depth + 1) else { return nil }; object[key] = v }
            return .object(object)
        }
        return nil
    }

    /// True for a number read from `<real>` (a C double or float inside the NSNumber).
    static func isReal(_ n: NSNumber) -> Bool {
        let type = String(cString: n.objCType)
        return type == "d" || type == "f"
    }

    /// Plist booleans arrive as NSNumber; the boolean class is the only tell on both
    /// Darwin and swift-corelibs-foundation.
    static func isBoolean(_ n: NSNumber) -> Bool {
        String(describing: type(of: n)).contains("Boolean")
    }
}

/// Line numbers of `<key>NAME</key>` in an XML plist, so findings point into the file.
struct KeyLines {
    var lines: [String: Int] = [:]
    let file: String

    init(text: String, file: String) {
        self.file = file
        var number = 0
        // "\r\n" is one Character: split on both, or a CRLF file would be one line.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            guard let start = line.range(of: "<key>"), let end = line.range(of: "</key>"), start.upperBound <= end.lowerBound else { continue }
            let key = String(line[start.upperBound..<end.lowerBound])
            if lines[key] == nil || key.hasPrefix("Payload") { lines[key] = number }
        }
    }

    func location(of key: String) -> SourceLocation? {
        lines[key].map { SourceLocation(file: file, line: $0, column: 1) }
    }
}
