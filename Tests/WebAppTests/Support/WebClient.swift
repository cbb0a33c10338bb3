import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A person's browser against the router: keeps its cookies, reads each page's CSRF token, and
/// posts forms as a browser would.
final class WebClient: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    /// The CSRF token of the last page that carried one.
    private(set) var token: String?

    init(_ client: any TestClientProtocol) { self.client = client }

    /// Takes another browser's cookies and token, as someone replaying a stolen session would.
    func restore(cookies: [String: String], token: String?) {
        self.cookies = cookies
        self.token = token
    }

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String
        var location: String? { headers[.location] }
    }

    func get(_ path: String) async throws -> Page {
        try await send(path, method: .get)
    }

    /// Posts `fields` URL-encoded, with this session's token unless `token` says otherwise.
    func post(_ path: String, _ fields: [(String, String)], token override: String?? = nil) async throws -> Page {
        var all = fields
        if let token = override ?? token { all.insert(("csrf", token), at: 0) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(path, method: .post, body: body, type: "application/x-www-form-urlencoded")
    }

    func send(_ path: String, method: HTTPRequest.Method, body: String? = nil, type: String? = nil,
              extra: HTTPFields = [:]) async throws -> Page {
        try await send(path, method: method, bytes: body.map { ByteBuffer(string: $0) }, type: type, extra: extra)
    }

    func send(_ path: String, method: HTTPRequest.Method, bytes: ByteBuffer?, type: String?, extra: HTTPFields = [:]) async throws -> Page {
        var headers = extra
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        if let type { headers[.contentType] = type }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: bytes)
        for cookie in response.headers[values: .setCookie] {
            let pair = cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let expired = cookie.contains("Max-Age=0") || pair[1].isEmpty
            if expired { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = String(pair[1]) }
        }
        let page = Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        if let found = Self.token(in: page.body) { token = found }
        return page
    }

    /// Signs in through the sign-in page.
    @discardableResult
    func signIn(_ user: String, _ password: String) async throws -> Page {
        _ = try await get("/sign-in")
        return try await post("/sign-in", [("user", user), ("password", password)])
    }

    static func token(in html: String) -> String? {
        guard let range = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
