import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP request with every bound a hostile server could otherwise break: the body
/// (after content decoding, so a gzip bomb counts at its real size) is capped while it
/// streams in, the whole exchange has a deadline however slowly bytes drip, redirects
/// are limited in number, never leave https (plain http only on loopback) and never
/// carry credentials to another origin. `LinkChecker` and `CatalogHTTPFetcher` both go
/// through it.
public struct BoundedHTTP: Sendable {
    /// The answer: status and (unless `statusOnly`) the body.
    public struct Response: Sendable {
        public var status: Int
        public var body: [UInt8]
    }

    /// Largest body accepted, decoded.
    public var maxBytes: Int
    /// Seconds for the whole exchange, redirects and body included.
    public var deadline: TimeInterval
    public var maxRedirects: Int
    /// Header names (case-insensitive) dropped when a redirect leaves the origin.
    public var credentialHeaders: Set<String>
    /// Stop as soon as the status is known (link checks need no body).
    public var statusOnly: Bool

    public init(maxBytes: Int = 64 << 20, deadline: TimeInterval = 60, maxRedirects: Int = 5,
                credentialHeaders: Set<String> = ["authorization", "x-api-key", "cookie", "proxy-authorization"],
                statusOnly: Bool = false) {
        self.maxBytes = max(0, maxBytes)
        self.deadline = deadline
        self.maxRedirects = maxRedirects
        self.credentialHeaders = Set(credentialHeaders.map { $0.lowercased() })
        self.statusOnly = statusOnly
    }

    /// True for `https`, and for `http` to a loopback host (local test servers).
    public static func isAllowed(_ url: URL) -> Bool {
        switch url.scheme?.lowercased() {
        case "https": return url.host != nil
        case "http": return url.host.map(isLoopback) ?? false
        default: return false
        }
    }

    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return h == "localhost" || h == "::1" || h.hasPrefix("127.")
    }

    static func origin(_ url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : 0)
        return "\(scheme)://\(url.host?.lowercased() ?? ""):\(port)"
    }

    /// Runs the request, blocking the calling thread until it ends or the deadline passes.
    public func run(_ request: URLRequest) -> Result<Response, BoundedHTTPError> {
        let done = DispatchSemaphore(value: 0)
        let box = Box()
        start(request) { result in
            box.set(result)
            done.signal()
        }
        done.wait()
        return box.get() ?? .failure(BoundedHTTPError("no answer"))
    }

    /// Runs the request without blocking a thread.
    public func run(_ request: URLRequest) async -> Result<Response, BoundedHTTPError> {
        await withCheckedContinuation { continuation in
            start(request) { continuation.resume(returning: $0) }
        }
    }

    /// Starts the exchange; `completion` is called exactly once.
    func start(_ request: URLRequest, completion: @escaping @Sendable (Result<Response, BoundedHTTPError>) -> Void) {
        guard let url = request.url, BoundedHTTP.isAllowed(url) else {
            completion(.failure(BoundedHTTPError("only https URLs are fetched (plain http only on loopback)")))
            return
        }
        let exchange = Exchange(bounds: self, origin: BoundedHTTP.origin(url), completion: completion)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = deadline
        configuration.timeoutIntervalForResource = deadline
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        // A serial delegate queue of its own, at a higher priority than the default: the
        // sooner the delegate sees the cap passed, the sooner the transfer is stopped.
        let delegateQueue = OperationQueue()
        delegateQueue.maxConcurrentOperationCount = 1
        delegateQueue.qualityOfService = .userInitiated
        let session = URLSession(configuration: configuration, delegate: exchange, delegateQueue: delegateQueue)
        let task = session.dataTask(with: request)
        exchange.attach(session: session, task: task)
        DispatchQueue.global().asyncAfter(deadline: .now() + deadline) { [weak exchange] in
            exchange?.finish(.failure(BoundedHTTPError("no complete answer within \(Int(deadline)) s")))
        }
        task.resume()
    }

    private final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var result: Result<Response, BoundedHTTPError>?
        func set(_ r: Result<Response, BoundedHTTPError>) { lock.lock(); result = r; lock.unlock() }
        func get() -> Result<Response, BoundedHTTPError>? { lock.lock(); defer { lock.unlock() }; return result }
    }
}

/// Why a bounded request failed (the message never holds header values).
public struct BoundedHTTPError: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// The delegate of one exchange; every callback and the deadline race for `finish`,
/// and only the first one counts.
fileprivate final class Exchange: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let bounds: BoundedHTTP
    let origin: String
    let lock = NSLock()
    var completion: (@Sendable (Result<BoundedHTTP.Response, BoundedHTTPError>) -> Void)?
    var session: URLSession?
    var task: URLSessionDataTask?
    var body: [UInt8] = []
    var status = 0
    var redirects = 0

    init(bounds: BoundedHTTP, origin: String,
         completion: @escaping @Sendable (Result<BoundedHTTP.Response, BoundedHTTPError>) -> Void) {
        self.bounds = bounds
        self.origin = origin
        self.completion = completion
    }

    func attach(session: URLSession, task: URLSessionDataTask) {
        lock.lock()
        self.session = session
        self.task = task
        lock.unlock()
    }

    func finish(_ result: Result<BoundedHTTP.Response, BoundedHTTPError>) {
        lock.lock()
        let done = completion
        completion = nil
        let task = self.task, session = self.session
        self.task = nil
        self.session = nil
        lock.unlock()
        guard let done else { return }
        task?.cancel()
        session?.invalidateAndCancel()
        done(result)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        lock.lock()
        redirects += 1
        let count = redirects
        lock.unlock()
        guard count <= bounds.maxRedirects else {
            completionHandler(nil)
            finish(.failure(BoundedHTTPError("more than \(bounds.maxRedirects) redirects")))
            return
        }
        guard let url = request.url, BoundedHTTP.isAllowed(url) else {
            completionHandler(nil)
            finish(.failure(BoundedHTTPError("redirected to a URL that is not https")))
            return
        }
        var next = request
        if BoundedHTTP.origin(url) != origin {
            // Credentials were meant for the first origin only.
            for (name, _) in next.allHTTPHeaderFields ?? [:] where bounds.credentialHeaders.contains(name.lowercased()) {
                next.setValue(nil, forHTTPHeaderField: name)
            }
        }
        completionHandler(next)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let code = (response as? HTTPURLResponse)?.statusCode ?? 0
        if bounds.statusOnly {
            completionHandler(.cancel)
            finish(.success(BoundedHTTP.Response(status: code, body: [])))
            return
        }
        if response.expectedContentLength > Int64(bounds.maxBytes) {
            completionHandler(.cancel)
            finish(.failure(BoundedHTTPError("the answer announces \(response.expectedContentLength) bytes; the limit is \(bounds.maxBytes)")))
            return
        }
        lock.lock()
        status = code
        lock.unlock()
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        // FoundationNetworking queues every chunk for this delegate without back-pressure,
        // and a cancelled transfer goes on delivering until the cancel reaches its work
        // queue (tens of milliseconds idle, seconds on a loaded machine). So a finished
        // exchange drops what still arrives and the body never grows past the cap; the
        // chunks still queued are freed as the queue drains (see docs/robustness.md).
        lock.lock()
        guard completion != nil else { lock.unlock(); return }
        let fits = data.count <= bounds.maxBytes - body.count
        if fits { data.withUnsafeBytes { body.append(contentsOf: $0) } }
        lock.unlock()
        if !fits {
            finish(.failure(BoundedHTTPError("the answer exceeds \(bounds.maxBytes) bytes")))
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if let error {
            finish(.failure(BoundedHTTPError(error.localizedDescription)))
            return
        }
        lock.lock()
        let response = BoundedHTTP.Response(status: status, body: body)
        lock.unlock()
        finish(.success(response))
    }
}
