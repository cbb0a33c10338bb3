import Foundation
import HTTPTypes
import Testing
import WebApp

/// The sign-in page's token survives the page being loaded again in the same browser: a second
/// tab, or the browser following the redirect to the sign-in page for its favicon, must not make
/// the first page's form a forgery.
@Suite struct SignInTokenTests {
    @Test func loadingTheSignInPageAgainKeepsTheFirstFormValid() async throws {
        let web = try WebPlant()
        try await web.test { browser in
            let tess = browser()
            let first = try await tess.get("/sign-in")
            let token = try #require(WebClient.token(in: first.body))
            // What Chromium does for /favicon.ico before anyone has signed in.
            let favicon = try await tess.get("/favicon.ico")
            #expect(favicon.status == .seeOther)
            let again = try await tess.get(try #require(favicon.location))
            #expect(WebClient.token(in: again.body) == token)
            let signedIn = try await tess.post("/sign-in", [("user", "tess"), ("password", WebPlant.password)], token: token)
            #expect(signedIn.status == .seeOther, "\(signedIn.body)")
            #expect(try await tess.get("/").status == .ok)
        }
    }

    @Test func aTokenCookieThatIsNoTokenIsReplaced() async throws {
        let web = try WebPlant()
        try await web.test { browser in
            let tess = browser()
            let page = try await tess.send("/sign-in", method: .get, extra: [.cookie: "recrepo_signin=chosen-by-someone-else"])
            let token = try #require(WebClient.token(in: page.body))
            #expect(token != "chosen-by-someone-else")
            #expect(token.count == 43)
        }
    }
}
