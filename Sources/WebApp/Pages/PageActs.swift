import Documents
import Foundation
import Hummingbird

/// What the pages beyond the job share: the viewer with a role check, and the registration of a
/// signed act that answers a refusal with its page again, the service's message and its status.
extension Records {
    /// The person signed in as a viewer; 403 without `role` (nil: anyone signed in).
    func viewer(_ session: WebSession, needs role: Role? = nil, for page: String = "this page") throws -> Viewer {
        guard let account = try account(session.user), account.status == .active else { throw WebError.signInRequired }
        if let role, !account.has(role) {
            throw WebError.forbidden("\(page) is for the role \(role.rawValue); your roles do not include it")
        }
        return Viewer(account: account, csrf: session.csrf)
    }
}

/// How a page renders itself after a GET or a refused act.
typealias PageRender = @Sendable (WebContext, Page.Notice?, HTTPResponse.Status) async throws -> Response

/// A signed act as a page's form sends it: the act to sign and where to go when it is recorded.
typealias PageSigning = (act: @Sendable (Records, Session) throws -> Void, then: String)

enum PageActs {
    /// Registers `POST path`: reads the form (CSRF checked, unknown fields refused), takes the
    /// password, lets `build` take the other fields, then signs with that password. A refusal shows
    /// `render` again with the message and the refusal's status; main is left where it was.
    static func post(_ router: Router<WebContext>, _ site: Site, _ path: String, limit: Int = 64 * 1024, render: @escaping PageRender,
                     _ build: @escaping @Sendable (inout FormBody, WebContext) throws -> PageSigning) {
        post(router, site, path, limit: limit, render: render) { form, context, _ in try build(&form, context) }
    }

    /// As `post`, with the password given to `build` too (the password change signs with the
    /// current password and hands it to the service as the old one).
    static func post(_ router: Router<WebContext>, _ site: Site, _ path: String, limit: Int = 64 * 1024, render: @escaping PageRender,
                     _ build: @escaping @Sendable (inout FormBody, WebContext, String) throws -> PageSigning) {
        router.post(RouterPath(path)) { request, context in
            do {
                var then = ""
                try await sign(request, context, site, limit: limit) { form, context, password in
                    let signing = try build(&form, context, password)
                    then = signing.then
                    return signing.act
                }
                return Response.redirect(then)
            } catch {
                return try await refused(error, context, render)
            }
        }
    }

    /// Reads the form, takes the password, lets `build` take the other fields and name the act,
    /// then signs it with that password; returns what the act returned.
    static func sign<T: Sendable>(_ request: Request, _ context: WebContext, _ site: Site, limit: Int = 64 * 1024,
                                  _ build: (inout FormBody, WebContext, String) throws -> @Sendable (Records, Session) throws -> T) async throws -> T {
        let session = try context.signedIn()
        var form = try await FormBody.read(request, context: context, limit: limit)
        let password = try form.required("password")
        let act = try build(&form, context, password)
        try form.finish()
        return try await site.sign(as: session.user, password: password, from: context.clientAddress) { records, signer in
            try act(records, signer)
        }
    }

    /// A refusal as the page shows it: the page again with the message and the refusal's status.
    /// Refusals that leave no page to show (a forged form, no session, an unknown record) go to the error pages.
    static func refused(_ error: any Error, _ context: WebContext, _ render: PageRender) async throws -> Response {
        guard let refusal = WebError.from(error), refusal.status.code < 500, !JobPages.isPageless(refusal) else { throw error }
        return try await render(context, .error(refusal.description), refusal.status)
    }

    /// The fixed message a page shows for `?done=` (never text from the request).
    static func notice(_ request: Request, _ messages: [String: String]) -> Page.Notice? {
        request.uri.queryParameters["done"].flatMap { messages[String($0)] }.map { .done($0) }
    }

    /// A list of items under a heading, or "Nothing waiting."
    static func section(_ title: String, id: String, _ items: [String], empty: String = "Nothing waiting.") -> String {
        var out = "<section aria-labelledby=\"\(HTML.e(id))\"><h2 id=\"\(HTML.e(id))\">\(HTML.e(title)) (\(items.count))</h2>\n"
        out += items.isEmpty ? "<p class=\"muted\">\(HTML.e(empty))</p>\n" : "<ul class=\"jobs\">\n" + items.map { "<li>\($0)</li>\n" }.joined() + "</ul>\n"
        return out + "</section>\n"
    }
}
