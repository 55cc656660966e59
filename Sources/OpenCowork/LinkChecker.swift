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
/// Only http(s) links are requested; mailto: and malformed links are the static
/// rules' business.
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
    }

    /// Checks every distinct URL once and returns findings in the order of `links`.
    public func check(_ links: [LinkRules.Link]) async -> [Finding] {
        let targets = links.filter { link in
            let lower = link.url.lowercased()
            return lower.hasPrefix("https://") || lower.hasPrefix("http://")
        }
        var unique: [String] = []
        for link in targets where !unique.contains(link.url) { unique.append(link.url) }

        let session = URLSession(configuration: configuration())
        defer { session.finishTasksAndInvalidate() }
        var outcomes: [String: Outcome] = [:]
        await withTaskGroup(of: (String, Outcome).self) { group in
            var next = 0
            // Keep at most maxConcurrent tasks alive: start that many, then one per completion.
            while next < unique.count && next < maxConcurrent {
                let url = unique[next]
                group.addTask { (url, await self.probe(url, session: session)) }
                next += 1
            }
            while let (url, outcome) = await group.next() {
                outcomes[url] = outcome
                if next < unique.count {
                    let url = unique[next]
                    group.addTask { (url, await self.probe(url, session: session)) }
                    next += 1
                }
            }
        }
        return targets.compactMap { link in outcomes[link.url].flatMap { finding(link, $0) } }
    }

    func configuration() -> URLSessionConfiguration {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 2
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpAdditionalHeaders = ["User-Agent": "cowork-dist link check"]
        return configuration
    }

    func probe(_ text: String, session: URLSession) async -> Outcome {
        guard let url = URL(string: text) else { return .unreachable("not a valid URL") }
        do {
            let head = try await status(url, method: "HEAD", session: session)
            // Many servers answer HEAD with 403/404/405/501 while GET works.
            if (200..<400).contains(head) { return .ok }
            let get = try await status(url, method: "GET", session: session)
            return (200..<400).contains(get) ? .ok : .status(get)
        } catch {
            return .unreachable(error.localizedDescription)
        }
    }

    func status(_ url: URL, method: String, session: URLSession) async throws -> Int {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        let (_, response) = try await session.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    func finding(_ link: LinkRules.Link, _ outcome: Outcome) -> Finding? {
        switch outcome {
        case .ok:
            return nil
        case .status(let code) where code == 401 || code == 403:
            return Finding(.warning, code: "link-unauthorized", message: "\(link.url) answered \(code); it may sit behind a login",
                           location: link.location, pointer: link.pointer, hint: "check that users can open it")
        case .status(let code) where code >= 500:
            return Finding(.warning, code: "link-server-error", message: "\(link.url) answered \(code)",
                           location: link.location, pointer: link.pointer, hint: "retry later or fix the server")
        case .status(let code):
            return Finding(.error, code: "link-broken", message: "\(link.url) answered \(code)",
                           location: link.location, pointer: link.pointer, hint: "fix or replace the link")
        case .unreachable(let reason):
            return Finding(.error, code: "link-unreachable", message: "\(link.url) could not be reached: \(reason)",
                           location: link.location, pointer: link.pointer, hint: "check the host name, or run without --check-links offline")
        }
    }
}
