/// Where a shipped file's content is read from: `base` + "/" + `relative`, or `relative`
/// alone when `base` is empty.
///
/// A build plan holds one per shipped file until the build ends. Content that sits at its
/// own archive path under a directory (a distribution's `skills/x/a.md` under the
/// distribution) keeps that path as `relative`, the same string the archive entry holds,
/// and the directory as `base`, one string for the whole tree: the absolute path, about a
/// hundred bytes more per file, is made only while the file is read.
///
/// Two values name the same file when their joined paths are equal, however they are
/// split: equality and hashing go by the joined bytes.
public struct SourcePath: Sendable, Hashable, CustomStringConvertible {
    public let base: String
    public let relative: String

    /// An absolute path held whole.
    public init(_ path: String) {
        base = ""
        relative = path
    }

    public init(base: String, relative: String) {
        self.base = base
        self.relative = relative
    }

    /// The absolute path (a new string unless `base` is empty).
    public var path: String { base.isEmpty ? relative : base + "/" + relative }

    public var description: String { path }

    public static func == (a: SourcePath, b: SourcePath) -> Bool {
        // Split alike (every file of one tree): compare the parts. Split differently: only
        // a dictionary's check of a hash match gets here, rarely enough to join both.
        // By bytes, as the hash goes (String's == would match canonically equivalent
        // spellings, which are different files).
        bytesEqual(a.base, b.base) ? bytesEqual(a.relative, b.relative) : bytesEqual(a.path, b.path)
    }

    private static func bytesEqual(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }

    public func hash(into hasher: inout Hasher) {
        // The joined bytes, fed in pieces: Hasher takes raw bytes as one stream.
        if !base.isEmpty {
            feed(base, into: &hasher)
            withUnsafeBytes(of: UInt8(ascii: "/")) { hasher.combine(bytes: $0) }
        }
        feed(relative, into: &hasher)
    }

    private func feed(_ text: String, into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
