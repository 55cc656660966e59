import Diagnostics
import Documents
import Foundation
import Testing
import TestSupport
@testable import OpenCowork

@Suite struct LinkCheckerTests {
    func link(_ url: String, _ pointer: JSONPointer = "/branding/helpUrl") -> LinkRules.Link {
        LinkRules.Link(url: url, pointer: pointer, location: SourceLocation(file: "overlay.json", line: 3, column: 5))
    }

    /// The site the checker probes: `/missing` 404, `/private` 403, `/broken` 500,
    /// `/no-head` 405 to HEAD and 200 to GET, every other path 200.
    func linkServer(delay: TimeInterval = 0) throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer(routes: [
            "/missing": .init(status: 404, text: "missing"),
            "/private": .init(status: 403, text: "private"),
            "/broken": .init(status: 500, text: "broken"),
            "HEAD /no-head": .init(status: 405, text: ""),
        ], fallback: .init(text: "ok"), delay: delay)
    }

    @Test func okMissingAndFallbacks() async throws {
        let server = try linkServer(); defer { server.stop() }
        let checker = LinkChecker(timeout: 5, maxConcurrent: 2)
        let findings = await checker.check([
            link(server.url("/ok")), link(server.url("/missing")), link(server.url("/no-head")),
            link(server.url("/private")), link(server.url("/broken")), link("mailto:help@example.com"),
        ])
        #expect(findings.map(\.code) == ["link-broken", "link-unauthorized", "link-server-error"])
        let broken = try #require(findings.first)
        #expect(broken.severity == .error && broken.message.contains("/missing") && broken.message.contains("404"))
        #expect(broken.location?.line == 3 && broken.pointer == "/branding/helpUrl")
        // HEAD was refused on /no-head, so the checker asked again with GET.
        #expect(server.requestLines.contains("HEAD /no-head") && server.requestLines.contains("GET /no-head"))
        #expect(!server.requestLines.contains("GET /ok"))
    }

    @Test func closedPortIsUnreachable() async {
        let port = LoopbackHTTPServer.closedPort()
        let findings = await LinkChecker(timeout: 5).check([link("http://127.0.0.1:\(port)/")])
        #expect(findings.map(\.code) == ["link-unreachable"])
        #expect(findings.first?.severity == .error)
    }

    @Test func concurrencyIsBounded() async throws {
        let server = try linkServer(delay: 0.05); defer { server.stop() }
        let links = (0..<12).map { link(server.url("/slow/\($0)")) }
        let findings = await LinkChecker(timeout: 10, maxConcurrent: 3).check(links)
        #expect(findings.isEmpty)
        #expect(server.requests.count == 12)
        #expect(server.peakConcurrency >= 1 && server.peakConcurrency <= 3)
    }

    @Test func duplicateURLsAreRequestedOnce() async throws {
        let server = try linkServer(); defer { server.stop() }
        let findings = await LinkChecker().check([link(server.url("/missing")), link(server.url("/missing"), "/branding/supportUrl")])
        #expect(findings.count == 2)
        #expect(server.requestLines == ["HEAD /missing", "GET /missing"])
    }
}

@Suite struct LinkRulesTests {
    func codes(_ json: String) throws -> [String] {
        LinkRules.check(try RulesFixture.context(json)).map(\.code)
    }

    @Test(arguments: [
        (#"{"branding":{"helpUrl":"https://help.example.com"}}"#, [String]()),
        (#"{"branding":{"helpUrl":"http://help.example.com"}}"#, ["link-insecure"]),
        (#"{"branding":{"helpUrl":"http://localhost:3000/help"}}"#, ["link-loopback"]),
        (#"{"branding":{"helpUrl":"https://user:pw@help.example.com"}}"#, ["link-credentials"]),
        (#"{"branding":{"helpUrl":"mailto:help@example.com"}}"#, ["link-scheme"]),
        (#"{"branding":{"supportUrl":"mailto:help@example.com"}}"#, []),
        (#"{"branding":{"supportUrl":"mailto:not-an-address"}}"#, ["link-malformed"]),
        (#"{"branding":{"sidebar":{"lower":{"linkUrl":"ftp://files.example.com"}}}}"#, ["link-scheme"]),
        (#"{"branding":{"legalUrl":"help page"}}"#, ["link-malformed"]),
        (#"{"branding":{"helpUrl":"{env:ACME_HELP_URL}"}}"#, []),
        (#"{"cloudDesktop":{"preconfiguredConnections":[{"baseUrl":"https://a.example"},{"baseUrl":"http://b.example"}]}}"#, ["link-insecure"]),
        (#"{"gateway":{"branding":{"logoUrl":"http://127.0.0.1/logo.png"}}}"#, ["link-loopback"]),
        (#"{"telemetry":{"endpoint":"http://collector.example.com"}}"#, []),
    ])
    func staticLinkRules(_ json: String, _ expected: [String]) throws {
        #expect(try codes(json) == expected)
    }

    @Test func linksAreListedWithPointers() throws {
        let json = #"{"branding":{"helpUrl":"https://h.example","sidebar":{"lower":{"linkUrl":"mailto:a@b.example"}}},"providers":{"descriptors":{"o":{"dynamicCatalog":{"url":"https://c.example/models"}}}}}"#
        let links = LinkRules.links(in: try RulesFixture.context(json))
        #expect(links.map(\.pointer) == ["/branding/helpUrl", "/branding/sidebar/lower/linkUrl", "/providers/descriptors/o/dynamicCatalog/url"])
        #expect(links.allSatisfy { $0.location?.file == "overlay.json" })
    }

    @Test(arguments: [("localhost", true), ("127.0.0.1", true), ("127.1.2.3", true), ("::1", true), ("[::1]", true),
                      ("0.0.0.0", false), ("::", false), ("10.0.0.1", false), ("example.com", false), ("127.0.0.256", false)])
    func loopbackHosts(_ host: String, _ expected: Bool) {
        #expect(LinkRules.isLoopbackHost(host) == expected)
    }
}
