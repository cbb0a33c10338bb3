import Foundation

/// The JSON Schemas of the record kinds, compiled in from `schemas/` by the EmbedFiles plugin.
///
/// Every file is parsed and compiled once, on first use (a `static let`, which Swift initialises
/// exactly once even under concurrent access), and kept for the life of the process.
public enum Schemas {
    /// The file names in `schemas/`, sorted.
    public static var names: [String] { EmbeddedFiles.contents.keys.sorted() }

    /// Every embedded schema compiled, or the first that failed to compile.
    private static let compiled: Result<[String: JSONSchema], DocumentsError> = {
        var result: [String: JSONSchema] = [:]
        for name in names {
            do throws(DocumentsError) {
                result[name] = try JSONSchema(parsing: EmbeddedFiles.contents[name] ?? "", name: name)
            } catch {
                return .failure(error)
            }
        }
        return .success(result)
    }()

    /// The compiled schema in the file `name`.
    public static func schema(named name: String) throws(DocumentsError) -> JSONSchema {
        guard let schema = try compiled.get()[name] else {
            throw .invalidSchema(name: name, path: "", reason: "there is no such file in schemas/")
        }
        return schema
    }

    /// The compiled schema of a record kind.
    public static func schema(for kind: RecordKind) throws(DocumentsError) -> JSONSchema {
        try schema(named: kind.schemaName)
    }

    /// Checks that `data` is well-formed JSON matching the schema of `kind`.
    ///
    /// - Parameter record: the record's ID (or path), named in the error.
    /// - Throws: `DocumentsError.schemaViolation` naming the field and why, with an empty path
    ///   when the data is not JSON at all.
    public static func validate(_ data: Data, kind: RecordKind, record: String) throws(DocumentsError) {
        try schema(for: kind).validate(try parse(data, record: record), record: record)
    }

    /// Parses a record, refusing malformed JSON (and duplicate keys) with the record named.
    public static func parse(_ data: Data, record: String) throws(DocumentsError) -> JSONValue {
        do { return try JSONParser.parse(data) } catch {
            throw .schemaViolation(record: record, path: "", reason: "is not well-formed JSON (\(error.description))")
        }
    }
}
