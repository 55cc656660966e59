/// A packaging failure: a stable kebab-case code, the path that failed (an archive
/// entry, a source file or an output file) and a readable message.
public struct PackagingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong; the raw value is the stable code callers put in findings.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A relative path broke the archive path rules (absolute, `..`, control characters...).
        case invalidPath = "archive-path-invalid"
        /// The same path was given twice, or a file was also used as a directory.
        case duplicatePath = "archive-path-duplicate"
        /// Two paths differ only by letter case (they clash on macOS and Windows).
        case caseCollision = "archive-path-case-collision"
        /// An archive entry that extraction refuses (escape, device, link outside the root...).
        case unsafeEntry = "archive-entry-unsafe"
        /// An entry-count or size cap was exceeded.
        case limitExceeded = "archive-limit-exceeded"
        /// The extraction directory already holds files.
        case destinationNotEmpty = "extract-destination-not-empty"
        /// libarchive reported an error while reading or writing an archive.
        case archive = "archive-error"
        /// A file-system operation failed.
        case io = "packaging-io"
        /// An argument (data directory name, option value) is not acceptable.
        case invalidArgument = "packaging-invalid-argument"
    }

    public var kind: Kind
    /// The failing path: an entry name inside an archive, or a file-system path.
    public var path: String
    public var message: String

    public init(_ kind: Kind, path: String, _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    /// The stable code, e.g. `archive-entry-unsafe`.
    public var code: String { kind.rawValue }

    public var description: String { "\(path): \(message) [\(code)]" }
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for a body that throws `PackagingError`: the standard library's
    /// version rethrows as `any Error`, which typed-throws callers cannot pass on.
    func withBytes(_ body: (UnsafeRawBufferPointer) throws(PackagingError) -> Void) throws(PackagingError) {
        let failure: PackagingError? = withUnsafeBytes { raw in
            do throws(PackagingError) { try body(raw) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }
}
