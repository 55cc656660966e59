import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches catalogs with URLSession: a per-request timeout, and bounded retries with
/// exponential backoff on network errors, 429 and 5xx (a 4xx other than 429 is final).
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

    public init(timeout: TimeInterval = 20, attempts: Int = 3, backoff: TimeInterval = 1, maxBytes: Int = 256 << 20,
                sleep: @escaping @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.maxBytes = maxBytes
        self.sleep = sleep
    }

    public func fetch(_ request: CatalogRequest) throws(CatalogFetchError) -> [UInt8] {
        var lastError = CatalogFetchError("no attempt made")
        for attempt in 0..<attempts {
            if attempt > 0 { sleep(backoff * Double(1 << (attempt - 1))) }
            switch once(request) {
            case .success(let body): return body
            case .failure(let error):
                lastError = error
                if let status = error.status, status != 429, status < 500 { throw error }
            }
        }
        if attempts > 1 { lastError.message += " (after \(attempts) attempts)" }
        throw lastError
    }

    private func once(_ request: CatalogRequest) -> Result<[UInt8], CatalogFetchError> {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = "GET"
        urlRequest.setValue("application/json", forHTTPHeaderField: "Accept")
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 3
        configuration.urlCache = nil
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }

        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let limit = maxBytes
        let display = Self.display(request.url)
        session.dataTask(with: urlRequest) { data, response, error in
            if let error {
                box.result = .failure(CatalogFetchError("GET \(display) failed: \(error.localizedDescription)"))
            } else if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
                box.result = .failure(CatalogFetchError("GET \(display) answered HTTP \(http.statusCode)", status: http.statusCode))
            } else if let data, data.count > limit {
                box.result = .failure(CatalogFetchError("GET \(display) returned \(data.count) bytes; the limit is \(limit)"))
            } else {
                box.result = .success(Array(data ?? Data()))
            }
            done.signal()
        }.resume()
        done.wait()
        return box.result ?? .failure(CatalogFetchError("GET \(display) produced no response"))
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

/// Carries the completion handler's result back to the waiting thread; the semaphore
/// orders the write before the read.
private final class ResultBox: @unchecked Sendable {
    var result: Result<[UInt8], CatalogFetchError>?
}
