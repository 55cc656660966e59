import Diagnostics
import Documents
import Foundation
import Testing
import TestSupport
@testable import OpenCowork

@Suite struct BrandingAssetRulesTests {
    static let goodSVG = ##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#123"/></svg>"##

    /// A distribution branding root with good images of every format.
    func makeRoot() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        _ = try dir.write("branding/logo.svg", Self.goodSVG)
        _ = try dir.write("branding/logo.png", Data(TestImages.png(width: 128, height: 128)))
        _ = try dir.write("branding/logo.gif", Data(TestImages.gif(width: 128, height: 128)))
        _ = try dir.write("branding/logo.jpg", Data(TestImages.jpeg(width: 128, height: 128)))
        _ = try dir.write("branding/logo.webp", Data(TestImages.webp(width: 128, height: 128)))
        return dir
    }

    func findings(logo: String, variant: String = "logo", extra: String = "", root: TemporaryDirectory, roots: [URL]? = nil) throws -> [Finding] {
        let escaped = logo.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let json = #"{"branding":{"sidebar":{"top":{"variant":"\#(variant)","logoAsset":"\#(escaped)"\#(extra)}}}}"#
        return BrandingAssetRules.check(try RulesFixture.context(json, roots: roots ?? [root.file("branding")]))
    }

    @Test(arguments: ["logo.svg", "branding/logo.png", "./logo.gif", "logo.jpg", " logo.webp ", "branding\\logo.png", "LOGO.SVG.svg".lowercased()])
    func acceptedPaths(_ path: String) throws {
        let root = try makeRoot(); defer { root.remove() }
        if path.contains("logo.svg.svg") { _ = try root.write("branding/logo.svg.svg", Self.goodSVG) }
        #expect(try findings(logo: path, root: root).isEmpty)
    }

    @Test(arguments: [
        ("   ", "branding-asset-empty"),
        (String(repeating: "a", count: 509) + ".png", "branding-asset-too-long"),
        ("https://cdn.example.com/logo.png", "branding-asset-url"),
        ("data:image/png;base64,AAAA.png", "branding-asset-url"),
        ("C:\\logos\\logo.png", "branding-asset-url"),
        ("/etc/logo.png", "branding-asset-absolute"),
        ("\\\\server\\logo.png", "branding-asset-absolute"),
        ("branding/../secrets/logo.png", "branding-asset-traversal"),
        ("a/..\\..\\logo.png", "branding-asset-traversal"),
        ("logo.bmp", "branding-asset-extension"),
        ("logo", "branding-asset-extension"),
        ("missing.png", "branding-asset-missing"),
    ])
    func refusedPaths(_ path: String, _ code: String) throws {
        let root = try makeRoot(); defer { root.remove() }
        let result = try findings(logo: path, root: root)
        #expect(result.map(\.code) == [code])
        #expect(result.first?.severity == .error)
        #expect(result.first?.location?.file == "overlay.json")
    }

    @Test func symlinkEscapingTheRootIsRefused() throws {
        let root = try makeRoot(); defer { root.remove() }
        let outside = try TemporaryDirectory(); defer { outside.remove() }
        let target = try outside.write("evil.png", Data(TestImages.png(width: 128, height: 128)))
        try FileManager.default.createSymbolicLink(at: root.file("branding/evil.png"), withDestinationURL: target)
        try FileManager.default.createSymbolicLink(atPath: root.file("branding/dangling.png").path, withDestinationPath: "nowhere.png")
        // A link that stays inside the root is fine.
        try FileManager.default.createSymbolicLink(atPath: root.file("branding/alias.png").path, withDestinationPath: "logo.png")
        #expect(try findings(logo: "evil.png", root: root).map(\.code) == ["branding-asset-escapes-root"])
        #expect(try findings(logo: "dangling.png", root: root).map(\.code) == ["branding-asset-escapes-root"])
        #expect(try findings(logo: "alias.png", root: root).isEmpty)
    }

    @Test func directoryIsNotAFile() throws {
        let root = try makeRoot(); defer { root.remove() }
        try FileManager.default.createDirectory(at: root.file("branding/folder.png"), withIntermediateDirectories: true)
        #expect(try findings(logo: "folder.png", root: root).map(\.code) == ["branding-asset-not-file"])
    }

    @Test func rootsAreSearchedInOrder() throws {
        let downstream = try TemporaryDirectory(); defer { downstream.remove() }
        let upstream = try makeRoot(); defer { upstream.remove() }
        _ = try downstream.write("branding/logo.png", Data(TestImages.gif(width: 128, height: 128)))
        let roots = [downstream.file("branding"), upstream.file("branding")]
        // The downstream file wins (and is a GIF in disguise); upstream's SVG is found when downstream has none.
        #expect(try findings(logo: "logo.png", root: upstream, roots: roots).map(\.code) == ["branding-asset-content-mismatch"])
        #expect(try findings(logo: "logo.svg", root: upstream, roots: roots).isEmpty)
    }

    @Test func contentMustMatchTheExtension() throws {
        let root = try makeRoot(); defer { root.remove() }
        _ = try root.write("branding/fake.png", Data(TestImages.jpeg(width: 128, height: 128)))
        _ = try root.write("branding/text.webp", "not an image")
        _ = try root.write("branding/png.svg", Data(TestImages.png(width: 128, height: 128)))
        for name in ["fake.png", "text.webp", "png.svg"] {
            #expect(try findings(logo: name, root: root).map(\.code) == ["branding-asset-content-mismatch"], "\(name)")
        }
    }

    @Test func oversizedFileIsRefused() throws {
        let root = try makeRoot(); defer { root.remove() }
        let big = TestImages.png(width: 128, height: 128) + [UInt8](repeating: 0, count: BrandingAssetRules.maxBytes)
        _ = try root.write("branding/big.png", Data(big))
        #expect(try findings(logo: "big.png", root: root).map(\.code) == ["branding-asset-too-large"])
    }

    @Test func smallRasterIsWarnedAgainstMediaSize() throws {
        let root = try makeRoot(); defer { root.remove() }
        _ = try root.write("branding/small.png", Data(TestImages.png(width: 200, height: 40)))
        // Default mediaSize 28 -> 56 px needed on the smaller edge.
        let small = try findings(logo: "small.png", root: root)
        #expect(small.map(\.code) == ["branding-asset-low-resolution"] && small.first?.severity == .warning)
        // Horizontal fit fixes the width: 200 >= 2 x 96.
        #expect(try findings(logo: "small.png", extra: #","mediaSize":96,"mediaFit":"horizontal""#, root: root).isEmpty)
        // logo.png is 128 px: enough for 64, not for 96.
        #expect(try findings(logo: "logo.png", extra: #","mediaSize":64"#, root: root).isEmpty)
        #expect(try findings(logo: "logo.png", extra: #","mediaSize":96"#, root: root).map(\.code) == ["branding-asset-low-resolution"])
    }

    @Test(arguments: [
        (#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#, "branding-svg-script"),
        (#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div/></foreignObject></svg>"#, "branding-svg-script"),
        (#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>"#, "branding-svg-event-handler"),
        (#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://tracker.example/p.png"/></svg>"#, "branding-svg-external-ref"),
        (#"<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect/></a></svg>"#, "branding-svg-external-ref"),
        (#"<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://x.example/f.svg#g)"/></svg>"#, "branding-svg-external-ref"),
        (#"<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css);</style></svg>"#, "branding-svg-external-ref"),
        (#"<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>"#, "branding-svg-entity"),
        (#"<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>"#, "branding-svg-invalid"),
        (#"<html><svg xmlns="http://www.w3.org/2000/svg"/></html>"#, "branding-svg-invalid"),
    ])
    func hostileSVGIsRefused(_ svg: String, _ code: String) throws {
        let root = try makeRoot(); defer { root.remove() }
        _ = try root.write("branding/hostile.svg", svg)
        let result = try findings(logo: "hostile.svg", root: root)
        #expect(!result.isEmpty && result.allSatisfy { $0.code == code }, "\(result)")
    }

    @Test func svgInternalReferencesAndEmbeddedRastersAreFine() throws {
        let svg = """
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
          <defs><linearGradient id="g"/></defs>
          <rect style="fill:url(#g)"/><use xlink:href="#g"/><image href="data:image/png;base64,iVBORw0KGgo="/>
        </svg>
        """
        #expect(SVGInspector.inspect(Array(svg.utf8)).isEmpty)
    }

    @Test func sidebarVariantRules() throws {
        let root = try makeRoot(); defer { root.remove() }
        let context = { (json: String) in BrandingAssetRules.check(try RulesFixture.context(json, roots: [root.file("branding")])) }
        #expect(try context(#"{"branding":{"sidebar":{"top":{"variant":"logo-text"}}}}"#).map(\.code) == ["branding-logo-missing"])
        let unused = try context(#"{"branding":{"sidebar":{"top":{"variant":"icon-text","logoAsset":"logo.svg"}}}}"#)
        #expect(unused.map(\.code) == ["branding-logo-unused"] && unused.first?.severity == .warning)
        let legacy = try context(#"{"branding":{"sidebar":{"top":{"variant":"logo","logoDataUrl":"data:image/png;base64,AAAA"}}}}"#)
        #expect(legacy.map(\.code) == ["branding-logo-data-url"] && legacy.first?.severity == .warning)
    }

    @Test func appIconIsCheckedToo() throws {
        let root = try makeRoot(); defer { root.remove() }
        let json = #"{"branding":{"appIcon":"../icon.png"}}"#
        #expect(BrandingAssetRules.check(try RulesFixture.context(json, roots: [root.file("branding")])).map(\.pointer) == ["/branding/appIcon"])
    }
}
