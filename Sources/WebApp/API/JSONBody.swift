import Foundation
import HTTPTypes
import Hummingbird

/// The fields of a JSON request body, each taken once by name and type; fields the handler did not
/// take are refused, so a call can never carry something the server silently ignores. The JSON
/// counterpart of `FormBody`.
struct JSONBody {
    private let fields: [String: Any]
    private var taken: Set<String> = []

    /// The most an API body may hold; larger bodies are refused with 413 before they are parsed.
    static let limit = 16 * 1024

    /// Reads the body of a call that changes something: the session's `X-CSRF-Token` header must
    /// match, the content type must be JSON and the body one JSON object.
    static func read(_ request: Request, context: WebContext) async throws -> JSONBody {
        let session = try context.signedIn()
        try checkToken(request, expected: session.csrf)
        return try await parse(request)
    }

    /// Refuses a call whose `X-CSRF-Token` header is missing or not the session's.
    static func checkToken(_ request: Request, expected: String) throws {
        guard let sent = request.headers[.xCSRFToken], FormBody.same(sent, expected) else { throw WebError.forgedForm }
    }

    /// Reads a JSON object of at most `limit` bytes sent as `application/json`.
    static func parse(_ request: Request) async throws -> JSONBody {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/json") else {
            throw WebError.badInput(field: "Content-Type", reason: "the body must be sent as application/json")
        }
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: limit) } catch { throw WebError.tooLarge(limit: limit) }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) } catch {
            throw WebError.badInput(field: "body", reason: "it is not well-formed JSON")
        }
        guard let fields = object as? [String: Any] else { throw WebError.badInput(field: "body", reason: "it must be one JSON object") }
        return JSONBody(fields: fields)
    }

    init(fields: [String: Any]) { self.fields = fields }

    private mutating func value(_ name: String) -> Any? {
        taken.insert(name)
        guard let value = fields[name], !(value is NSNull) else { return nil }
        return value
    }

    /// The field's text; nil when absent, null or blank.
    mutating func optional(_ name: String) throws -> String? {
        guard let value = value(name) else { return nil }
        guard let text = value as? String else { throw WebError.badInput(field: name, reason: "it must be a string") }
        return text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : text
    }

    mutating func required(_ name: String) throws -> String {
        guard let text = try optional(name) else { throw WebError.badInput(field: name, reason: "it is required") }
        return text
    }

    mutating func flag(_ name: String) throws -> Bool {
        guard let value = value(name) else { return false }
        guard let number = value as? NSNumber, Self.isBoolean(number) else {
            throw WebError.badInput(field: name, reason: "it must be true or false")
        }
        return number.boolValue
    }

    mutating func number(_ name: String) throws -> Double? {
        guard let value = value(name) else { return nil }
        guard let number = value as? NSNumber, !Self.isBoolean(number), number.doubleValue.isFinite else {
            throw WebError.badInput(field: name, reason: "it must be a number such as 4.5 or -20")
        }
        return number.doubleValue
    }

    /// JSON's true and false arrive as numbers of the C type `char`; JSON numbers never do.
    static func isBoolean(_ number: NSNumber) -> Bool { String(cString: number.objCType) == "c" }

    /// Refuses any field the handler did not take.
    func finish() throws {
        if let unknown = fields.keys.filter({ !taken.contains($0) }).sorted().first {
            throw WebError.badInput(field: unknown, reason: "this call takes no such field")
        }
    }
}
