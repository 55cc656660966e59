import ArgumentParser
import Diagnostics
import Documents
import Distribution
import ManagedPolicy
import Packaging

/// An enum read straight from the command line: its raw values are the accepted
/// spellings, and --help lists them.
///
/// ArgumentParser's defaults for a `CaseIterable` enum describe each case with
/// `"\(self)"`, a reflection-driven print whose first use per type costs several
/// protocol-conformance scans of the whole binary (about 0.1 ms each with Foundation
/// linked in). Every subcommand's options are set up on each run, so these answers are
/// given directly from the raw values: the same spellings, no reflection.
protocol ListedArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension ListedArgument {
    public var defaultValueDescription: String { rawValue }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    /// No per-value descriptions: help lists the spellings only.
    public static var allValueDescriptions: [String: String] { [:] }
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

// Library enums, kept in one place so command files hold commands only.
extension DocumentFormat: ListedArgument {}
extension ReportFormat: ListedArgument {}
extension BuildDiffRenderer.Format: ListedArgument {}
extension DistributionTemplate.Kind: ListedArgument {}
extension PolicyExportFormat: ListedArgument {}
extension RegistryScope: ListedArgument {}
extension ProfileScope: ListedArgument {}
