import Foundation
import Testing
import Documents
import Diagnostics
import ManagedPolicy
import TestSupport
@testable import ModelAudit

/// A 3P gateway's `/v1/models` is followed page by page (`has_more`, `last_id`,
/// `after_id`), and the walk is bounded however the server behaves.
@Suite("Catalog pagination", .serialized)
struct CatalogPagingTests {
    static let fixtures = SharedData.projectRoot.appendingPathComponent("Tests/Fixtures/catalogs")

    static func page(_ number: Int) throws -> LoopbackHTTPServer.Response {
        let url = fixtures.appendingPathComponent("gateway-models-page-\(number).json")
        return .init(contentType: "application/json", body: Array(try Data(contentsOf: url)))
    }

    func policy(gateway: String, models: [String]) throws -> ManagedPolicy {
        let text = """
        inferenceProvider: gateway
        inferenceGatewayBaseUrl: \(gateway)
        inferenceGatewayApiKey: gw-key-1
        inferenceGatewayAuthScheme: x-api-key
        inferenceModels: [\(models.joined(separator: ", "))]
        """
        let document = try DocumentLoader().parse(bytes: Array(text.utf8), format: .yaml, file: "managed.yaml")
        return try #require(try PolicyLoader.bundled().policy(from: document).policy)
    }

    func loader(cache: URL) -> CatalogLoader {
        CatalogLoader(fetcher: CatalogHTTPFetcher(timeout: 5, attempts: 1, backoff: 0, sleep: { _ in }),
                      cache: CatalogCache(directory: cache), now: { Date(timeIntervalSince1970: 1_780_000_000) })
    }

    @Test func everyPageIsReadAndTheMergedBodyIsWhatIsKept() throws {
        let server = try LoopbackHTTPServer(routes: [
            "/v1/models?limit=1000": try Self.page(1),
            "/v1/models?limit=1000&after_id=claude-sonnet-4-5-20250929": try Self.page(2),
            "/v1/models?limit=1000&after_id=claude-sonnet-4-20250514": try Self.page(3),
        ])
        defer { server.stop() }
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        // The first and the last page each hold one of the models.
        let input = ModelAuditInput(policy: try policy(gateway: server.baseURL + "/v1",
                                                       models: ["claude-opus-4-1-20250805", "claude-3-5-haiku-20241022", "claude-sonnet-4"]))
        let report = ModelAuditStage(loader: loader(cache: cache.url)).run(input)
        #expect(server.requests.map(\.target) == ["/v1/models?limit=1000",
                                                  "/v1/models?limit=1000&after_id=claude-sonnet-4-5-20250929",
                                                  "/v1/models?limit=1000&after_id=claude-sonnet-4-20250514"])
        #expect(server.requests.allSatisfy { $0.headers["x-api-key"] == "gw-key-1" })
        let loaded = try #require(report.catalogs.first)
        #expect(loaded.catalog.count == 5)
        #expect(report.findings.map(\.code) == ["model-missing"])
        #expect(report.findings.first?.message.contains("'claude-sonnet-4'") == true)
        #expect(report.findings.first?.hint?.contains("claude-sonnet-4-20250514") == true)
        // The kept body (cache, --save-catalogs) is one list that reads back as a snapshot.
        let saved = try JSONReader().read(bytes: loaded.body).value
        #expect(saved["data"]?.arrayValue?.count == 5)
        #expect(saved["has_more"]?.boolValue == false)
        let snapshot = try CatalogParser(spec: CatalogSpec.detected).parse(loaded.body, provider: "gateway")
        #expect(snapshot.count == 5)
    }

    @Test func aRepeatedCursorStopsTheWalk() throws {
        // Page 2 answers with page 1's cursor again: following it would never end.
        let repeating = #"{"data":[{"id":"m-3"}],"has_more":true,"last_id":"claude-sonnet-4-5-20250929"}"#
        let server = try LoopbackHTTPServer(routes: [
            "/v1/models?limit=1000": try Self.page(1),
            "/v1/models?limit=1000&after_id=claude-sonnet-4-5-20250929": .init(json: repeating),
        ])
        defer { server.stop() }
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        let input = ModelAuditInput(policy: try policy(gateway: server.baseURL, models: ["claude-opus-4-1-20250805"]))
        let report = ModelAuditStage(loader: loader(cache: cache.url)).run(input)
        #expect(server.requests.count == 2)
        #expect(report.catalogs.isEmpty)
        let finding = try #require(report.findings.first { $0.code == "model-catalog-unavailable" })
        #expect(finding.message.contains("repeats the cursor"), "\(finding.message)")
    }

    /// Serves `has_more: true` forever with a fresh cursor each time, `size` bytes a page.
    final class EndlessPages: CatalogFetcher, @unchecked Sendable {
        let lock = NSLock()
        var urls: [URL] = []
        var limits: [(time: TimeInterval?, bytes: Int?)] = []
        let cursor: (Int) -> String?

        init(cursor: @escaping (Int) -> String? = { "m-\($0)" }) { self.cursor = cursor }

        func fetch(_ request: CatalogRequest) throws(CatalogFetchError) -> [UInt8] {
            let n = lock.withLock { urls.append(request.url); limits.append((request.timeLimit, request.maxBytes)); return urls.count }
            let last = cursor(n).map { #""\#($0)""# } ?? "null"
            return Array(#"{"data":[{"id":"m-\#(n)","pad":"\#(String(repeating: "x", count: 200))"}],"has_more":true,"last_id":\#(last)}"#.utf8)
        }
    }

    func pager(_ fetcher: some CatalogFetcher, _ configure: (inout CatalogPagination) -> Void,
               uptime: @escaping @Sendable () -> TimeInterval = { 0 }) -> CatalogPager {
        var pagination = CatalogPagination.anthropic
        configure(&pagination)
        return CatalogPager(fetcher: fetcher, pagination: pagination, arrayKey: "data", uptime: uptime)
    }

    func failure(_ pager: CatalogPager) throws -> CatalogFetchError {
        let url = try #require(URL(string: "https://gw.example/v1/models?limit=1000"))
        do throws(CatalogFetchError) {
            _ = try pager.fetch(CatalogRequest(url: url))
            Issue.record("an endless list was accepted")
            return CatalogFetchError("accepted")
        } catch {
            return error
        }
    }

    @Test func thePageCountIsCapped() throws {
        let fetcher = EndlessPages()
        let error = try failure(pager(fetcher) { $0.maxPages = 5 })
        #expect(fetcher.urls.count == 5)
        #expect(error.message.contains("more than 5 pages"), "\(error.message)")
        #expect(fetcher.urls.last?.query == "limit=1000&after_id=m-4")
    }

    @Test func theBytesOverAllPagesAreCapped() throws {
        let fetcher = EndlessPages()
        let error = try failure(pager(fetcher) { $0.maxTotalBytes = 1_000 })
        #expect(fetcher.urls.count == 4)
        #expect(error.message.contains("exceed 1000 bytes"), "\(error.message)")
        // Each request is told what is left of the byte budget.
        #expect(fetcher.limits.compactMap(\.bytes).allSatisfy { $0 <= 1_000 })
        #expect(fetcher.limits.compactMap(\.bytes) == fetcher.limits.compactMap(\.bytes).sorted(by: >))
    }

    @Test func oneDeadlineCoversEveryPage() throws {
        // A clock that advances 10 s per reading: the walk stops once 25 s have gone.
        final class Clock: @unchecked Sendable {
            let lock = NSLock()
            var now: TimeInterval = 0
            func read() -> TimeInterval { lock.withLock { defer { now += 10 }; return now } }
        }
        let clock = Clock()
        let fetcher = EndlessPages()
        let error = try failure(pager(fetcher, { $0.deadline = 25 }, uptime: { clock.read() }))
        #expect(error.message.contains("no complete list within 25 s"), "\(error.message)")
        #expect(fetcher.urls.count == 2)
        #expect(fetcher.limits.allSatisfy { ($0.time ?? .infinity) <= 25 })
    }

    @Test func hasMoreWithoutACursorIsAnError() throws {
        let fetcher = EndlessPages(cursor: { _ in nil })
        let error = try failure(pager(fetcher) { _ in })
        #expect(fetcher.urls.count == 1)
        #expect(error.message.contains("gives no last_id"), "\(error.message)")
    }

    @Test func theCursorIsPercentEncoded() throws {
        let base = try #require(URL(string: "https://gw.example/v1/models?limit=1000&after_id=old"))
        let next = try #require(CatalogPager.url(base, setting: "after_id", to: "a+b&c=d/é"))
        #expect(next.query == "limit=1000&after_id=a%2Bb%26c%3Dd/%C3%A9")
    }
}
