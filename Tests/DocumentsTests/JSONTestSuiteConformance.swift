import Foundation
import Testing
import TestSupport
@testable import Documents

/// nst/JSONTestSuite `test_parsing`: every `y_` file accepted, every `n_` file rejected,
/// and no crash or hang on any file (`i_` may go either way). Figures are computed here
/// from the real files and printed; the minimums below are enforced.
@Suite struct JSONTestSuiteConformance {
    struct Tally: CustomStringConvertible {
        var yes = 0, yesAccepted = 0, no = 0, noRejected = 0, implementation = 0, implementationAccepted = 0
        var failures: [String] = []
        var description: String {
            "JSONTestSuite: y_ accepted \(yesAccepted)/\(yes), n_ rejected \(noRejected)/\(no), "
                + "i_ accepted \(implementationAccepted)/\(implementation) (either way is allowed)"
        }
    }

    static func run() throws -> Tally {
        let directory = SharedData.path("testsuites/JSONTestSuite/test_parsing")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        var tally = Tally()
        let reader = JSONReader(format: .json)
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
            let accepted = (try? reader.read(bytes: bytes, file: name)) != nil
            switch name.prefix(2) {
            case "y_":
                tally.yes += 1
                if accepted { tally.yesAccepted += 1 } else { tally.failures.append(name) }
            case "n_":
                tally.no += 1
                if !accepted { tally.noRejected += 1 } else { tally.failures.append(name) }
            default:
                tally.implementation += 1
                if accepted { tally.implementationAccepted += 1 }
            }
        }
        return tally
    }

    @Test(.enabled(if: SharedData.isUsable, "needs ../shared/testsuites"))
    func everyYesAcceptedAndEveryNoRejected() throws {
        let tally = try Self.run()
        print(tally)
        #expect(tally.yes >= 95 && tally.no >= 188, "suite incomplete: \(tally)")
        #expect(tally.yesAccepted == tally.yes, "wrongly rejected: \(tally.failures)")
        #expect(tally.noRejected == tally.no, "wrongly accepted: \(tally.failures)")
    }
}
