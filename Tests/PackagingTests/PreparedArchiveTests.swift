import Foundation
import Testing
import TestSupport
@testable import Packaging

/// A shared list normalized once and merged with an archive's own entries must give
/// exactly what normalizing the whole prefixed list gives, and refuse what it refuses.
@Suite struct PreparedArchiveTests {
    let shared: [ArchiveEntry] = [
        .text("skills/b/SKILL.md", "b"), .text("skills/a/SKILL.md", "a"), .text("skills/a/ref/x.md", "x"),
        .text("mcps/m/dist/index.js", "js"), .text("prompts/p.md", "p"), .text("README-extra.txt", "r"),
        .symlink("skills/a/link", target: "SKILL.md"),
    ]

    func prepared(_ list: ArchiveEntryList, ownedRoot: String) throws(PackagingError) -> [ArchiveEntry] {
        let job = ArchiveWriter.Job(entries: list, format: .tarGzip, url: URL(fileURLWithPath: "/unused"), ownedRoot: ownedRoot)
        let normalizedShared = try SharedEntries([job]).normalized(for: job)
        return Array(try PreparedArchive.prepare(list, shared: normalizedShared, ownedRoot: ownedRoot))
    }

    func whole(_ list: ArchiveEntryList, ownedRoot: String) throws(PackagingError) -> [ArchiveEntry] {
        try ArchiveWriter.normalized(list.materialized(), ownedRoot: ownedRoot)
    }

    /// The owned roots of the delivery channels: the prefix itself (downstream root), a
    /// file below it (managed config), the whole archive, and something beside it.
    @Test(arguments: [("ProgramData/acme/root/", "ProgramData/acme/root/"), ("etc/acme/", "etc/acme/config.json"),
                      ("", ""), ("opt/acme/", ""), ("opt/acme/", "srv/other/")])
    func mergingGivesWhatNormalizingTheWholeListGives(_ prefix: String, _ ownedRoot: String) throws {
        let own: [ArchiveEntry] = [.text(prefix + "config.json", "{}"), .text(prefix + "README.txt", "r"),
                                   .text(prefix + "skills/extra.md", "e"), .text("Library/env.plist", "p")]
        let list = ArchiveEntryList(shared: shared, prefix: prefix, own: own)
        let merged = try prepared(list, ownedRoot: ownedRoot)
        let expected = try whole(list, ownedRoot: ownedRoot)
        #expect(merged.map(\.path) == expected.map(\.path))
        #expect(merged == expected)
    }

    @Test func theOwnEntriesAloneAndTheSharedAloneAreUnchanged() throws {
        let ownOnly = ArchiveEntryList([.text("a/b.txt", "b"), .text("c.txt", "c")])
        #expect(try prepared(ownOnly, ownedRoot: "") == (try whole(ownOnly, ownedRoot: "")))
        let sharedOnly = ArchiveEntryList(shared: shared, prefix: "x/y/")
        #expect(try prepared(sharedOnly, ownedRoot: "x/") == (try whole(sharedOnly, ownedRoot: "x/")))
    }

    @Test(arguments: [
        // (own entry, refusal): a file twice, a file where the shared list has a directory,
        // a directory's name taken by an own file, a case clash.
        ("root/prompts/p.md", PackagingError.Kind.duplicatePath),
        ("root/skills/a", PackagingError.Kind.duplicatePath),
        ("root/README-extra.txt/x", PackagingError.Kind.duplicatePath),
        ("root/Prompts/P.md", PackagingError.Kind.caseCollision),
    ])
    func conflictsWithTheSharedListAreRefusedAsAWholeListWouldBe(_ path: String, _ kind: PackagingError.Kind) throws {
        let list = ArchiveEntryList(shared: shared, prefix: "root/", own: [.text(path, "clash")])
        #expect(throws: PackagingError.self) { try whole(list, ownedRoot: "") }
        do {
            _ = try prepared(list, ownedRoot: "")
            Issue.record("\(path) was accepted")
        } catch {
            #expect(error.kind == kind, "\(error)")
        }
    }

    @Test func archiveListsSharingOneArrayNormalizeItOnce() throws {
        let a = ArchiveWriter.Job(entries: ArchiveEntryList(shared: shared, prefix: "a/"), format: .zip, url: URL(fileURLWithPath: "/a"))
        let b = ArchiveWriter.Job(entries: ArchiveEntryList(shared: shared, prefix: "b/"), format: .zip, url: URL(fileURLWithPath: "/b"))
        let lists = SharedEntries([a, b])
        let first = try lists.normalized(for: a), second = try lists.normalized(for: b)
        // One normalized array, not two equal ones.
        #expect(first.withUnsafeBufferPointer { $0.baseAddress } == second.withUnsafeBufferPointer { $0.baseAddress })
    }

    @Test func prefixedOrderIsByteOrderOfTheJoinedPath() {
        let cases: [(String, String, String)] = [("a/", "b", "a/b"), ("a/", "b", "a/c"), ("a/", "b/c", "a/b-"), ("", "x", "w"),
                                                 ("ab", "", "a"), ("a", "", "ab"), ("é/", "z", "é/a")]
        for (prefix, path, other) in cases {
            let joined = prefix + path
            let expected = joined == other ? 0 : (ArchivePath.byteOrder(joined, other) ? -1 : 1)
            let order = ArchivePath.compare(prefix: prefix, path, other)
            #expect(order.signum() == expected, "\(prefix)+\(path) vs \(other)")
        }
    }
}
