import Documents
import Foundation
import Hummingbird
import HummingbirdAuth

/// Sign-in and sign-out (§11.10(d), §11.300). A refused sign-in says the same whatever the reason
/// (no such user, wrong password, disabled), so that the page does not tell who has an account;
/// each wrong password counts toward lockout and raises its alert exactly as in the CLI.
enum SignInPages {
    static func register(on router: Router<WebContext>, site: Site) {
        router.get("/sign-in") { request, context in
            if context.sessions.session != nil { return Response.redirect("/") }
            return signInResponse(page: nil, status: .ok, secure: site.configuration.secure, reusing: request.cookies[tokenCookie]?.value)
        }
        router.post("/sign-in") { request, context in
            var form = try await FormBody.parse(request, limit: 16 * 1024)
            // Before a session exists, the form's token is checked against the cookie the sign-in
            // page set (a double-submit token), so no other site can sign a person in.
            try form.checkToken(request.cookies[tokenCookie]?.value ?? "")
            let user = form.optional("user") ?? ""
            let password = form.optional("password") ?? ""
            try form.finish()
            do {
                let session = try await site.authenticate(user, password: password, from: context.clientAddress)
                let now = site.now
                let policy = try await site.policy()
                context.sessions.createSession(WebSession(user: session.account.id, csrf: WebSession.token(), signedInAt: now, lastSeen: now),
                                            expiresIn: .seconds(policy.sessionMax * 3600))
                return Response.redirect(session.passwordChangeReason != nil || !session.acknowledged ? "/account" : "/")
            } catch {
                guard let refusal = WebError.from(error), refusal.status != .serviceUnavailable else { throw error }
                return signInResponse(page: Self.message(refusal), status: .unauthorized, secure: site.configuration.secure,
                                      reusing: request.cookies[tokenCookie]?.value)
            }
        }
        router.post("/sign-out") { request, context in
            _ = try await FormBody.read(request, context: context)
            context.sessions.clearSession()
            return Response.html(Page("Signed out", notice: .done("You are signed out; this session has ended on the server."),
                                      "<p>\(HTML.link("/sign-in", "Sign in again"))</p>").html(for: nil))
        }
    }

    /// One message for every refusal that could tell whether the account exists; a lockout is said
    /// as such, since the person must go to an administrator.
    static func message(_ error: WebError) -> String {
        if case .refused(.lockedOut) = error { return "The account is now locked after too many failed attempts. An administrator must reset it." }
        return "The user ID or the password is not right, or this account cannot sign in. Each failed attempt counts toward locking the account."
    }

    static let tokenCookie = "recrepo_signin"

    /// The sign-in page with its token, in the form and in a cookie for the sign-in path only. The
    /// browser's token is kept when it sends one, so that loading the page again (in a second tab, or
    /// the browser following a redirect to it for the favicon) leaves the first page's form valid.
    static func signInResponse(page refused: String?, status: HTTPResponse.Status, secure: Bool, reusing sent: String? = nil) -> Response {
        let token = sent.flatMap { WebSession.isToken($0) ? $0 : nil } ?? WebSession.token()
        var response = Response.html(page(refused: refused, token: token).html(for: nil), status: status)
        let cookie = Cookie(name: tokenCookie, value: token, path: "/sign-in", secure: secure, httpOnly: true, sameSite: .strict)
        response.headers[.setCookie] = cookie.description
        return response
    }

    static func page(refused: String? = nil, token: String) -> Page {
        Page("Sign in", notice: refused.map { .error($0) }, """
            <form class="sign" method="post" action="/sign-in">
            <input type="hidden" name="csrf" value="\(HTML.e(token))">
            \(HTML.field("user", label: "User ID", id: "user", required: true, extra: " autocomplete=\"username\" autocapitalize=\"none\""))\
            \(HTML.field("password", label: "Password", id: "password", type: "password", required: true, extra: " autocomplete=\"current-password\""))\
            <button type="submit">Sign in</button>
            </form>
            <p class="muted">Every signature you make here asks for your password again and says what it means.</p>
            """)
    }
}
