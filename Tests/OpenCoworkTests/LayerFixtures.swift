import Foundation
import Testing
import Documents
import Diagnostics
import TestSupport
@testable import OpenCowork

/// Helpers shared by the layer, merge and placeholder tests.
enum LayerFixtures {
    /// A layer made straight from a value (no file), for merge tests.
    static func layer(_ index: Int, _ value: JSONValue, name: String? = nil) -> Layer {
        Layer(index: index, name: name ?? "layer\(index)", path: URL(fileURLWithPath: "/dev/null"),
              document: Document(value: value, file: name ?? "layer\(index)"), placeholders: [], files: [])
    }

    /// Writes `files` (name, text) into a temporary directory and loads them in order as
    /// base + overlays through the pipeline; the directory is returned for cleanup.
    static func load(_ files: [(String, String)], environment: [String: String] = [:], resolve: [String] = [],
                     support: [(String, String)] = []) throws -> (PipelineResult?, [Finding], TemporaryDirectory)
    {
        let dir = try TemporaryDirectory()
        for (name, text) in support { _ = try dir.write(name, text) }
        var paths: [String] = []
        for (name, text) in files { paths.append(try dir.write(name, text).path) }
        let sources = paths.enumerated().map { index, path in
            LayerSource(name: (path as NSString).lastPathComponent, path: URL(fileURLWithPath: path),
                        displayName: (path as NSString).lastPathComponent, root: dir.url)
        }
        let (result, findings) = Pipeline.layersOnward(LayerPlan(sources: sources, resolve: resolve, environment: environment))
        return (result, findings, dir)
    }

    /// Parses JSON text in tests.
    static func json(_ text: String) throws -> JSONValue {
        try JSONReader(format: .jsonc).read(text).value
    }

    /// The 1-based line of the first line of `file` containing `snippet`.
    static func line(of snippet: String, in file: URL) throws -> Int? {
        let text = try String(contentsOf: file, encoding: .utf8)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains(snippet) {
            return index + 1
        }
        return nil
    }
}
