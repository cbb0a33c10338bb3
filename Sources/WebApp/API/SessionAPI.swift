import Documents
import Foundation
import Hummingbird
import HummingbirdAuth

/// Signing in and out through the API, with the same rules as the sign-in page: one message for
/// every refusal that could tell whether an account exists, each wrong password counted toward
/// lockout by `site.authenticate`, and the same session cookie.
enum SessionAPI {
    struct Signed: Encodable {
        let user: String
        let csrf: String
    }

    static func register(on router: Router<WebContext>, site: Site) {
        // Open to anyone (see `SignInGate.open`). A JSON body cannot be sent by another site's form,
        // and the session cookie is SameSite=Strict.
        router.post("/api/v1/session") { request, context in
            var body = try await JSONBody.parse(request)
            let user = try body.optional("user") ?? ""
            let password = try body.optional("password") ?? ""
            try body.finish()
            do {
                let session = try await site.authenticate(user, password: password, from: context.clientAddress)
                let now = site.now
                let policy = try await site.policy()
                let signed = WebSession(user: session.account.id, csrf: WebSession.token(), signedInAt: now, lastSeen: now)
                context.sessions.createSession(signed, expiresIn: .seconds(policy.sessionMax * 3600))
                return try Response.json(Signed(user: signed.user, csrf: signed.csrf))
            } catch {
                guard let refusal = WebError.from(error), refusal.status != .serviceUnavailable else { throw error }
                return ErrorPages.json(status: .unauthorized, message: SignInPages.message(refusal))
            }
        }
        router.get("/api/v1/session") { _, context in
            let session = try context.signedIn()
            return try Response.json(Signed(user: session.user, csrf: session.csrf))
        }
        router.delete("/api/v1/session") { request, context in
            let session = try context.signedIn()
            try JSONBody.checkToken(request, expected: session.csrf)
            context.sessions.clearSession()
            return Response(status: .noContent)
        }
    }
}
