import Diagnostics
import Foundation
import OpenCowork

/// `check --check-links`: requests every URL of the merged config, waiting for the
/// asynchronous link checker from the synchronous pipeline.
enum LinkProbe {
    static func run(_ desktop: PipelineResult) -> [Finding] {
        let provenance = desktop.provenance
        let links = LinkRules.links(in: RulesContext(config: desktop.value, locate: { provenance.location(of: $0) }))
        let box = FindingsBox()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.findings = await LinkChecker().check(links)
            done.signal()
        }
        done.wait()
        return box.findings
    }

    final class FindingsBox: @unchecked Sendable { var findings: [Finding] = [] }
}
