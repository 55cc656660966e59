import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import Diagnostics
import TestSupport
@testable import ModelAudit
@testable import OpenCowork

/// Network reads are bounded: https only (loopback excepted), credentials never follow a
/// redirect to another origin, and neither an endless nor a dripping body can keep the
/// tool busy or grow its memory without limit.
@Suite("Bounded HTTP", .serialized)
struct BoundedHTTPTests {
    let catalog = #"{"data":[]}"#

    @Test func plainHTTPIsOnlyAllowedOnLoopback() throws {
        #expect(BoundedHTTP.isAllowed(try #require(URL(string: "https://example.com/x"))))
        #expect(BoundedHTTP.isAllowed(try #require(URL(string: "http://127.0.0.1:8080/x"))))
        #expect(BoundedHTTP.isAllowed(try #require(URL(string: "http://localhost/x"))))
        #expect(!BoundedHTTP.isAllowed(try #require(URL(string: "http://example.com/x"))))
        #expect(!BoundedHTTP.isAllowed(try #require(URL(string: "file:///etc/passwd"))))
        // The loader refuses before any request is made.
        let loader = CatalogLoader(fetcher: CatalogHTTPFetcher(attempts: 1), cache: nil, now: { Date() })
        var notes: [Finding] = []
        let result = loader.load(provider: "p", from: .http(url: "http://example.com/models", spec: CatalogSpec(url: "http://example.com/models")),
                                 notes: &notes)
        guard case .failure(let failure) = result else { Issue.record("plain http was fetched"); return }
        #expect(failure.message.contains("plain http"))
    }

    @Test func credentialsDoNotFollowARedirectToAnotherOrigin() throws {
        let other = try LoopbackHTTPServer(routes: ["/models": .init(json: catalog)])
        defer { other.stop() }
        let first = try LoopbackHTTPServer(routes: ["/models": .redirect(other.url("/models")),
                                                    "/same": .redirect("/models-here"),
                                                    "/models-here": .init(json: catalog)])
        defer { first.stop() }
        let fetcher = CatalogHTTPFetcher(timeout: 5, attempts: 1)
        let headers = ["Authorization": "Bearer secret-value-123", "X-Custom-Key": "k-123"]
        let body = try fetcher.fetch(CatalogRequest(url: try #require(URL(string: first.url("/models"))), headers: headers))
        #expect(body == Array(catalog.utf8))
        #expect(first.requests.first?.headers["authorization"] == "Bearer secret-value-123")
        let forwarded = try #require(other.requests.first)
        #expect(forwarded.headers["authorization"] == nil)
        #expect(forwarded.headers["x-custom-key"] == nil)
        // Within one origin the credential stays.
        _ = try fetcher.fetch(CatalogRequest(url: try #require(URL(string: first.url("/same"))), headers: headers))
        #expect(first.requests.last?.target == "/models-here")
        #expect(first.requests.last?.headers["authorization"] == "Bearer secret-value-123")
    }

    @Test func anEndlessBodyStopsAtTheSizeCap() throws {
        let server = try LoopbackHTTPServer(routes: ["/models": .init(contentType: "application/json", body: [], stream: .endless)])
        defer { server.stop() }
        let fetcher = CatalogHTTPFetcher(timeout: 20, attempts: 1, maxBytes: 1 << 20)
        let url = try #require(URL(string: server.url("/models")))
        do throws(CatalogFetchError) {
            _ = try fetcher.fetch(CatalogRequest(url: url, headers: [:]))
            Issue.record("an endless body was accepted")
        } catch {
            #expect(error.message.contains("exceeds"), "\(error.message)")
        }
    }

    @Test func aGzipBombIsCappedAtItsDecodedSize() throws {
        // 2 MB of 'a' in about 13 KB of gzip, against a 256 KB cap: the wire bytes fit,
        // the decoded ones do not. The bomb is finite, so even a client that buffered
        // everything could not hold more than 2 MB.
        let cap = 256 << 10
        let bomb = GzipRun.make(byte: UInt8(ascii: "a"), atLeast: 2 << 20)
        let small = GzipRun.make(byte: UInt8(ascii: "b"), atLeast: 100_000)
        #expect(bomb.gzip.count < cap / 8 && bomb.inflatedSize > 4 * cap)
        let server = try LoopbackHTTPServer(routes: [
            "/bomb": .init(contentType: "application/json", body: bomb.gzip, headers: ["Content-Encoding": "gzip"]),
            "/small": .init(contentType: "application/json", body: small.gzip, headers: ["Content-Encoding": "gzip"]),
        ])
        defer { server.stop() }
        let http = BoundedHTTP(maxBytes: cap, deadline: 20)
        // Control: a gzip answer under the cap comes back decoded, so the client does
        // decode and the cap below is met by decoded bytes, not by wire bytes.
        let decoded = try http.run(URLRequest(url: try #require(URL(string: server.url("/small"))))).get()
        #expect(decoded.body.count == small.inflatedSize)
        #expect(decoded.body.allSatisfy { $0 == UInt8(ascii: "b") })
        switch http.run(URLRequest(url: try #require(URL(string: server.url("/bomb"))))) {
        case .success(let response):
            Issue.record("a gzip bomb was accepted: \(response.body.count) bytes")
        case .failure(let error):
            #expect(error.message == "the answer exceeds \(cap) bytes", "\(error.message)")
        }
        #expect(server.requests.map(\.target) == ["/small", "/bomb"])
    }

    @Test func aDrippingBodyStopsAtTheDeadline() throws {
        let server = try LoopbackHTTPServer(routes: ["/models": .init(contentType: "application/json", body: [], stream: .drip(0.3))])
        defer { server.stop() }
        // Deadline = 3 × timeout; each byte arrives well within the per-read timeout.
        let fetcher = CatalogHTTPFetcher(timeout: 1, attempts: 1)
        let url = try #require(URL(string: server.url("/models")))
        do throws(CatalogFetchError) {
            _ = try fetcher.fetch(CatalogRequest(url: url, headers: [:]))
            Issue.record("a dripping body was accepted")
        } catch {
            #expect(error.message.contains("no complete answer"), "\(error.message)")
        }
    }

    @Test func linkChecksNeedNoBody() async throws {
        let server = try LoopbackHTTPServer(routes: ["/page": .init(contentType: "text/html", body: [], stream: .endless)])
        defer { server.stop() }
        let link = LinkRules.Link(url: server.url("/page"), pointer: "/branding/supportUrl", location: nil)
        let findings = await LinkChecker(timeout: 5).check([link])
        #expect(findings.isEmpty, "\(findings)")
        let insecure = await LinkChecker(timeout: 5).check([LinkRules.Link(url: "http://example.invalid/", pointer: "/x", location: nil)])
        #expect(insecure.map(\.code) == ["link-not-https"])
    }
}
