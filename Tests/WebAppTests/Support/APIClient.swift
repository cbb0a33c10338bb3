import Foundation
import HTTPTypes
import Testing

/// A program calling the JSON API: keeps the session cookie and the CSRF token answered at sign-in,
/// and checks every response against the OpenAPI document (its status documented for the call,
/// its body of the documented schema).
final class APIClient: @unchecked Sendable {
    let web: WebClient
    /// The token sent as `X-CSRF-Token` with every call that is not a GET.
    var csrf: String?

    init(_ web: WebClient) { self.web = web }

    struct Answer {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:] }
        var list: [[String: Any]] { (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]]) ?? [] }
        var error: String { json["error"] as? String ?? "" }
    }

    /// Calls `method path` with `json` (serialised) or `raw` as the body. `token` overrides the
    /// session's CSRF token (`.some(nil)`: send none).
    @discardableResult
    func call(_ method: HTTPRequest.Method, _ path: String, _ json: [String: Any]? = nil, raw: String? = nil,
              token override: String?? = nil, type: String = "application/json", sourceLocation: SourceLocation = #_sourceLocation) async throws -> Answer {
        var extra: HTTPFields = [:]
        if method != .get, let token = override ?? csrf { extra[.init("X-CSRF-Token")!] = token }
        let text = try raw ?? json.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        let page = try await web.send(path, method: method, body: text, type: text == nil ? nil : type, extra: extra)
        let answer = Answer(status: page.status, headers: page.headers, body: page.body)
        let problems = OpenAPIDocument.shared?.problems(method: method.rawValue, path: path, status: page.status.code, body: Data(page.body.utf8))
            ?? ["the OpenAPI document could not be read"]
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))", sourceLocation: sourceLocation)
        return answer
    }

    /// Signs in through the API and keeps the token.
    @discardableResult
    func signIn(_ user: String, _ password: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Answer {
        let answer = try await call(.post, "/api/v1/session", ["user": user, "password": password], sourceLocation: sourceLocation)
        if let token = answer.json["csrf"] as? String { csrf = token }
        return answer
    }
}
