import Documents
import Foundation
import Hummingbird
import HummingbirdAuth

/// Lets a request through only with a live session (§11.10(d)): one used within the policy's idle
/// timeout and younger than its absolute lifetime, of an account still active. Every request that
/// passes renews the idle timer.
struct SignInGate: RouterMiddleware {
    typealias Context = WebContext
    let site: Site

    /// What anyone may reach: the sign-in page and API call, the style sheet and the API's description.
    static let open: Set<String> = ["/sign-in", "/static/app.css", "/openapi.json", "/api/v1/session"]

    /// True for a request anyone may make: the open paths, but of the API's session only the
    /// sign-in (`POST`); asking who is signed in and signing out need the live session.
    static func isOpen(_ request: Request) -> Bool {
        let path = request.uri.path
        guard open.contains(path) else { return false }
        return path != "/api/v1/session" || request.method == .post
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.isOpen(request) { return try await next(request, context) }
        guard var session = context.sessions.session else { throw WebError.signInRequired }
        let rules = try await site.sessionRules()
        let policy = rules.policy
        let now = site.now
        guard !rules.inactive.contains(session.user),
              now.timeIntervalSince(session.lastSeen) <= Double(policy.sessionIdle) * 60,
              now.timeIntervalSince(session.signedInAt) <= Double(policy.sessionMax) * 3600 else {
            context.sessions.clearSession()
            throw WebError.signInRequired
        }
        session.lastSeen = now
        _ = context.sessions.updateSession(session)
        var context = context
        context.person = session
        return try await next(request, context)
    }
}

extension WebContext {
    /// The session of the person signed in (set by the gate).
    func signedIn() throws -> WebSession {
        guard let person else { throw WebError.signInRequired }
        return person
    }
}
