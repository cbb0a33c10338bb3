import Documents
import Foundation
import Hummingbird

extension Response {
    /// `value` as JSON with sorted keys, the way the CLI's `--format json` prints it.
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return json(data: try encoder.encode(value), status: status)
    }

    /// Bytes that are already JSON (a record as stored).
    static func json(data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// What the API reads from a request besides its body.
enum APIRequest {
    /// The query's parameters, each at most once and each one the call names; anything else is
    /// refused, so that a misspelt filter never silently widens an answer.
    static func query(_ request: Request, allowed: Set<String>) throws -> [String: String] {
        var found: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            guard allowed.contains(name) else { throw WebError.badInput(field: name, reason: "this call takes no such query parameter") }
            guard found[name] == nil else { throw WebError.badInput(field: name, reason: "give it once") }
            guard !value.isEmpty else { throw WebError.badInput(field: name, reason: "it is empty; give a value or leave it out") }
            found[name] = String(value)
        }
        return found
    }

    /// A `true`/`false` query parameter.
    static func flag(_ query: [String: String], _ name: String) throws -> Bool {
        switch query[name] {
        case nil, "false"?: return false
        case "true"?: return true
        case let other?: throw WebError.badInput(field: name, reason: "true or false, not \(other.debugDescription)")
        }
    }

    /// A `YYYY-MM-DD` query parameter.
    static func day(_ query: [String: String], _ name: String) throws -> String? {
        guard let text = query[name] else { return nil }
        guard Day.exists(text) else { throw WebError.badInput(field: name, reason: "a calendar day written YYYY-MM-DD, not \(text.debugDescription)") }
        return text
    }

    /// The account signed in, or a refusal when it no longer exists.
    static func account(_ records: Records, _ session: WebSession) throws -> Account {
        guard let account = try records.account(session.user) else { throw WebError.signInRequired }
        return account
    }
}
