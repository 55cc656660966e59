import Foundation
import Packaging

/// `SHA256SUMS`: the digest of every file written before it, build-manifest.json included
/// (so it commits after the manifest).
struct ChecksumsFile: ArtifactKind {
    func commit(_ build: inout CommittingBuild) throws {
        let text = try Checksums.sha256sums(build.sums)
        let url = try build.verified.staged.transaction.temporaryURL(for: Checksums.fileName)
        try Data(text.utf8).write(to: url)
        // Not listed in itself.
        build.written.append((Checksums.fileName, text.utf8.count))
    }
}
