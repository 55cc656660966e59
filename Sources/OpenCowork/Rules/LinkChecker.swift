import Diagnostics
import Documents
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `--check-links`: asks each URL whether it still answers. HEAD first (cheap), GET
/// when the server refuses HEAD; bounded concurrency so a config with many links does
/// not hammer one host; a per-request timeout so a dead host cannot stall the build.
///
/// Only https links are requested (plain http only on loopback), through `BoundedHTTP`:
/// status only, a deadline per exchange, bounded redirects. mailto: and malformed links
/// are the static rules' business.
public struct LinkChecker: Sendable {
    /// Seconds before a request counts as unreachable.
    public var timeout: TimeInterval
    /// Most requests in flight at once.
    public var maxConcurrent: Int

    public init(timeout: TimeInterval = 10, maxConcurrent: Int = 4) {
        self.timeout = timeout
        self.maxConcurrent = max(1, maxConcurrent)
    }

    /// The outcome for one URL.
    enum Outcome: Sendable {
        case ok
        case status(Int)
        case unreachable(String)
        /// Plain http to a non-loopback host: not requested.
        case insecure
    }

    /// Checks every distinct URL once and returns findings in the order of `links`.
    public func check(_ links: [LinkRules.Link]) async -> [Finding] {
        let targets = links.filter { link in
            let lower = link.url.lowercased()
            return lower.hasPrefix("https://") || lower.hasPrefix("http://")
        }
        var unique: [String] = []
        for link in targets where !unique.contains(link.url) { unique.append(link.url) }

        var outcomes: [String: Outcome] = [:]
        await withTaskGroup(of: (String, Outcome).self) { group in
            var next = 0
            // Keep at most maxConcurrent tasks alive: start that many, then one per completion.
            while next < unique.count && next < maxConcurrent {
                let url = unique[next]
                group.addTask { (url, await self.probe(url)) }
                next += 1
            }
            while let (url, outcome) = await group.next() {
                outcomes[url] = outcome
                if next < unique.count {
                    let url = unique[next]
                    group.addTask { (url, await self.probe(url)) }
                    next += 1
                }
            }
        }
        return targets.compactMap { link in outcomes[link.url].flatMap { finding(link, $0) } }
    }

    func probe(_ text: String) async -> Outcome {
        guard let url = URL(string: text) else { return .unreachable("not a valid URL") }
        guard BoundedHTTP.isAllowed(url) else { return .insecure }
        let head = await status(url, method: "HEAD")
        // Many servers answer HEAD with 403/404/405/501 while GET works.
        if case .success(let code) = head, (200..<400).contains(code) { return .ok }
        switch await status(url, method: "GET") {
        case .success(let code): return (200..<400).contains(code) ? .ok : .status(code)
        case .failure(let error): return .unreachable(error.message)
        }
    }

    /// The status only: the exchange stops at the response head, so an endless or
    /// dripping body costs nothing, and the whole exchange has a deadline.
    func status(_ url: URL, method: String) async -> Result<Int, BoundedHTTPError> {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        request.setValue("cowork-dist link check", forHTTPHeaderField: "User-Agent")
        return await BoundedHTTP(maxBytes: 0, deadline: timeout * 2, statusOnly: true).run(request).map(\.status)
    }

    func finding(_ link: LinkRules.Link, _ outcome: Outcome) -> Finding? {
        switch outcome {
        case .ok:
            return nil
        case .status(let code) where code == 401 || code == 403:
            return Finding(.warning, code: .linkUnauthorized, message: "\(link.url) answered \(code); it may sit behind a login",
                           location: link.location, pointer: link.pointer, hint: "check that users can open it")
        case .status(let code) where code >= 500:
            return Finding(.warning, code: .linkServerError, message: "\(link.url) answered \(code)",
                           location: link.location, pointer: link.pointer, hint: "retry later or fix the server")
        case .status(let code):
            return Finding(.error, code: .linkBroken, message: "\(link.url) answered \(code)",
                           location: link.location, pointer: link.pointer, hint: "fix or replace the link")
        case .insecure:
            return Finding(.warning, code: .linkNotHttps, message: "\(link.url) was not requested: plain http is only checked on loopback",
                           location: link.location, pointer: link.pointer, hint: "use an https link")
        case .unreachable(let reason):
            return Finding(.error, code: .linkUnreachable, message: "\(link.url) could not be reached: \(reason)",
                           location: link.location, pointer: link.pointer, hint: "check the host name, or run without --check-links offline")
        }
    }
}
