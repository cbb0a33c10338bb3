import Documents
import Foundation
import HTTPTypes
import RecordRepo
import RecrepoTestSupport
import Testing
import WebApp

/// Sign-in, sessions and their end (§11.10(d), §11.300): what a session may do and when it stops.
@Suite struct SessionTests {
    static let refusal = "The user ID or the password is not right, or this account cannot sign in."

    @Test("the session cookie is HttpOnly and SameSite=Strict, and every response carries the strict CSP")
    func cookieAndHeaders() async throws {
        let web = try WebPlant()
        try await web.test { browser in
            let tess = browser()
            let page = try await tess.get("/sign-in")
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            #expect(page.headers[.contentSecurityPolicy]?.contains("'unsafe-inline'") == false)
            let signedIn = try await tess.signIn("tess", WebPlant.password)
            let cookie = signedIn.headers[values: .setCookie].first { $0.hasPrefix("recrepo_session=") } ?? ""
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            #expect(signedIn.headers[.contentSecurityPolicy] != nil)
        }
    }

    @Test("an unknown user, a wrong password and a disabled account get the same words, so the page tells nobody who has an account")
    func noUserEnumeration() async throws {
        let web = try WebPlant()
        web.plant.tick()
        _ = try web.plant.records.disableUser("tom", reason: "Left", by: try web.plant.repo.admin())
        try await web.test { browser in
            var bodies: [String] = []
            for (user, password) in [("nobody", "whatever pass 1"), ("tess", "wrong password 1"), ("tom", WebPlant.password)] {
                let page = try await browser().signIn(user, password)
                #expect(page.status == .unauthorized)
                #expect(page.body.contains(Self.refusal))
                bodies.append(page.body.replacingOccurrences(of: #"value="[^"]*""#, with: "", options: .regularExpression))
            }
            #expect(Set(bodies).count == 1)
        }
    }

    @Test("a wrong password on a signing counts toward lockout and raises the alert the CLI raises; the job is untouched")
    func wrongPasswordOnSigning() async throws {
        let web = try WebPlant()
        let order = try web.job()
        try await web.test { browser in
            let tess = browser()
            try await tess.signIn("tess", WebPlant.password)
            _ = try await tess.get("/jobs/\(order.id)")
            let before = web.head
            let refused = try await tess.post("/jobs/\(order.id)/start", [("reason", "On site"), ("password", "not my password")])
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("wrong password"))
            // The one act since is the alert's, signed by the system, as a wrong password at the CLI records it.
            let act = try web.plant.records.ledger.act(try #require(ObjectID(hex: web.head)))
            #expect(act.record.hasPrefix("ALERT-") && act.parent?.hex == before)
        }
        #expect(try web.plant.records.workOrder(order.id).status == .open)
        let alerts = try web.plant.records.alerts(open: true).filter { $0.user == "tess" && $0.kind == .failedSignIn }
        #expect(alerts.count == 1)
    }

    @Test("a session used within the idle timeout lives on; one left idle longer ends, and the page asks for sign-in")
    func idleTimeout() async throws {
        let web = try WebPlant()
        try await web.test { browser in
            let tess = browser()
            try await tess.signIn("tess", WebPlant.password)
            web.plant.tick(14 * 60)
            #expect(try await tess.get("/").status == .ok)
            web.plant.tick(16 * 60)
            let ended = try await tess.get("/")
            #expect(ended.status == .seeOther && ended.location == "/sign-in")
        }
    }

    @Test("a session of an account disabled meanwhile ends: the next page asks for sign-in")
    func disabledAccountLosesItsSession() async throws {
        let web = try WebPlant()
        try await web.test { browser in
            let tom = browser()
            try await tom.signIn("tom", WebPlant.password)
            #expect(try await tom.get("/").status == .ok)
            web.plant.tick()
            _ = try web.plant.records.disableUser("tom", reason: "Left", by: try web.plant.repo.admin())
            try await Task.sleep(for: .milliseconds(1_100))
            #expect(try await tom.get("/").location == "/sign-in")
        }
    }

    @Test("however active, a session ends after the policy's lifetime (12 hours)")
    func absoluteLifetime() async throws {
        let web = try WebPlant()
        try await web.test { browser in
            let tess = browser()
            try await tess.signIn("tess", WebPlant.password)
            for _ in 0..<51 {
                web.plant.tick(14 * 60)
                #expect(try await tess.get("/").status == .ok)
            }
            web.plant.tick(14 * 60)
            #expect(try await tess.get("/").location == "/sign-in")
        }
    }

    @Test("after sign-out the old cookie opens nothing and signs nothing: the session ended on the server")
    func replayAfterSignOut() async throws {
        let web = try WebPlant()
        let order = try web.job()
        try await web.test { browser in
            let tess = browser()
            try await tess.signIn("tess", WebPlant.password)
            _ = try await tess.get("/jobs/\(order.id)")
            let cookies = tess.cookies
            let token = tess.token
            _ = try await tess.post("/sign-out", [])
            let replay = browser()
            replay.restore(cookies: cookies, token: token)
            #expect(try await replay.get("/").location == "/sign-in")
            let before = web.head
            let act = try await replay.post("/jobs/\(order.id)/start", [("reason", "Replayed"), ("password", WebPlant.password)])
            #expect(act.status == .unauthorized)
            #expect(web.head == before)
        }
    }
}
