import Foundation
import Testing
import TestSupport
@testable import Packaging

/// A source path split as base + relative names the same file as the joined path: the
/// store must compress it once, and sets and dictionaries must see one file.
@Suite struct SourcePathTests {
    @Test func equalityAndHashingGoByTheJoinedPath() {
        let whole = SourcePath("/dist/skills/x/refs/a.md")
        let splits = [SourcePath(base: "/dist", relative: "skills/x/refs/a.md"),
                      SourcePath(base: "/dist/skills/x", relative: "refs/a.md"),
                      SourcePath(base: "/dist/skills/x/refs", relative: "a.md"), whole]
        for split in splits {
            #expect(split == whole)
            #expect(split.hashValue == whole.hashValue)
            #expect(split.path == "/dist/skills/x/refs/a.md")
        }
        #expect(Set(splits).count == 1)
        // Same bytes split differently are not confused with different files.
        let others = [SourcePath(base: "/dist/skills", relative: "xrefs/a.md"), SourcePath(base: "/dist/skills/x/refs/a.md", relative: ""),
                      SourcePath("/dist/skills/x/refs/a.mdx"), SourcePath(base: "/dist/", relative: "skills/x/refs/a.md")]
        for other in others { #expect(other != whole, "\(other.base) + \(other.relative)") }
        #expect(Set(splits + others).count == 1 + others.count)
        // Canonically equivalent spellings are different files (bytes decide, as on disk).
        let composed = SourcePath(base: "/dist", relative: "caf\u{E9}.md")
        let decomposed = SourcePath(base: "/dist", relative: "cafe\u{301}.md")
        #expect(composed != decomposed)
        #expect(SourcePath("/dist/caf\u{E9}.md") != decomposed)
        #expect(Set([composed, decomposed]).count == 2)
    }

    @Test func theStoreCompressesOneFileOnceHoweverItsPathIsSplit() throws {
        let tmp = try TemporaryDirectory(); defer { tmp.remove() }
        _ = try tmp.write("dist/skills/x/a.md", String(repeating: "skill text\n", count: 500))
        let base = tmp.url.path
        let entries: [ArchiveEntry] = [
            .file("skills/x/a.md", source: SourcePath(base: base + "/dist", relative: "skills/x/a.md")),
            .file("etc/acme/skills/x/a.md", sourcePath: base + "/dist/skills/x/a.md"),
            .file("copy.md", source: SourcePath(base: base + "/dist/skills", relative: "x/a.md")),
        ]
        let store = DeflatedContentStore(scratchDirectory: tmp.url)
        try store.add(entries)
        let contents = entries.compactMap { store.content(of: $0) }
        #expect(contents.count == 3)
        #expect(Set(contents).count == 1, "one record for the one file")
        #expect(contents.first?.size == 5500)
    }
}
