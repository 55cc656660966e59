import Foundation
import Testing
import Documents
import Diagnostics
import Packaging
import ManagedPolicy
import TestSupport
@testable import ModelAudit

/// The audit against a real HTTP server on 127.0.0.1, serving catalogs in OpenRouter's
/// and Anthropic's shapes.
@Suite("Model audit over HTTP", .serialized)
struct ModelAuditHTTPTests {
    static let featured = ["deepseek/deepseek-v4-flash", "anthropic/claude-sonnet-4", "openai/gpt-5.5"]
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    func loader(cache: URL, at time: Date, environment: [String: String] = [:], attempts: Int = 2,
                allowedNames: Set<String>? = ["OR_TEST_KEY"]) -> CatalogLoader {
        CatalogLoader(fetcher: CatalogHTTPFetcher(timeout: 5, attempts: attempts, backoff: 0, sleep: { _ in }),
                      cache: CatalogCache(directory: cache), environment: environment, allowedNames: allowedNames, now: { time })
    }

    /// A loopback OpenRouter catalog listing the featured ids.
    static func featuredCatalogServer() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer(routes: ["/api/v1/models": .init(json: CatalogFixtures.openRouter(ids: featured))])
    }

    /// A config whose OpenRouter catalog is `server`, sent with `Bearer {env:OR_TEST_KEY}`.
    static func configWithAuthHeader(_ server: LoopbackHTTPServer) -> String {
        CatalogFixtures.config(catalogURL: server.baseURL + "/api/v1/models", featured: featured,
                               defaultModel: "openai/gpt-5.5", authHeader: "Bearer {env:OR_TEST_KEY}")
    }

    func audit(_ text: String, loader: CatalogLoader, options: ModelAuditOptions = ModelAuditOptions()) throws -> ModelAuditReport {
        let document = try DocumentLoader().parse(bytes: Array(text.utf8), format: .json, file: "config.json")
        let input = ModelAuditInput(config: document.value, locateInConfig: ModelAuditInput.locator(for: document))
        return ModelAuditStage(loader: loader).run(input, options: options)
    }

    /// 1-based line of the first line containing `needle`.
    func line(of needle: String, in text: String) -> Int? {
        text.components(separatedBy: "\n").firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }

    @Test func allFeaturedPresentIsClean() throws {
        let body = CatalogFixtures.openRouter(ids: Self.featured + ["qwen/qwen3-coder-flash"])
        let server = try LoopbackHTTPServer(routes: ["/api/v1/models": .init(json: body)])
        defer { server.stop() }
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        let config = CatalogFixtures.config(catalogURL: server.baseURL + "/api/v1/models", featured: Self.featured,
                                            defaultModel: "deepseek/deepseek-v4-flash")
        let report = try audit(config, loader: loader(cache: cache.url, at: Self.t0))
        #expect(report.findings.isEmpty, "\(report.findings)")
        #expect(report.findings.exitStatus(strict: true) == 0)
        #expect(report.referenceCount == 5)  // 3 featured, provider default, app default
        let used = try #require(report.catalogs.first)
        #expect(used.origin == .live)
        #expect(used.catalog.count == 4)
        #expect(used.sha256 == SHA256Digest.hex(of: Array(body.utf8)))
        #expect(server.requests.count == 1)
        #expect(server.requests.first?.headers["authorization"] == nil)
    }

    @Test func missingFeaturedIdIsAnErrorWithLocationAndSuggestion() throws {
        let live = ["deepseek/deepseek-v4-flash", "anthropic/claude-sonnet-4.5", "anthropic/claude-opus-4.1", "openai/gpt-5.5"]
        let server = try LoopbackHTTPServer(routes: ["/api/v1/models": .init(json: CatalogFixtures.openRouter(ids: live))])
        defer { server.stop() }
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        let config = CatalogFixtures.config(catalogURL: server.baseURL + "/api/v1/models", featured: Self.featured,
                                            defaultModel: "deepseek/deepseek-v4-flash")
        let report = try audit(config, loader: loader(cache: cache.url, at: Self.t0))
        let missing = report.findings.filter { $0.code == "model-missing" }
        #expect(missing.count == 1)
        let finding = try #require(missing.first)
        #expect(finding.severity == .error)
        #expect(finding.message.contains("'anthropic/claude-sonnet-4'"))
        #expect(finding.location?.file == "config.json")
        #expect(finding.location?.line == line(of: #""id": "anthropic/claude-sonnet-4""#, in: config))
        #expect(finding.pointer?.description == "/providers/descriptors/openrouter/models/1/id")
        #expect(finding.hint?.contains("'anthropic/claude-sonnet-4.5'") == true)
        #expect(report.findings.exitStatus(strict: false) == 1)
    }

    @Test func serverDownFallsBackToCacheWithAFinding() throws {
        let live = ["deepseek/deepseek-v4-flash", "openai/gpt-5.5", "anthropic/claude-sonnet-4-20250514"]
        let server = try LoopbackHTTPServer(routes: ["/api/v1/models": .init(json: CatalogFixtures.openRouter(ids: live))])
        let url = server.baseURL + "/api/v1/models"
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        let config = CatalogFixtures.config(catalogURL: url, featured: Self.featured, defaultModel: "deepseek/deepseek-v4-flash")

        let first = try audit(config, loader: loader(cache: cache.url, at: Self.t0))
        #expect(first.catalogs.first?.origin == .live)
        server.stop()

        // Within cacheTtlMinutes the cache is used without touching the network.
        let fresh = try audit(config, loader: loader(cache: cache.url, at: Self.t0.addingTimeInterval(10 * 60)))
        #expect(fresh.catalogs.first?.origin == .cache)
        #expect(!fresh.findings.contains { $0.code.hasPrefix("model-catalog") })

        // Past the TTL the fetch is tried, fails, and the cached copy is used, with a finding.
        let later = try audit(config, loader: loader(cache: cache.url, at: Self.t0.addingTimeInterval(3 * 3600)))
        let fallback = try #require(later.findings.first { $0.code == "model-catalog-fetch-failed" })
        #expect(fallback.severity == .warning)
        #expect(fallback.message.contains("openrouter"))
        #expect(later.catalogs.first?.origin == .cache)
        #expect(later.catalogs.first?.sha256 == first.catalogs.first?.sha256)
        // The cached catalog still drives verdicts: the retired id is reported.
        let missing = later.findings.filter { $0.code == "model-missing" }
        #expect(missing.map(\.message).contains { $0.contains("anthropic/claude-sonnet-4'") })
        #expect(missing.first?.hint?.contains("anthropic/claude-sonnet-4-20250514") == true)

        // With no cache at all, the provider cannot be audited: a warning, or an error on request.
        let empty = try TemporaryDirectory()
        defer { empty.remove() }
        let none = try audit(config, loader: loader(cache: empty.url, at: Self.t0))
        #expect(none.findings.map(\.code) == ["model-catalog-unavailable"])
        #expect(none.findings.first?.severity == .warning)
        let required = try audit(config, loader: loader(cache: empty.url, at: Self.t0),
                                 options: ModelAuditOptions(requireCatalogs: true))
        #expect(required.findings.first?.severity == .error)
    }

    @Test func authHeaderIsSentFromTheInjectedEnvironmentAndNeverCached() throws {
        let server = try Self.featuredCatalogServer()
        defer { server.stop() }
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        let config = Self.configWithAuthHeader(server)
        let report = try audit(config, loader: loader(cache: cache.url, at: Self.t0,
                                                      environment: ["OR_TEST_KEY": "sk-or-secret-123"]))
        #expect(report.findings.isEmpty, "\(report.findings)")
        #expect(server.requests.first?.headers["authorization"] == "Bearer sk-or-secret-123")
        for name in try FileManager.default.contentsOfDirectory(atPath: cache.path) {
            let text = try String(contentsOf: cache.file(name), encoding: .utf8)
            #expect(!text.contains("sk-or-secret-123"), "\(name) holds the secret")
        }

        // Unset variable: a warning, and the request goes out without the header.
        let other = try TemporaryDirectory()
        defer { other.remove() }
        let unset = try audit(config, loader: loader(cache: other.url, at: Self.t0))
        #expect(unset.findings.map(\.code) == ["model-catalog-auth-unset"])
        #expect(server.requests.last?.headers["authorization"] == nil)
    }

    @Test func aNameOutsideTheAllowlistIsNeverResolvedNorSent() throws {
        let server = try Self.featuredCatalogServer()
        defer { server.stop() }
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        let config = Self.configWithAuthHeader(server)
        let report = try audit(config, loader: loader(cache: cache.url, at: Self.t0,
                                                      environment: ["OR_TEST_KEY": "sk-or-secret-123"], allowedNames: []))
        #expect(report.findings.map(\.code) == ["model-catalog-auth-not-allowed"])
        #expect(server.requests.count == 1)
        #expect(server.requests.first?.headers["authorization"] == nil)
    }

    @Test func serverErrorsAreRetriedThenReported() throws {
        let server = try LoopbackHTTPServer(routes: ["/api/v1/models": .init(status: 503, json: "{}")])
        defer { server.stop() }
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        let config = CatalogFixtures.config(catalogURL: server.baseURL + "/api/v1/models", featured: Self.featured,
                                            defaultModel: "openai/gpt-5.5")
        let report = try audit(config, loader: loader(cache: cache.url, at: Self.t0, attempts: 3))
        #expect(server.requests.count == 3)
        let finding = try #require(report.findings.first { $0.code == "model-catalog-unavailable" })
        #expect(finding.message.contains("503"))
    }

    /// The key goes as the app sends it: `bearer` is the app's default when the scheme is unset.
    @Test(arguments: [("x-api-key", "x-api-key", "gw-key-1"), ("bearer", "authorization", "Bearer gw-key-1"),
                      ("", "authorization", "Bearer gw-key-1")])
    func gatewayCatalogUsesTheConfiguredAuthScheme(_ item: (scheme: String, header: String, expected: String)) throws {
        let (scheme, header, expected) = item
        let ids = ["claude-sonnet-4-5-20250929", "claude-opus-4-1-20250805", "claude-sonnet-4-20250514"]
        let server = try LoopbackHTTPServer(routes: ["/v1/models": .init(json: CatalogFixtures.anthropic(ids: ids))])
        defer { server.stop() }
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        let policyText = """
        inferenceProvider: gateway
        inferenceGatewayBaseUrl: \(server.baseURL)/
        inferenceGatewayApiKey: gw-key-1
        \(scheme.isEmpty ? "# inferenceGatewayAuthScheme unset" : "inferenceGatewayAuthScheme: \(scheme)")
        inferenceModels:
          - claude-sonnet-4-5-20250929
          - name: claude-opus-4-1-20250805
            supports1m: true
          - claude-sonnet-4
        """
        let document = try DocumentLoader().parse(bytes: Array(policyText.utf8), format: .yaml, file: "managed.yaml")
        let input = ModelAuditInput(policy: try PolicyLoader.bundled().policy(from: document).policy)
        let report = ModelAuditStage(loader: loader(cache: cache.url, at: Self.t0)).run(input)
        let request = try #require(server.requests.first)
        #expect(request.target.hasPrefix("/v1/models"))
        #expect(request.headers[header] == expected)
        #expect(request.headers["anthropic-version"] != nil)
        #expect(report.catalogs.first?.provider == "gateway")
        #expect(report.catalogs.first?.catalog.count == 3)
        let missing = try #require(report.findings.first { $0.code == "model-missing" })
        #expect(missing.message.contains("'claude-sonnet-4'"))
        #expect(missing.location?.file == "managed.yaml")
        #expect(missing.location?.line == 9)
        #expect(missing.hint?.contains("claude-sonnet-4-20250514") == true)
        #expect(report.findings.errorCount == 1)
    }
}
