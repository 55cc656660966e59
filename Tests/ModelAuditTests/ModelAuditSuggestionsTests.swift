import Testing
@testable import ModelAudit

@Suite("Model id suggestions")
struct ModelAuditSuggestionsTests {
    static let catalog = Catalog(provider: "openrouter", entries: [
        "anthropic/claude-sonnet-4.5", "anthropic/claude-opus-4.1", "anthropic/claude-3.5-haiku",
        "openai/gpt-5.5", "openai/gpt-5.5-mini", "openai/gpt-4o", "deepseek/deepseek-v4-flash",
        "deepseek/deepseek-v4", "qwen/qwen3-coder-flash", "google/gemini-2.5-pro",
    ].map { CatalogEntry(id: $0) })

    @Test(arguments: [
        ("anthropic/claude-sonnet-4", "anthropic/claude-sonnet-4.5"),      // successor version
        ("openai/gpt-5", "openai/gpt-5.5"),                                 // successor, shortest first
        ("deepseek/deepseek-v4-flsh", "deepseek/deepseek-v4-flash"),        // typo
        ("qwen/qwen3-coder-fast", "qwen/qwen3-coder-flash"),                // same family
        ("anthropic/claude-opus-4", "anthropic/claude-opus-4.1"),
    ])
    func bestSuggestion(missing: String, expected: String) {
        #expect(ModelAuditSuggestions.suggest(missing, in: Self.catalog).first == expected)
    }

    @Test func datedSuccessorsAreFound() {
        let catalog = Catalog(provider: "anthropic", entries: ["claude-sonnet-4-20250514", "claude-opus-4-20250514",
                                                                "claude-3-7-sonnet-20250219"].map { CatalogEntry(id: $0) })
        #expect(ModelAuditSuggestions.suggest("claude-sonnet-4", in: catalog).first == "claude-sonnet-4-20250514")
    }

    @Test func unrelatedIdsAreNotSuggested() {
        #expect(ModelAuditSuggestions.suggest("mistral/mixtral-8x22b", in: Self.catalog).isEmpty)
        // Sharing only the vendor is not a family match.
        #expect(!ModelAuditSuggestions.suggest("google/palm-2", in: Self.catalog).contains("google/gemini-2.5-pro"))
    }

    @Test func largeCatalogsAreSearchedThroughPrefixRanges() {
        var ids = (0..<50_000).map { "vendor\($0 % 97)/model-\($0)" }
        ids.append("acme/widget-pro-2")
        let catalog = Catalog(provider: "p", entries: ids.map { CatalogEntry(id: $0) })
        #expect(ModelAuditSuggestions.candidates(for: "acme/widget-pro", in: catalog).count <= ModelAuditSuggestions.poolLimit)
        #expect(ModelAuditSuggestions.suggest("acme/widget-pro", in: catalog) == ["acme/widget-pro-2"])
        #expect(ModelAuditSuggestions.suggest("vendor5/model-100005", in: catalog).first?.hasPrefix("vendor5/model-1") == true)
    }
}
