import Diagnostics
import Documents

/// A decision, recorded in `distribution.yaml`, to accept a finding.
public struct Waiver: Hashable, Sendable {
    public var code: String
    /// The finding's pointer, or one of its ancestors; nil waives the code everywhere.
    public var pointer: JSONPointer?
    public var reason: String
    /// Where the waiver is written, so an unused one can be pointed at.
    public var location: SourceLocation?

    public init(code: String, pointer: JSONPointer? = nil, reason: String, location: SourceLocation? = nil) {
        self.code = code
        self.pointer = pointer
        self.reason = reason
        self.location = location
    }
}

/// Applies waivers: a waived finding becomes a note that quotes the reason (kept, not
/// dropped, so reports still show what was accepted and why); a waiver that matches
/// nothing is a warning, so stale waivers get cleaned up.
public enum Waivers {
    public static func apply(_ findings: [Finding], waivers: [Waiver]) -> [Finding] {
        var used = Array(repeating: false, count: waivers.count)
        var out: [Finding] = findings.map { finding in
            guard let index = waivers.firstIndex(where: { matches($0, finding) }) else { return finding }
            used[index] = true
            var waived = finding
            waived.severity = .note
            waived.message += " (waived: \(waivers[index].reason))"
            return waived
        }
        for (index, waiver) in waivers.enumerated() where !used[index] {
            let place = waiver.pointer.map { " at \($0)" } ?? ""
            out.append(Finding(.warning, code: .waiverUnused, message: "waiver for '\(waiver.code)'\(place) matched no finding",
                location: waiver.location, pointer: nil, hint: "remove the waiver, or fix its code or pointer"))
        }
        return out
    }

    /// The tuple form: `(code, pointer text, reason)`; an unparsable pointer never matches.
    public static func apply(_ findings: [Finding], waivers: [(code: String, pointer: String?, reason: String)]) -> [Finding] {
        apply(findings, waivers: waivers.map { item in
            let pointer = item.pointer.map { (try? JSONPointer(parsing: $0)) ?? JSONPointer(tokens: ["\u{0}invalid", $0]) }
            return Waiver(code: item.code, pointer: pointer, reason: item.reason)
        })
    }

    static func matches(_ waiver: Waiver, _ finding: Finding) -> Bool {
        guard waiver.code == finding.code, finding.code != .waiverUnused else { return false }
        guard let scope = waiver.pointer else { return true }
        return finding.pointer?.hasPrefix(scope) ?? false
    }
}
