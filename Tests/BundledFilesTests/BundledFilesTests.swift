import Foundation
import Testing
import TestSupport
@testable import BundledFiles

/// The files compiled into the binary are exactly the files of the folders listed in
/// embedded-roots.txt, byte for byte: nothing missing, nothing stale, nothing extra.
@Suite struct BundledFilesTests {
    var root: URL { SharedData.projectRoot }

    func roots() throws -> [String] {
        let text = try String(contentsOf: root.appendingPathComponent("Sources/BundledFiles/embedded-roots.txt"), encoding: .utf8)
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    func filesOnDisk(below folder: String) -> [String] {
        let base = root.appendingPathComponent(folder).standardizedFileURL.path
        let all = FileManager.default.subpaths(atPath: base) ?? []
        return all.filter { path in
            var isDirectory: ObjCBool = false
            let name = (path as NSString).lastPathComponent
            return FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && name != ".DS_Store" && !name.hasSuffix("~")
        }.map { folder + "/" + $0 }
    }

    @Test func everyFileOfEveryRootIsEmbeddedAsItIs() throws {
        let roots = try roots()
        #expect(roots.contains("Sources/ManagedPolicy/Resources"))
        #expect(roots.contains("templates/init"))
        var expected: [String] = []
        for folder in roots { expected += filesOnDisk(below: folder) }
        #expect(!expected.isEmpty)
        #expect(Set(BundledFiles.paths) == Set(expected), "rebuild: the embedded files differ from the folders")
        for path in expected {
            let onDisk = FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
            #expect(BundledFiles.data(path) == onDisk, "\(path) differs from its embedded copy")
        }
    }

    @Test func lookupsBelowAFolder() {
        let presets = BundledFiles.files(under: "Sources/ManagedPolicy/Resources/presets")
        #expect(presets.contains("standard.yaml"))
        #expect(BundledFiles.files(under: "templates/init/").contains("manifest/desktop.yaml"))
        #expect(BundledFiles.data("templates/init/no-such-file") == nil)
        #expect(BundledFiles.paths == BundledFiles.paths.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    }
}
