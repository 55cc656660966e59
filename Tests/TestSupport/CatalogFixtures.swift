import Foundation

/// Catalog bodies and configs shared by the model-audit tests.
public enum CatalogFixtures {
    /// An OpenRouter-shaped body: `{"data": [{"id", "name", "context_length", ...}]}`.
    public static func openRouter(_ models: [(id: String, context: Int?, expires: String?)]) -> String {
        let items = models.map { model -> String in
            var fields = [#""id":"\#(model.id)""#, #""name":"\#(model.id) (test)""#, #""description":"d""#,
                          #""pricing":{"prompt":"0.000001"}"#]
            if let context = model.context { fields.append(#""context_length":\#(context)"#) }
            fields.append(model.expires.map { #""expiration_date":"\#($0)""# } ?? #""expiration_date":null"#)
            return "{" + fields.joined(separator: ",") + "}"
        }
        return #"{"data":["# + items.joined(separator: ",") + "]}"
    }

    public static func openRouter(ids: [String]) -> String { openRouter(ids.map { ($0, 200_000, nil) }) }

    /// An Anthropic `/v1/models` body.
    public static func anthropic(ids: [String], hasMore: Bool = false) -> String {
        let items = ids.map { #"{"type":"model","id":"\#($0)","display_name":"\#($0)","created_at":"2025-05-14T00:00:00Z"}"# }
        return #"{"data":["# + items.joined(separator: ",") + #"],"has_more":\#(hasMore),"first_id":null,"last_id":null}"#
    }

    /// A config in upstream's shape with one OpenRouter descriptor pointing at `url`.
    public static func config(catalogURL: String, featured: [String], defaultModel: String, authHeader: String? = nil) -> String {
        let models = featured.map { #"        { "id": "\#($0)", "name": "\#($0)" }"# }.joined(separator: ",\n")
        let auth = authHeader.map { ",\n          \"authHeader\": \"\($0)\"" } ?? ""
        return """
        {
          "providers": {
            "available": ["openrouter"],
            "descriptors": {
              "openrouter": {
                "name": "OpenRouter",
                "description": "d",
                "credentials": [],
                "defaultModel": "\(defaultModel)",
                "models": [
        \(models)
                ],
                "dynamicCatalog": {
                  "url": "\(catalogURL)",
                  "responsePath": "data",
                  "cacheTtlMinutes": 60\(auth)
                }
              }
            },
            "defaultProvider": "openrouter",
            "defaultModel": "\(defaultModel)"
          }
        }
        """
    }
}
