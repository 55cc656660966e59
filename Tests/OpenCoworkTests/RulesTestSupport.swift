import Documents
import Foundation
@testable import OpenCowork

/// Small helpers shared by the rule tests.
enum RulesFixture {
    static func document(_ json: String, file: String = "overlay.json") throws -> Document {
        try DocumentLoader().parse(bytes: Array(json.utf8), format: .jsonc, file: file)
    }

    static func context(_ json: String, file: String = "overlay.json", roots: [URL] = []) throws -> RulesContext {
        RulesContext(document: try document(json, file: file), brandingRoots: roots)
    }
}
