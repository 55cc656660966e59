import Documents

/// How to read one provider's model list: a descriptor's `dynamicCatalog` block, or the
/// shape assumed for a catalog given on the command line or served by a 3P gateway.
public struct CatalogSpec: Hashable, Sendable {
    /// The endpoint, when the catalog is fetched over HTTP.
    public var url: String?
    /// Dotted path to the model array; nil means the body is the array (upstream's rule).
    public var responsePath: String?
    public var idField: String
    public var nameField: String
    public var descriptionField: String
    public var contextLengthField: String
    /// The `Authorization` header value, possibly holding `{env:NAME}` placeholders.
    public var authHeader: String?
    /// Extra request headers (3P gateways: `x-api-key`, `anthropic-version`).
    public var headers: [String: String]
    public var cacheTtlMinutes: Double
    /// When true (catalogs without a descriptor), a body that is an object holding a
    /// `data` or `models` array is accepted as well as a bare array.
    public var detectsShape: Bool
    /// How the endpoint pages its list (a 3P gateway's `/v1/models`); nil: one response.
    public var pagination: CatalogPagination?

    public init(url: String? = nil, responsePath: String? = nil, idField: String = "id", nameField: String = "name",
                descriptionField: String = "description", contextLengthField: String = "context_length",
                authHeader: String? = nil, headers: [String: String] = [:], cacheTtlMinutes: Double = 60,
                detectsShape: Bool = false, pagination: CatalogPagination? = nil) {
        self.url = url
        self.responsePath = responsePath
        self.idField = idField
        self.nameField = nameField
        self.descriptionField = descriptionField
        self.contextLengthField = contextLengthField
        self.authHeader = authHeader
        self.headers = headers
        self.cacheTtlMinutes = cacheTtlMinutes
        self.detectsShape = detectsShape
        self.pagination = pagination
    }

    /// The shape used when nothing is known about a catalog: upstream field defaults and
    /// shape detection (bare array, `{"data": [...]}` or `{"models": [...]}`).
    public static let detected = CatalogSpec(detectsShape: true)

    /// Reads a descriptor's `dynamicCatalog` object, applying upstream's defaults.
    /// Returns nil when the block is absent or has no string `url`.
    public init?(dynamicCatalog value: JSONValue?) {
        guard let object = value?.objectValue, let url = object["url"]?.stringValue else { return nil }
        func text(_ key: String, _ fallback: String) -> String { object[key]?.stringValue ?? fallback }
        self.init(url: url, responsePath: object["responsePath"]?.stringValue,
                  idField: text("idField", "id"), nameField: text("nameField", "name"),
                  descriptionField: text("descriptionField", "description"),
                  contextLengthField: text("contextLengthField", "context_length"),
                  authHeader: object["authHeader"]?.stringValue,
                  cacheTtlMinutes: object["cacheTtlMinutes"]?.numberValue?.doubleValue ?? 60)
    }

    /// The same record shape, reading a local snapshot instead of fetching.
    public var forSnapshot: CatalogSpec {
        var copy = self
        copy.url = nil
        copy.authHeader = nil
        copy.headers = [:]
        copy.pagination = nil
        return copy
    }
}
