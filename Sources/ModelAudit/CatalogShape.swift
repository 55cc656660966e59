import Documents

/// A catalog body the audit recognises without a descriptor: the key holding the record
/// array and, where it differs from the spec's, how a record names its model. The table
/// is data; a new provider's list shape is one row.
struct CatalogShape: Sendable {
    /// The top-level key holding the records.
    var arrayKey: String
    /// The record field holding the id, name; nil keeps the spec's.
    var idField: String?
    var nameField: String?
    /// Record fields holding other ids of the same model.
    var aliasFields: [String] = []
    /// An array field of objects naming the models the record invokes, and the field in
    /// each holding an ARN or id (its last path segment is the model id).
    var routes: (array: String, field: String)?

    /// Tried in order on an object body when the spec detects shapes.
    static let detected: [CatalogShape] = [
        // OpenRouter, Anthropic /v1/models and most OpenAI-compatible lists.
        CatalogShape(arrayKey: "data"),
        CatalogShape(arrayKey: "models"),
        // Amazon Bedrock ListInferenceProfiles (`aws bedrock list-inference-profiles`): a
        // profile is called by its id or its ARN and invokes the foundation models listed.
        CatalogShape(arrayKey: "inferenceProfileSummaries", idField: "inferenceProfileId", nameField: "inferenceProfileName",
                     aliasFields: ["inferenceProfileArn"], routes: (array: "models", field: "modelArn")),
    ]

    /// The model ids a record invokes, from the last `/` segment of each ARN
    /// (`arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-...` → `anthropic.claude-...`).
    func routedModels(of record: JSONObject) -> [String] {
        guard let routes, let list = record[routes.array]?.arrayValue else { return [] }
        return list.compactMap { item in
            guard let text = item[routes.field]?.stringValue, !text.isEmpty else { return nil }
            let id = text.split(separator: "/").last.map(String.init) ?? text
            return id.isEmpty ? nil : id
        }
    }
}
