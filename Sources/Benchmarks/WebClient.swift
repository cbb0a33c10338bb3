import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A person's browser for the benchmark: one session cookie, the page's CSRF token, redirects not
/// followed (a signing answers 303, and the page it points to is not part of the signing).
final class BenchBrowser: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    let base: String
    private var cookies: [String: String] = [:]
    private(set) var token = ""
    private lazy var session = URLSession(configuration: {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        return configuration
    }(), delegate: self, delegateQueue: nil)

    init(base: String) { self.base = base }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }

    /// Sends one request and keeps what it sets; answers the status and the body.
    func send(_ path: String, form: [(String, String)]? = nil) async throws -> (Int, String) {
        var request = URLRequest(url: URL(string: base + path) ?? URL(fileURLWithPath: "/"))
        request.setValue(cookieHeader, forHTTPHeaderField: "Cookie")
        if let form {
            request.httpMethod = "POST"
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            request.httpBody = Data(([("csrf", token)] + form).map {
                "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
            }.joined(separator: "&").utf8)
        }
        let (data, response) = try await session.data(for: request)
        let http = response as? HTTPURLResponse
        for (name, value) in http?.allHeaderFields ?? [:] where (name as? String)?.lowercased() == "set-cookie" {
            for cookie in "\(value)".components(separatedBy: ", ") {
                let pair = cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
                if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
            }
        }
        let body = String(decoding: data, as: UTF8.self)
        if let range = body.range(of: "name=\"csrf\" value=\"") {
            let rest = body[range.upperBound...]
            if let end = rest.firstIndex(of: "\"") { token = String(rest[..<end]) }
        }
        return (http?.statusCode ?? 0, body)
    }

    func signIn(_ user: String, _ password: String) async throws {
        _ = try await send("/sign-in")
        let (status, _) = try await send("/sign-in", form: [("user", user), ("password", password)])
        guard status == 303 else { throw BenchError.failed("sign-in as \(user) answered \(status)") }
    }
}

enum BenchError: Error {
    case failed(String)
}
