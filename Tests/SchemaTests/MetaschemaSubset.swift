/// A small stand-in for the draft 2020-12 meta-schema, written for these tests (the
/// official one is not available offline): it checks the shape of the common keywords,
/// which is what the suite's "validate definition against metaschema" cases exercise.
enum MetaschemaSubset {
    static let uri = "https://json-schema.org/draft/2020-12/schema"
    static let json = #"""
{
  "$id": "https://json-schema.org/draft/2020-12/schema",
  "$comment": "Written for cowork-dist's tests: a small stand-in for the draft 2020-12 meta-schema that checks the shape of the common keywords. The official meta-schema is not available offline.",
  "type": ["object", "boolean"],
  "properties": {
    "$id": { "type": "string" },
    "$ref": { "type": "string" },
    "$anchor": { "type": "string", "pattern": "^[A-Za-z_][-A-Za-z0-9._]*$" },
    "$defs": { "type": "object", "additionalProperties": { "$ref": "#" } },
    "type": {
      "anyOf": [
        { "$ref": "#/$defs/simpleType" },
        { "type": "array", "items": { "$ref": "#/$defs/simpleType" }, "minItems": 1, "uniqueItems": true }
      ]
    },
    "enum": { "type": "array" },
    "properties": { "type": "object", "additionalProperties": { "$ref": "#" } },
    "patternProperties": { "type": "object", "additionalProperties": { "$ref": "#" } },
    "dependentSchemas": { "type": "object", "additionalProperties": { "$ref": "#" } },
    "additionalProperties": { "$ref": "#" },
    "unevaluatedProperties": { "$ref": "#" },
    "unevaluatedItems": { "$ref": "#" },
    "propertyNames": { "$ref": "#" },
    "items": { "$ref": "#" },
    "contains": { "$ref": "#" },
    "not": { "$ref": "#" },
    "if": { "$ref": "#" },
    "then": { "$ref": "#" },
    "else": { "$ref": "#" },
    "prefixItems": { "$ref": "#/$defs/schemaArray" },
    "allOf": { "$ref": "#/$defs/schemaArray" },
    "anyOf": { "$ref": "#/$defs/schemaArray" },
    "oneOf": { "$ref": "#/$defs/schemaArray" },
    "required": { "type": "array", "items": { "type": "string" }, "uniqueItems": true },
    "minLength": { "$ref": "#/$defs/count" },
    "maxLength": { "$ref": "#/$defs/count" },
    "minItems": { "$ref": "#/$defs/count" },
    "maxItems": { "$ref": "#/$defs/count" },
    "minProperties": { "$ref": "#/$defs/count" },
    "maxProperties": { "$ref": "#/$defs/count" },
    "minContains": { "$ref": "#/$defs/count" },
    "maxContains": { "$ref": "#/$defs/count" },
    "minimum": { "type": "number" },
    "maximum": { "type": "number" },
    "exclusiveMinimum": { "type": "number" },
    "exclusiveMaximum": { "type": "number" },
    "multipleOf": { "type": "number", "exclusiveMinimum": 0 },
    "pattern": { "type": "string" },
    "uniqueItems": { "type": "boolean" }
  },
  "$defs": {
    "simpleType": { "enum": ["array", "boolean", "integer", "null", "number", "object", "string"] },
    "count": { "type": "integer", "minimum": 0 },
    "schemaArray": { "type": "array", "minItems": 1, "items": { "$ref": "#" } }
  }
}
"""#
}
