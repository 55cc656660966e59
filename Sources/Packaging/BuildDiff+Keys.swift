import Foundation
import Documents

extension BuildDiff {
    /// One key that differs inside an artifact a comparer understands (a 3P policy
    /// export): the values are already rendered for people, with secrets masked.
    public struct KeyChange: Hashable, Sendable {
        public var key: String
        public var kind: Kind
        /// The old value as compact JSON (or a mask); nil for an added key.
        public var old: String?
        /// The new value as compact JSON (or a mask); nil for a removed key.
        public var new: String?
        /// True when either value was masked as a secret.
        public var masked: Bool

        public init(key: String, kind: Kind, old: String?, new: String?, masked: Bool = false) {
            self.key = key
            self.kind = kind
            self.old = old
            self.new = new
            self.masked = masked
        }
    }

    /// Largest artifact read back from an output directory for a key-level comparison;
    /// policy exports are a few kilobytes.
    public static let maxComparedArtifactBytes = 4 << 20
}

/// Compares two versions of an artifact by what it means rather than by its bytes. The
/// diff asks `accepts` first, so archives and other large files are never read.
public protocol BuildArtifactComparer: Sendable {
    /// True when `name` (an artifact name from the manifest) is a file this comparer reads.
    func accepts(artifact name: String) -> Bool
    /// The key-level changes between the two versions; nil when either cannot be read,
    /// so the diff falls back to sizes and digests.
    func keyChanges(artifact name: String, old: [UInt8], new: [UInt8]) -> [BuildDiff.KeyChange]?
}

extension BuildDiff {
    /// Fills `keys` of changed outputs both builds hold on disk and the comparer accepts.
    mutating func compareKeys(old: BuildDiffInput, new: BuildDiffInput, comparer: (any BuildArtifactComparer)?) {
        guard let comparer, let oldDirectory = old.directory, let newDirectory = new.directory else { return }
        for index in outputs.indices where outputs[index].kind == .changed && comparer.accepts(artifact: outputs[index].name) {
            let name = outputs[index].name
            // A name with a path separator is not one the build writes; never read outside the directory.
            guard !name.contains("/"), !name.contains("\\"), name != "..",
                  let a = Self.artifactBytes(oldDirectory, name), let b = Self.artifactBytes(newDirectory, name) else { continue }
            outputs[index].keys = comparer.keyChanges(artifact: name, old: a, new: b)
        }
    }

    static func artifactBytes(_ directory: String, _ name: String) -> [UInt8]? {
        let path = (directory as NSString).appendingPathComponent(name)
        return try? DocumentLoader.readFile(path: path, maxBytes: maxComparedArtifactBytes)
    }
}
