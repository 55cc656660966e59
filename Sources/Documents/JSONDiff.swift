/// A structural diff of two JSON values: the list of changes, each at a JSON pointer,
/// in document order. Objects are compared member by member; arrays whose elements are
/// all objects carrying the same identity key (`id`, `name`, `sourceName`, `key`) are
/// matched by that key, so a reordered list with one edited field reports only that
/// field; other arrays are compared by index. Numbers compare by value (`1 == 1.0`).
public struct JSONDiff: Sendable {
    /// What happened at a pointer.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case added, removed, changed
    }

    /// One change. `old` is nil for an added value, `new` is nil for a removed one.
    public struct Change: Hashable, Sendable {
        public var pointer: JSONPointer
        public var kind: Kind
        public var old: JSONValue?
        public var new: JSONValue?

        public init(pointer: JSONPointer, kind: Kind, old: JSONValue?, new: JSONValue?) {
            self.pointer = pointer
            self.kind = kind
            self.old = old
            self.new = new
        }
    }

    /// The keys that identify array elements, tried in order.
    public static let defaultIdentityKeys = ["id", "name", "sourceName", "key"]

    public var identityKeys: [String]

    public init(identityKeys: [String] = JSONDiff.defaultIdentityKeys) {
        self.identityKeys = identityKeys
    }

    /// The changes that turn `old` into `new`; empty when they are equal as JSON values.
    /// Elements of a key-matched array are reported at their index in `new` (removed
    /// elements at their index in `old`); a pure reordering of such elements is not a change.
    public func changes(from old: JSONValue, to new: JSONValue) -> [Change] {
        var out: [Change] = []
        compare(old, new, at: .root, into: &out)
        return out
    }

    private func compare(_ old: JSONValue, _ new: JSONValue, at pointer: JSONPointer, into out: inout [Change]) {
        if old == new { return }
        switch (old, new) {
        case (.object(let a), .object(let b)):
            let oldSide = a.members.map { Slot(identity: .string($0.key), token: $0.key, value: $0.value) }
            let newSide = b.members.map { Slot(identity: .string($0.key), token: $0.key, value: $0.value) }
            merge(oldSide, newSide, at: pointer, into: &out)
        case (.array(let a), .array(let b)):
            if let key = sharedIdentityKey(a, b) {
                let oldSide = a.enumerated().map { Slot(identity: $0.element[key] ?? .null, token: String($0.offset), value: $0.element) }
                let newSide = b.enumerated().map { Slot(identity: $0.element[key] ?? .null, token: String($0.offset), value: $0.element) }
                merge(oldSide, newSide, at: pointer, into: &out)
            } else {
                for index in 0..<min(a.count, b.count) {
                    compare(a[index], b[index], at: pointer / index, into: &out)
                }
                for index in a.count..<max(a.count, b.count) where index < b.count {
                    out.append(Change(pointer: pointer / index, kind: .added, old: nil, new: b[index]))
                }
                for index in b.count..<max(a.count, b.count) where index < a.count {
                    out.append(Change(pointer: pointer / index, kind: .removed, old: a[index], new: nil))
                }
            }
        default:
            out.append(Change(pointer: pointer, kind: .changed, old: old, new: new))
        }
    }

    /// A member or element with the value it is matched by and the pointer token it is reported under.
    private struct Slot {
        var identity: JSONValue
        var token: String
        var value: JSONValue
    }

    /// Walks `new` in order, recursing into matched slots and reporting unmatched ones as
    /// added; a removed slot is reported where it stood in `old`, just after the matched
    /// slot that preceded it, so the output follows the documents.
    private func merge(_ old: [Slot], _ new: [Slot], at pointer: JSONPointer, into out: inout [Change]) {
        var oldIndex: [JSONValue: Int] = [:]
        for (index, slot) in old.enumerated() where oldIndex[slot.identity] == nil { oldIndex[slot.identity] = index }
        let newIdentities = Set(new.map(\.identity))
        var cursor = 0
        func flushRemoved(through limit: Int) {
            while cursor < limit {
                let slot = old[cursor]
                if !newIdentities.contains(slot.identity) {
                    out.append(Change(pointer: pointer / slot.token, kind: .removed, old: slot.value, new: nil))
                }
                cursor += 1
            }
        }
        for slot in new {
            if let index = oldIndex[slot.identity] {
                flushRemoved(through: index + 1)
                compare(old[index].value, slot.value, at: pointer / slot.token, into: &out)
            } else {
                out.append(Change(pointer: pointer / slot.token, kind: .added, old: nil, new: slot.value))
            }
        }
        flushRemoved(through: old.count)
    }

    /// The first identity key that every element of both arrays carries as a string or
    /// number, with no value repeated within an array; nil when there is none.
    private func sharedIdentityKey(_ a: [JSONValue], _ b: [JSONValue]) -> String? {
        guard !(a.isEmpty && b.isEmpty) else { return nil }
        candidates: for key in identityKeys {
            for list in [a, b] {
                var seen = Set<JSONValue>()
                for element in list {
                    guard case .object(let object) = element, let identity = object[key] else { continue candidates }
                    switch identity {
                    case .string, .number: break
                    default: continue candidates
                    }
                    guard seen.insert(identity).inserted else { continue candidates }
                }
            }
            return key
        }
        return nil
    }
}
