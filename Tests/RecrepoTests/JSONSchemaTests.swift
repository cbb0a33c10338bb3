import Documents
import Foundation
import Testing

/// The validator's keywords, on small inline schemas.
@Suite struct JSONSchemaTests {
    static func load(_ text: String) throws -> JSONSchema { try JSONSchema(parsing: text, name: "test.json") }

    static func check(_ schema: JSONSchema, _ json: String) throws {
        try schema.validate(try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)), record: "R")
    }

    /// Expects `json` to be refused at `path` with a reason containing `reason`.
    static func refuses(_ schema: JSONSchema, _ json: String, path: String, reason: String,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sourceLocation: sourceLocation) { try check(schema, json) } throws: { error in
            guard case DocumentsError.schemaViolation(_, let at, let why) = error else { return false }
            return at == path && why.contains(reason)
        }
    }

    @Test("a schema with a keyword the validator does not implement is refused, so nothing is half checked", arguments: [
        (#"{"type": "string", "format": "date"}"#, "#/format", "'format' is not implemented"),
        (#"{"properties": {"a": {"minContains": 1}}}"#, "#/properties/a/minContains", "'minContains' is not implemented"),
        (#"{"items": {"oneOf": []}}"#, "#/items/oneOf", "'oneOf' is not implemented"),
        (#"{"additionalProperties": true}"#, "#/additionalProperties", "only 'additionalProperties: false'"),
        (#"{"additionalProperties": {"type": "string"}}"#, "#/additionalProperties", "only 'additionalProperties: false'"),
        (##"{"$ref": "#/$defs/missing"}"##, "#/$ref", "does not exist"),
        (#"{"$ref": "other.json#/x"}"#, "#/$ref", "has a form"),
        (#"{"properties": {"a": {"$defs": {}}}}"#, "#/properties/a/$defs", "'$defs' is not implemented"),
        (#"{"pattern": "(unclosed"}"#, "#/pattern", "does not compile"),
        (#"{"minLength": -1}"#, "#/minLength", "non-negative integer"),
        (#"{"type": "text"}"#, "#/type", "'text' is not a JSON type"),
        (#"{"additionalProperties": false, "required": ["a"]}"#, "", "'a' is required but not among the allowed"),
        (#"{"type": "#, "", "not well-formed JSON"),
        (#"[]"#, "", "a schema must be an object"),
    ])
    func refusedSchemas(text: String, path: String, reason: String) {
        #expect { _ = try Self.load(text) } throws: { error in
            guard case DocumentsError.invalidSchema(let name, let at, let why) = error else { return false }
            return name == "test.json" && at == path && why.contains(reason)
        }
    }

    @Test("every keyword listed as supported is accepted by the loader")
    func supportedKeywordsLoad() throws {
        let schema = try Self.load(##"""
            {"$schema": "x", "$id": "x", "$comment": "x", "title": "x", "description": "x",
             "$defs": {"d": {"type": "string"}}, "$ref": "#/$defs/d", "type": ["string", "null"],
             "properties": {}, "required": [], "additionalProperties": false, "items": {}, "enum": ["a", null],
             "const": "a", "pattern": "a", "minLength": 1, "maxLength": 2, "minimum": 0, "maximum": 1,
             "minItems": 0, "maxItems": 1, "uniqueItems": true}
            """##)
        try Self.check(schema, #""a""#)
        Self.refuses(schema, "null", path: "", reason: "must be a string")  // through the $ref
        #expect(JSONSchema.supportedKeywords.count == 22)
    }

    @Test("type lists, const, enum, bounds and items")
    func keywords() throws {
        let nullable = try Self.load(#"{"type": ["string", "null"]}"#)
        try Self.check(nullable, "null")
        try Self.check(nullable, #""x""#)
        Self.refuses(nullable, "1", path: "", reason: "must be a string or null, not an integer")
        let constant = try Self.load(#"{"const": 3}"#)
        try Self.check(constant, "3.0")
        Self.refuses(constant, "4", path: "", reason: "must be 3")
        let bounded = try Self.load(#"{"type": "number", "minimum": 1.5, "maximum": 10}"#)
        try Self.check(bounded, "10")
        Self.refuses(bounded, "10.5", path: "", reason: "must be at most 10")
        Self.refuses(bounded, "1", path: "", reason: "must be at least 1.5")
        let list = try Self.load(#"{"type": "array", "maxItems": 2, "items": {"type": "integer"}}"#)
        try Self.check(list, "[1, 2]")
        Self.refuses(list, "[1, 2, 3]", path: "", reason: "must have at most 2 items, not 3")
        Self.refuses(list, #"[1, "2"]"#, path: "[1]", reason: "must be an integer, not a string")
    }

    @Test("a pattern is searched as written; anchors are the schema's, and $ never matches before a final newline")
    func patterns() throws {
        let unanchored = try Self.load(#"{"pattern": "b"}"#)
        try Self.check(unanchored, #""abc""#)
        let anchored = try Self.load(#"{"pattern": "^b+$"}"#)
        try Self.check(anchored, #""bb""#)
        Self.refuses(anchored, #""abc""#, path: "", reason: "must match the pattern ^b+$")
        Self.refuses(anchored, #""bb\n""#, path: "", reason: "must match")
    }

    @Test("$ref can recurse; errors deep inside name the whole path")
    func recursiveReference() throws {
        let tree = try Self.load(##"""
            {"$ref": "#/$defs/node", "$defs": {"node": {"type": "object", "additionalProperties": false,
              "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}}}
            """##)
        try Self.check(tree, #"{"children": [{"children": [{"name": "leaf"}]}]}"#)
        Self.refuses(tree, #"{"children": [{"children": [{"name": 1}]}]}"#, path: "children[0].children[0].name",
                     reason: "must be a string")
    }
}
