import ArgumentParser
import Diagnostics
import Documents
import Distribution
import ManagedPolicy
import Packaging

// Library enums read straight from the command line: their raw values are the accepted
// spellings, and --help lists them. Kept in one place so command files hold commands only.
extension DocumentFormat: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension BuildDiffRenderer.Format: ExpressibleByArgument {}
extension DistributionTemplate.Kind: ExpressibleByArgument {}
extension PolicyExportFormat: ExpressibleByArgument {}
extension RegistryScope: ExpressibleByArgument {}
extension ProfileScope: ExpressibleByArgument {}
