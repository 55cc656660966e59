import Foundation
import Testing
import TestSupport
@testable import OpenCowork

/// Inputs from the SVG fuzz campaign (Tests/Fixtures/hostile/svg/fuzz-*.svg) and the
/// classes behind them: Foundation's XMLParser traps on names that are not valid UTF-8
/// and misbehaves on an empty document, so the inspector refuses such bytes before
/// parsing. Each must come back as one clear "not XML" problem, in-process, without a trap.
@Suite struct SVGFuzzRegressionTests {
    static let directory = SharedData.projectRoot.appendingPathComponent("Tests/Fixtures/hostile/svg")

    static var fuzzFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasPrefix("fuzz-") }.sorted()
    }

    @Test func theFuzzFindingsAreAllPresent() {
        // Four crash inputs as found, the empty input, and five hand-made minimal ones.
        #expect(Self.fuzzFiles.count >= 10, "\(Self.fuzzFiles)")
    }

    @Test(arguments: fuzzFiles)
    func eachFuzzFindingIsRefusedAsNotXML(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent(name)))
        let problems = SVGInspector.inspect(bytes)
        guard case .notXML(let reason)? = problems.first else {
            Issue.record("\(name): \(problems)")
            return
        }
        #expect(problems.count == 1 && !reason.isEmpty, "\(name): \(problems)")
    }

    @Test func refusalsSayWhatIsWrongAndWhere() {
        let head = Array(#"<svg xmlns="http://www.w3.org/2000/svg">"#.utf8)
        #expect(SVGInspector.inspect([]) == [.notXML("the file is empty")])
        #expect(SVGInspector.inspect(head + [0xE0, 0xE0] + Array("</svg>".utf8))
            == [.notXML("not valid UTF-8 at byte offset \(head.count); save the file as UTF-8")])
        #expect(SVGInspector.inspect(Array("<svg>".utf8) + [0] + Array("</svg>".utf8))
            == [.notXML("NUL byte at offset 5; save the file as UTF-8 text")])
        #expect(SVGInspector.inspect(Array(#"<?xml version="1.0" encoding='UTF-16'?>"#.utf8) + head + Array("</svg>".utf8))
            == [.notXML("encoding 'utf-16' is declared; only UTF-8 SVG files are read")])
    }

    @Test(arguments: [
        #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n",
        #"<?xml version='1.0' encoding='utf-8' standalone='yes'?>"#,
        #"<?xml version="1.0"?>"#,
        "\u{FEFF}",
        "",
    ])
    func utf8DocumentsStillParse(_ prologue: String) {
        let svg = prologue + #"<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96"><title>Café ☕</title><rect width="9" height="9"/></svg>"#
        #expect(SVGInspector.inspect(Array(svg.utf8)).isEmpty, "\(prologue)")
    }
}
