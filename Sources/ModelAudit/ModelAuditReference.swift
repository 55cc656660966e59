import Documents

/// One place a configuration or 3P policy names a model, resolved to a provider.
public struct ModelReference: Hashable, Sendable {
    /// What kind of field names the model; decides the severity of a miss.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case featured              // providers.descriptors.<p>.models[].id
        case providerDefault       // providers.descriptors.<p>.defaultModel
        case providerSmallModel    // providers.descriptors.<p>.smallModel
        case appDefault            // providers.defaultModel
        case agentModel            // agents[].model
        case builtInAgentModel     // builtInAgents.<name>.model
        case compactionModel       // compaction.agent.model
        case modelInfo             // providers.modelInfo key
        case policyModel           // 3P inferenceModels[]

        /// Words for messages.
        public var label: String {
            switch self {
            case .featured: return "featured model"
            case .providerDefault: return "provider default model"
            case .providerSmallModel: return "provider small model"
            case .appDefault: return "app-wide default model"
            case .agentModel: return "agent model"
            case .builtInAgentModel: return "built-in agent model"
            case .compactionModel: return "compaction model"
            case .modelInfo: return "modelInfo override"
            case .policyModel: return "3P inference model"
            }
        }
    }

    public var kind: Kind
    /// The provider whose catalog must list the model; nil when the reference does not
    /// say (a bare `modelInfo` key), in which case any catalog may list it.
    public var provider: String?
    /// The provider-local id (`deepseek/deepseek-v4-flash` for OpenRouter).
    public var model: String
    /// The text as written (`openrouter/deepseek/deepseek-v4-flash`).
    public var text: String
    /// Where the reference stands in its document.
    public var pointer: JSONPointer
    /// Whether the location is the member's key (modelInfo) rather than its value.
    public var locatesKey: Bool
    /// A context window the document claims for this model (modelInfo `limit.context`,
    /// a featured model's `limit.context`/`contextLength`, 1,000,000 for `supports1m`).
    public var claimedContext: Int?
    /// Which document it came from: the config or the 3P policy.
    public var inPolicy: Bool

    public init(kind: Kind, provider: String?, model: String, text: String, pointer: JSONPointer,
                locatesKey: Bool = false, claimedContext: Int? = nil, inPolicy: Bool = false) {
        self.kind = kind
        self.provider = provider
        self.model = model
        self.text = text
        self.pointer = pointer
        self.locatesKey = locatesKey
        self.claimedContext = claimedContext
        self.inPolicy = inPolicy
    }

    /// `provider/model`, or the bare model when no provider is known.
    public var qualified: String { provider.map { "\($0)/\(model)" } ?? model }
}
