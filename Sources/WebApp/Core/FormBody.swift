import Foundation
import Hummingbird

/// The fields of a submitted form, each taken once by name; fields the handler did not take are
/// refused, so a form can never carry something the server silently ignores.
struct FormBody {
    private var fields: [String: String]
    private var taken: Set<String> = ["csrf"]

    /// Reads an `application/x-www-form-urlencoded` body of at most `limit` bytes and checks its
    /// CSRF token against the session's.
    static func read(_ request: Request, context: WebContext, limit: Int = 64 * 1024) async throws -> FormBody {
        let session = try context.signedIn()
        let form = try await parse(request, limit: limit)
        try form.checkToken(session.csrf)
        return form
    }

    static func parse(_ request: Request, limit: Int) async throws -> FormBody {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: limit) } catch { throw WebError.tooLarge(limit: limit) }
        let text = String(buffer: buffer)
        let fields: [String: String]
        do { fields = try URLEncodedFormDecoder().decode([String: String].self, from: text) } catch {
            throw WebError.badInput(field: "form", reason: "the form could not be read (each field once, URL-encoded)")
        }
        return FormBody(fields: fields)
    }

    init(fields: [String: String]) { self.fields = fields }

    func checkToken(_ expected: String) throws {
        guard let sent = fields["csrf"], Self.same(sent, expected) else { throw WebError.forgedForm }
    }

    /// Compares in time that depends on the length only.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The field's text; nil when absent or empty.
    mutating func optional(_ name: String) -> String? {
        taken.insert(name)
        guard let value = fields[name], !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return value
    }

    mutating func required(_ name: String, label: String? = nil) throws -> String {
        guard let value = optional(name) else { throw WebError.badInput(field: label ?? name, reason: "it is required") }
        return value
    }

    mutating func flag(_ name: String) -> Bool { optional(name) != nil }

    mutating func number(_ name: String) throws -> Double? {
        guard let text = optional(name) else { return nil }
        guard let value = Double(text), value.isFinite, text.count <= 20 else {
            throw WebError.badInput(field: name, reason: "\(text.debugDescription) is not a plain decimal number such as 4.5 or -20")
        }
        return value
    }

    mutating func integer(_ name: String) throws -> Int? {
        guard let text = optional(name) else { return nil }
        guard let value = Int(text) else { throw WebError.badInput(field: name, reason: "\(text.debugDescription) is not a whole number") }
        return value
    }

    /// Refuses any field the handler did not take.
    func finish() throws {
        if let unknown = fields.keys.filter({ !taken.contains($0) }).sorted().first {
            throw WebError.badInput(field: unknown, reason: "this form has no such field")
        }
    }
}
