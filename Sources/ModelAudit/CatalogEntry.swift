/// One model as a catalog lists it: the fields the audit needs, nothing else.
public struct CatalogEntry: Hashable, Sendable {
    public var id: String
    public var name: String?
    /// Context window in tokens, when the catalog reports one.
    public var contextLength: Int?
    /// An announced expiration, deprecation or retirement date (`YYYY-MM-DD`).
    public var expirationDate: String?
    /// The record field the date came from (for messages).
    public var expirationField: String?
    /// Other ids naming the same model (a Bedrock inference profile's ARN).
    public var aliases: [String]
    /// Model ids this entry invokes (the foundation models behind a Bedrock inference profile).
    public var routesTo: [String]

    public init(id: String, name: String? = nil, contextLength: Int? = nil, expirationDate: String? = nil,
                expirationField: String? = nil, aliases: [String] = [], routesTo: [String] = []) {
        self.id = id
        self.name = name
        self.contextLength = contextLength
        self.expirationDate = expirationDate
        self.expirationField = expirationField
        self.aliases = aliases
        self.routesTo = routesTo
    }
}
