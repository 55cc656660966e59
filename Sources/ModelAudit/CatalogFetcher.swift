import Foundation

/// One HTTP GET for a catalog. Header values may hold secrets: they are sent, never
/// stored or printed.
public struct CatalogRequest: Hashable, Sendable {
    public var url: URL
    public var headers: [String: String]
    /// Seconds left for this request, retries included (a paginated walk's one deadline);
    /// nil: the fetcher's own bounds only.
    public var timeLimit: TimeInterval?
    /// Largest body accepted for this request (what a paginated walk has left); nil: the
    /// fetcher's own cap only.
    public var maxBytes: Int?

    public init(url: URL, headers: [String: String] = [:], timeLimit: TimeInterval? = nil, maxBytes: Int? = nil) {
        self.url = url
        self.headers = headers
        self.timeLimit = timeLimit
        self.maxBytes = maxBytes
    }
}

/// Why a fetch failed, in words fit for a finding.
public struct CatalogFetchError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// The last HTTP status, when the server answered.
    public var status: Int?

    public init(_ message: String, status: Int? = nil) {
        self.message = message
        self.status = status
    }

    public var description: String { message }
}

/// Fetches catalog bodies. The audit talks to the network only through this, so tests
/// can inject a fake and the CLI a real HTTP client.
public protocol CatalogFetcher: Sendable {
    func fetch(_ request: CatalogRequest) throws(CatalogFetchError) -> [UInt8]
}

/// A fetcher for `--offline`: every request fails, so only caches and files are used.
public struct OfflineCatalogFetcher: CatalogFetcher {
    public init() {}
    public func fetch(_ request: CatalogRequest) throws(CatalogFetchError) -> [UInt8] {
        throw CatalogFetchError("offline")
    }
}
