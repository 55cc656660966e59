import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OpenCowork

/// Fetches catalogs with URLSession through `BoundedHTTP` (https only, a size cap on the
/// decoded body, a deadline per attempt, no credentials across origins on redirect),
/// with bounded retries and exponential backoff on network errors, 429 and 5xx (a 4xx
/// other than 429 is final).
public struct CatalogHTTPFetcher: CatalogFetcher {
    public var timeout: TimeInterval
    /// Total attempts, first one included.
    public var attempts: Int
    /// Delay before the second attempt; doubled for each later one.
    public var backoff: TimeInterval
    /// Largest body accepted, so a hostile endpoint cannot exhaust memory.
    public var maxBytes: Int
    /// How to wait between attempts (tests pass a no-op).
    public var sleep: @Sendable (TimeInterval) -> Void

    public init(timeout: TimeInterval = 20, attempts: Int = 3, backoff: TimeInterval = 1, maxBytes: Int = 64 << 20,
                sleep: @escaping @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.maxBytes = maxBytes
        self.sleep = sleep
    }

    public func fetch(_ request: CatalogRequest) throws(CatalogFetchError) -> [UInt8] {
        var lastError = CatalogFetchError("no attempt made")
        let start = ProcessInfo.processInfo.systemUptime
        var made = 0
        func left() -> TimeInterval? { request.timeLimit.map { $0 - (ProcessInfo.processInfo.systemUptime - start) } }
        for attempt in 0..<attempts {
            if attempt > 0 {
                let pause = backoff * Double(1 << (attempt - 1))
                // No retry the caller's deadline cannot wait for.
                if let left = left(), left <= pause { break }
                sleep(pause)
            }
            if let left = left(), left <= 0 { break }
            made += 1
            switch once(request, deadline: min(timeout * 3, left() ?? .infinity)) {
            case .success(let body): return body
            case .failure(let error):
                lastError = error
                if let status = error.status, status != 429, status < 500 { throw error }
            }
        }
        if made == 0 { lastError.message = "GET \(Self.display(request.url)): no time left for a request" }
        if made > 1 { lastError.message += " (after \(made) attempts)" }
        throw lastError
    }

    private func once(_ request: CatalogRequest, deadline: TimeInterval) -> Result<[UInt8], CatalogFetchError> {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = "GET"
        urlRequest.setValue("application/json", forHTTPHeaderField: "Accept")
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        let display = Self.display(request.url)
        // Every header the request carries besides Accept may be a credential: none
        // follows a redirect to another origin.
        let credentials = Set(request.headers.keys.map { $0.lowercased() })
            .union(["authorization", "x-api-key", "cookie", "proxy-authorization"])
        let http = BoundedHTTP(maxBytes: min(maxBytes, request.maxBytes ?? maxBytes), deadline: deadline,
                               credentialHeaders: credentials)
        switch http.run(urlRequest) {
        case .failure(let error):
            return .failure(CatalogFetchError("GET \(display) failed: \(error.message)"))
        case .success(let response) where !(200..<300).contains(response.status):
            return .failure(CatalogFetchError("GET \(display) answered HTTP \(response.status)", status: response.status))
        case .success(let response):
            return .success(response.body)
        }
    }

    /// The URL without its query, which may carry a key.
    static func display(_ url: URL) -> String {
        guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url.absoluteString }
        parts.query = nil
        parts.user = nil
        parts.password = nil
        return parts.string ?? url.absoluteString
    }
}

