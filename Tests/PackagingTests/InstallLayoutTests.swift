import Testing
@testable import Packaging

@Suite struct InstallLayoutTests {
    @Test func prefixesPerPlatform() throws {
        #expect(try InstallLayout.prefix(platform: .macos, dataDirName: "acme") == "Library/Application Support/acme/")
        #expect(try InstallLayout.prefix(platform: .windows, dataDirName: "acme") == "ProgramData/acme/")
        #expect(try InstallLayout.prefix(platform: .linux, dataDirName: "acme") == "etc/acme/")
        #expect(try InstallLayout.installedPath(platform: .windows, dataDirName: "acme") == "C:\\ProgramData\\acme")
        #expect(Set(InstallLayout.all.map(\.platform)) == Set(Platform.allCases))
        for platform in Platform.allCases {
            try ArchivePath.validate(String(try InstallLayout.prefix(platform: platform, dataDirName: "acme").dropLast()))
        }
    }

    @Test(arguments: Platform.allCases)
    func readmeNamesLocationAndVariable(platform: Platform) throws {
        let text = try InstallLayout.readme(platform: platform, dataDirName: "acme-cowork")
        let installed = try InstallLayout.installedPath(platform: platform, dataDirName: "acme-cowork")
        #expect(text.contains("OPEN_COWORK_DOWNSTREAM_ROOT=\(installed)"))
        #expect(text.contains(try InstallLayout.prefix(platform: platform, dataDirName: "acme-cowork")))
    }

    @Test(arguments: ["", ".", "..", "a/b", "a\\b", "a:b", "con", "trailing.", " lead", "tab\tname"])
    func refusesUnsafeDataDirNames(_ name: String) {
        let error = #expect(throws: PackagingError.self) { try InstallLayout.prefix(platform: .linux, dataDirName: name) }
        #expect(error?.kind == .invalidArgument)
    }
}
