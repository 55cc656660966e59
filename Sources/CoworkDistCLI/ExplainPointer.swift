import Foundation
import ArgumentParser
import Documents

extension DistributionOptions {
    /// `explain`'s arguments sorted out: one positional after --base, or one that is no
    /// directory but reads as a pointer, is the pointer. Returns the options without it and
    /// the parsed pointer; a malformed pointer is exit 2.
    func splittingPointer(_ pointer: String?) throws -> (options: DistributionOptions, pointer: JSONPointer?) {
        var options = self
        var pointerText = pointer
        if pointerText == nil, let first = options.distribution,
           options.base != nil || (first.hasPrefix("/") && !FileManager.default.fileExists(atPath: first)) {
            pointerText = first
            options.distribution = nil
        }
        try options.validateSingleSource()
        guard let pointerText else { return (options, nil) }
        do { return (options, try JSONPointer(parsing: pointerText)) } catch { throw Terminal.failure("error: \(error)") }
    }
}
