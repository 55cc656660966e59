import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server for hermetic network tests. It listens on 127.0.0.1 only, on an
/// ephemeral port, answers one request per connection (`Connection: close`) on its own
/// thread, and stops itself after `lifetime` seconds or `maxRequests` connections, so a
/// forgotten `stop()` cannot leave it running.
///
/// Answers come from a table: a route key is `"METHOD /path"` or `"/path"`, optionally
/// with the exact query (`"/v1/models?after_id=x"`, for paginated answers); a key with the
/// query wins over one without, the method-specific key over the plain one, and anything
/// unmatched gets `fallback`.
/// HEAD is answered with the headers of the matched response and no body. The server
/// records every request (method, target, lowercased headers) and the largest number of
/// requests it was handling at once.
public final class LoopbackHTTPServer: @unchecked Sendable {
    /// A canned response.
    public struct Response: Sendable {
        /// A hostile body: one that never ends, or one byte every few seconds.
        public enum Stream: Sendable { case endless, drip(TimeInterval) }

        public var status: Int
        public var contentType: String
        public var body: [UInt8]
        /// Extra header lines (e.g. `Location` for a redirect).
        public var headers: [String: String] = [:]
        /// When set, `body` is ignored and no Content-Length is sent.
        public var stream: Stream?

        public init(status: Int = 200, contentType: String, body: [UInt8], headers: [String: String] = [:], stream: Stream? = nil) {
            self.status = status
            self.contentType = contentType
            self.body = body
            self.headers = headers
            self.stream = stream
        }

        /// A redirect to `location`.
        public static func redirect(_ location: String, status: Int = 302) -> Response {
            Response(status: status, contentType: "text/plain", body: [], headers: ["Location": location])
        }

        /// A JSON body.
        public init(status: Int = 200, json: String) {
            self.init(status: status, contentType: "application/json", body: Array(json.utf8))
        }

        /// A plain-text body.
        public init(status: Int = 200, text: String) {
            self.init(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
        }

        /// The default answer for unrouted paths.
        public static let notFound = Response(status: 404, json: #"{"error":"not found"}"#)
    }

    /// One request as received.
    public struct Request: Sendable {
        public var method: String
        /// Path and query as sent.
        public var target: String
        /// Header names lowercased.
        public var headers: [String: String]

        /// `"METHOD target"`, e.g. `"HEAD /missing"`.
        public var line: String { "\(method) \(target)" }
    }

    public enum ServerError: Error { case socket(String) }

    public let port: UInt16
    private let listener: Int32
    private let routes: [String: Response]
    private let fallback: Response
    private let delay: TimeInterval
    private let lock = NSLock()
    private var recorded: [Request] = []
    private var active = 0
    private var peak = 0
    private var stopping = false
    private let acceptLoopDone = DispatchSemaphore(value: 0)
    private let handlers = DispatchGroup()

    /// - Parameters:
    ///   - routes: `"METHOD /path"` or `"/path"` to its response.
    ///   - fallback: the answer when no route matches.
    ///   - delay: seconds each request is held before it is answered (counts as in flight).
    ///   - lifetime: seconds after which the server stops accepting and closes its port. A
    ///     hang guard only (tests stop the server themselves): long, because on a 2-core
    ///     machine the suite's process-running tests can hold the async pool for minutes.
    ///   - maxRequests: connections after which the server stops accepting.
    public init(routes: [String: Response] = [:], fallback: Response = .notFound, delay: TimeInterval = 0,
                lifetime: TimeInterval = 600, maxRequests: Int = 200) throws {
        guard let (fd, port) = Self.bindLoopback(listening: true) else {
            throw ServerError.socket("could not bind and listen on 127.0.0.1")
        }
        self.listener = fd
        self.port = port
        self.routes = routes
        self.fallback = fallback
        self.delay = delay
        let deadline = ContinuousClock.now + .milliseconds(Int(lifetime * 1000))
        Thread.detachNewThread { [self] in
            acceptLoop(until: deadline, maxRequests: maxRequests)
            acceptLoopDone.signal()
        }
    }

    deinit { stop() }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `baseURL` followed by `path`.
    public func url(_ path: String) -> String { baseURL + path }

    /// Requests in arrival order.
    public var requests: [Request] { lock.withLock { recorded } }

    /// `"METHOD target"` of each request in arrival order.
    public var requestLines: [String] { requests.map(\.line) }

    /// The largest number of requests handled at the same time.
    public var peakConcurrency: Int { lock.withLock { peak } }

    /// Stops accepting, closes the port (later connections are refused) and waits for
    /// requests in flight to be answered. Safe to call more than once.
    public func stop() {
        lock.withLock { stopping = true }
        acceptLoopDone.wait()
        acceptLoopDone.signal()  // let every later caller through too
        handlers.wait()
    }

    /// A port on 127.0.0.1 nothing listens on: bound once, then closed. 0 if no socket
    /// could be bound, which is just as unreachable.
    public static func closedPort() -> UInt16 {
        guard let (fd, port) = bindLoopback(listening: false) else { return 0 }
        close(fd)
        return port
    }

    // MARK: - Accept loop

    private func acceptLoop(until deadline: ContinuousClock.Instant, maxRequests: Int) {
        defer { close(listener) }
        var accepted = 0
        // Polling with a short timeout lets the loop notice `stop()` and the deadline.
        while accepted < maxRequests, ContinuousClock.now < deadline, !lock.withLock({ stopping }) {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            accepted += 1
            handlers.enter()
            Thread.detachNewThread { [self] in
                defer { close(client); handlers.leave() }
                serve(client)
            }
        }
    }

    private func serve(_ client: Int32) {
        guard let request = Self.readRequest(from: client) else { return }
        lock.withLock {
            recorded.append(request)
            active += 1
            peak = max(peak, active)
        }
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        let path = String(request.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        let response = routes["\(request.method) \(request.target)"] ?? routes[request.target]
            ?? routes["\(request.method) \(path)"] ?? routes[path] ?? fallback
        lock.withLock { active -= 1 }
        Self.write(response, withBody: request.method != "HEAD", to: client)
    }

    // MARK: - Parsing and writing

    /// Reads the request line and headers (a body, which GET and HEAD do not have, is not read).
    private static func readRequest(from client: Int32) -> Request? {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while data.count < 65_536, !containsHeaderEnd(data) {
            let count = recv(client, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data += buffer[0..<count]
        }
        let lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines.first?.split(separator: " ") ?? []
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Request(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers)
    }

    private static func containsHeaderEnd(_ data: [UInt8]) -> Bool {
        guard data.count >= 4 else { return false }
        for i in 0...(data.count - 4) where data[i] == 13 && data[i + 1] == 10 && data[i + 2] == 13 && data[i + 3] == 10 {
            return true
        }
        return false
    }

    private static let reasons = [200: "OK", 301: "Moved Permanently", 302: "Found", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
                                  500: "Internal Server Error", 503: "Service Unavailable"]

    private static func write(_ response: Response, withBody: Bool, to client: Int32) {
        let reason = reasons[response.status] ?? "Status"
        let extra = response.headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)\r\n" }.joined()
        // HEAD gets the same Content-Length as GET would, without the body.
        let length = response.stream == nil ? "Content-Length: \(response.body.count)\r\n" : ""
        var reply = Array(("HTTP/1.1 \(response.status) \(reason)\r\nContent-Type: \(response.contentType)\r\n"
            + extra + length + "Connection: close\r\n\r\n").utf8)
        if withBody, response.stream == nil { reply += response.body }
        guard sendAll(reply, to: client), withBody, let stream = response.stream else { return }
        // Streams stop when the client goes away (send fails) or after a minute.
        let end = ContinuousClock.now + .seconds(60)
        switch stream {
        case .endless:
            // "Endless" for every cap a test sets (at most a few MiB), yet finite and about
            // 32 MB/s, like a fast real link: on Linux URLSession queues each received chunk
            // for its delegate without back-pressure, so an unthrottled loopback stream
            // (gigabytes a second) only measures how long a cancel takes on a loaded
            // machine, and fills memory meanwhile (docs/robustness.md).
            let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 64 << 10)
            var sent = 0
            while ContinuousClock.now < end, sent < Self.endlessLimit, sendAll(chunk, to: client) {
                sent += chunk.count
                usleep(2_000)
            }
        case .drip(let interval):
            while ContinuousClock.now < end, sendAll([UInt8(ascii: " ")], to: client) { Thread.sleep(forTimeInterval: interval) }
        }
    }

    /// Bytes an `.endless` stream sends at most (32 MiB).
    public static let endlessLimit = 32 << 20

    private static func sendAll(_ bytes: [UInt8], to client: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, sendFlags) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    #if os(Linux)
    private static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    private static let sendFlags: Int32 = 0
    #endif

    // MARK: - Sockets

    /// A TCP socket bound to 127.0.0.1 on an ephemeral port, listening if asked.
    private static func bindLoopback(listening: Bool) -> (fd: Int32, port: UInt16)? {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, !listening || listen(fd, 64) == 0 else { close(fd); return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { close(fd); return nil }
        return (fd, UInt16(bigEndian: address.sin_port))
    }
}
