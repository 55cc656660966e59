import Testing
@testable import Packaging

@Suite struct ArchivePathTests {
    @Test(arguments: ["a", "a/b.txt", "Library/Application Support/x/config.json", "é/ü"])
    func acceptsValidPaths(_ path: String) throws {
        #expect(ArchivePath.problem(in: path) == nil)
        try ArchivePath.validate(path)
    }

    @Test(arguments: ["", "/abs", "a/../b", "..", "a//b", "a/", "./a", "a\\b", "a\u{0}b", "tab\there", "del\u{7F}"])
    func refusesInvalidPaths(_ path: String) {
        let error = #expect(throws: PackagingError.self) { try ArchivePath.validate(path) }
        #expect(error?.kind == .invalidPath)
    }

    @Test func findsCaseCollisions() {
        let groups = ArchivePath.caseCollisions(["a/README.md", "b", "a/readme.md", "B", "c"])
        #expect(groups == [["B", "b"], ["a/README.md", "a/readme.md"]])
        #expect(ArchivePath.caseCollisions(["a", "b/a"]).isEmpty)
    }

    @Test func listsAncestors() {
        #expect(ArchivePath.ancestors(of: "a/b/c") == ["a", "a/b"])
        #expect(ArchivePath.ancestors(of: "a").isEmpty)
    }
}
