import Foundation

/// A compiled JSON Schema (draft 2020-12), restricted to the keywords recrepo's schemas use.
///
/// Loading refuses any keyword the validator does not implement, so a schema can never be only
/// half checked: `type` (a name or a list of names), `properties`, `required`,
/// `additionalProperties: false`, `items`, `enum`, `const`, `pattern`, `minLength`/`maxLength`
/// (in Unicode code points, as JSON Schema defines them), `minimum`/`maximum`,
/// `minItems`/`maxItems`, `uniqueItems`, `$ref` to `#/$defs/…`, `$defs` at the root; and the
/// annotations `$schema`, `$id`, `$comment`, `title`, `description`. Patterns are ECMA-style
/// regular expressions searched in the value as written (anchor them with `^…$`); `$` matches only
/// at the very end, never before a final newline.
public struct JSONSchema: Sendable {
    /// The JSON types of the `type` keyword.
    public enum JSONType: String, Sendable, CaseIterable {
        case null, boolean, integer, number, string, array, object
    }

    /// A pattern and its compiled form (ICU, several times faster than `Regex` here, which
    /// matters when verify checks every record of a long history). `^` and `$` at the ends become
    /// `\A` and `\z`, so a value with a trailing newline never matches `^…$`.
    ///
    /// `@unchecked` because the compiled expression is immutable after creation and ICU matching
    /// on it is thread-safe.
    struct Pattern: @unchecked Sendable {
        let source: String
        let expression: NSRegularExpression

        init(source: String) throws {
            var anchored = source
            if anchored.hasPrefix("^") { anchored = "\\A" + anchored.dropFirst() }
            if anchored.hasSuffix("$"), !anchored.hasSuffix("\\$") { anchored = anchored.dropLast() + "\\z" }
            self.source = source
            expression = try NSRegularExpression(pattern: anchored)
        }

        func matches(_ text: String) -> Bool {
            expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }

    var types: [JSONType]?
    var properties: [String: JSONSchema] = [:]
    var required: [String] = []
    var closed = false
    var itemSchema: [JSONSchema] = []  // zero or one: a value type cannot hold itself directly
    var enumValues: [JSONValue]?
    var constValue: JSONValue?
    var pattern: Pattern?
    var minLength: Int?, maxLength: Int?, minItems: Int?, maxItems: Int?
    var minimum: Double?, maximum: Double?
    var uniqueItems = false
    var ref: String?
    var definitions: [String: JSONSchema] = [:]

    /// Every keyword the validator implements or safely ignores (annotations).
    public static let supportedKeywords: Set<String> = [
        "$schema", "$id", "$comment", "title", "description", "$defs", "$ref", "type", "properties",
        "required", "additionalProperties", "items", "enum", "const", "pattern", "minLength", "maxLength",
        "minimum", "maximum", "minItems", "maxItems", "uniqueItems",
    ]

    /// Parses and compiles a schema. `name` (the file name) is used in errors.
    public init(parsing text: String, name: String) throws(DocumentsError) {
        let value: JSONValue
        do { value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) } catch {
            throw .invalidSchema(name: name, path: "", reason: "it is not well-formed JSON")
        }
        var loader = Loader(name: name)
        self = try loader.compile(value, at: "", isRoot: true)
        for (path, target) in loader.refs where definitions[target] == nil {
            throw .invalidSchema(name: name, path: "#\(path)", reason: "$ref names #/$defs/\(target), which does not exist")
        }
    }

    init() {}
}

/// Builds `JSONSchema` values from JSON, checking every keyword's form.
private struct Loader {
    let name: String
    var refs: [(String, String)] = []

    mutating func compile(_ value: JSONValue, at path: String, isRoot: Bool = false) throws(DocumentsError) -> JSONSchema {
        guard case .object(let fields) = value else { throw fail(path, "a schema must be an object") }
        var schema = JSONSchema()
        for key in fields.keys.sorted() {
            let field = fields[key] ?? .null, here = "\(path)/\(key)"
            guard JSONSchema.supportedKeywords.contains(key), key != "$defs" || isRoot else {
                throw fail(here, "the keyword '\(key)' is not implemented by recrepo's validator; remove it or implement it")
            }
            switch (key, field) {
            case ("$schema", .string), ("$id", .string), ("$comment", .string), ("title", .string), ("description", .string):
                break
            case ("type", .string(let type)): schema.types = [try jsonType(type, here)]
            case ("type", .array(let types)):
                schema.types = try types.map { (item) throws(DocumentsError) in
                    guard case .string(let type) = item else { throw fail(here, "type names must be strings") }
                    return try jsonType(type, here)
                }
            case ("properties", .object(let properties)):
                for (property, sub) in properties { schema.properties[property] = try compile(sub, at: "\(here)/\(property)") }
            case ("$defs", .object(let definitions)):
                for (definition, sub) in definitions { schema.definitions[definition] = try compile(sub, at: "\(here)/\(definition)") }
            case ("required", .array(let names)):
                schema.required = try names.map { (item) throws(DocumentsError) in
                    guard case .string(let name) = item else { throw fail(here, "required names must be strings") }
                    return name
                }
            case ("additionalProperties", .bool(false)): schema.closed = true
            case ("items", .object): schema.itemSchema = [try compile(field, at: here)]
            case ("enum", .array(let values)) where !values.isEmpty: schema.enumValues = values
            case ("const", _): schema.constValue = field
            case ("pattern", .string(let source)):
                do { schema.pattern = try JSONSchema.Pattern(source: source) } catch {
                    throw fail(here, "the pattern does not compile: \(error)")
                }
            case ("uniqueItems", .bool(let flag)): schema.uniqueItems = flag
            case ("minLength", _): schema.minLength = try count(field, here)
            case ("maxLength", _): schema.maxLength = try count(field, here)
            case ("minItems", _): schema.minItems = try count(field, here)
            case ("maxItems", _): schema.maxItems = try count(field, here)
            case ("minimum", _): schema.minimum = try number(field, here)
            case ("maximum", _): schema.maximum = try number(field, here)
            case ("$ref", .string(let target)) where target.hasPrefix("#/$defs/"):
                schema.ref = String(target.dropFirst("#/$defs/".count))
                refs.append((here, schema.ref ?? ""))
            case ("additionalProperties", _):
                throw fail(here, "only 'additionalProperties: false' is implemented")
            default: throw fail(here, "the value of '\(key)' has a form the validator does not implement")
            }
        }
        if schema.closed, let stray = schema.required.first(where: { schema.properties[$0] == nil }) {
            throw fail(path, "'\(stray)' is required but not among the allowed properties")
        }
        return schema
    }

    func jsonType(_ name: String, _ path: String) throws(DocumentsError) -> JSONSchema.JSONType {
        guard let type = JSONSchema.JSONType(rawValue: name) else { throw fail(path, "'\(name)' is not a JSON type") }
        return type
    }

    func count(_ value: JSONValue, _ path: String) throws(DocumentsError) -> Int {
        guard case .integer(let number) = value, number >= 0 else { throw fail(path, "must be a non-negative integer") }
        return Int(number)
    }

    func number(_ value: JSONValue, _ path: String) throws(DocumentsError) -> Double {
        switch value {
        case .integer(let number): return Double(number)
        case .number(let number): return number
        default: throw fail(path, "must be a number")
        }
    }

    func fail(_ path: String, _ reason: String) -> DocumentsError {
        .invalidSchema(name: name, path: path.isEmpty ? "" : "#\(path)", reason: reason)
    }
}
