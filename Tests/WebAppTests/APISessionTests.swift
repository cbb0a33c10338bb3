import Documents
import Foundation
import HTTPTypes
import RecordRepo
import RecrepoTestSupport
import Testing
import WebApp

/// Signing in and out through the API: the same rules and the same single refusal as the sign-in
/// page, lockout counted, the session ended on the server, and every body read strictly.
@Suite struct APISessionTests {
    static let refusal = "The user ID or the password is not right, or this account cannot sign in. Each failed attempt counts toward locking the account."

    @Test func signInAnswersTheUserAndTokenAndSignOutEndsTheSessionOnTheServer() async throws {
        let web = try WebPlant()
        try await web.test { browser in
            let tess = APIClient(browser())
            let signed = try await tess.signIn("tess", WebPlant.password)
            #expect(signed.status == .ok)
            #expect(signed.json["user"] as? String == "tess")
            #expect((tess.csrf ?? "").count >= 40)
            #expect(signed.headers[values: .setCookie].contains { $0.hasPrefix("recrepo_session=") && $0.contains("HttpOnly") })
            let who = try await tess.call(.get, "/api/v1/session")
            #expect(who.json["user"] as? String == "tess" && who.json["csrf"] as? String == tess.csrf)
            let cookie = tess.web.cookies["recrepo_session"] ?? ""
            let token = tess.csrf ?? ""

            let out = try await tess.call(.delete, "/api/v1/session")
            #expect(out.status == .noContent)
            let after = try await tess.call(.get, "/api/v1/session")
            #expect(after.status == .unauthorized)

            // The old cookie, replayed after sign-out, opens nothing.
            let replay = APIClient(browser())
            let answer = try await replay.web.send("/api/v1/jobs", method: .get, extra: [.cookie: "recrepo_session=\(cookie)"])
            #expect(answer.status == .unauthorized)
            #expect(answer.body.contains("\"status\":401"))
            // Nor does it sign anything, even with the session's token and the password.
            let head = web.head
            let body = #"{"password":"user password 1","equipment":"AC-101","title":"Replay","reason":"Replayed"}"#
            let signing = try await replay.web.send("/api/v1/requests", method: .post, body: body, type: "application/json",
                                                    extra: [.cookie: "recrepo_session=\(cookie)", .init("X-CSRF-Token")!: token])
            #expect(signing.status == .unauthorized)
            #expect(web.head == head)
        }
    }

    @Test func aSessionIdleLongerThanThePolicyAllowsIsRefused() async throws {
        let web = try WebPlant()
        try await web.test { browser in
            let tess = APIClient(browser())
            try await tess.signIn("tess", WebPlant.password)
            web.plant.tick(14 * 60)
            #expect(try await tess.call(.get, "/api/v1/jobs").status == .ok)
            web.plant.tick(16 * 60)
            let ended = try await tess.call(.get, "/api/v1/jobs")
            #expect(ended.status == .unauthorized && ended.error.contains("sign in"))
        }
    }

    @Test func anAddressTheAPIDoesNotHaveAnswersJSON404() async throws {
        let web = try WebPlant()
        try await web.test { browser in
            let tess = APIClient(browser())
            try await tess.signIn("tess", WebPlant.password)
            let missing = try await tess.web.send("/api/v1/nothing-here", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "application/json")
            #expect(missing.body.contains("\"status\":404"))
        }
    }

    @Test func signOutWithoutTheSessionsTokenIsRefusedAndTheSessionLives() async throws {
        let web = try WebPlant()
        try await web.test { browser in
            let tess = APIClient(browser())
            try await tess.signIn("tess", WebPlant.password)
            #expect(try await tess.call(.delete, "/api/v1/session", token: .some(nil)).status == .forbidden)
            #expect(try await tess.call(.delete, "/api/v1/session", token: "forged-token").status == .forbidden)
            #expect(try await tess.call(.get, "/api/v1/session").status == .ok)
        }
    }

    @Test func aWrongPasswordGetsTheOneRefusalAndCountsTowardLockout() async throws {
        let web = try WebPlant()
        let before = try web.plant.records.keystore.failures(user: "tess")
        try await web.test { browser in
            let guess = APIClient(browser())
            let refused = try await guess.signIn("tess", "not the password")
            #expect(refused.status == .unauthorized)
            #expect(refused.error == Self.refusal)
            #expect(!refused.headers[values: .setCookie].contains { $0.hasPrefix("recrepo_session=") })
            #expect(try await guess.call(.get, "/api/v1/session").status == .unauthorized)
            let unknown = try await guess.signIn("nobody", "not the password")
            #expect(unknown.status == .unauthorized && unknown.error == Self.refusal)
        }
        #expect(try web.plant.records.keystore.failures(user: "tess") == before + 1)
    }

    @Test func theFifthWrongPasswordLocksTheAccountAndSaysSo() async throws {
        let web = try WebPlant()
        try await web.test { browser in
            let guess = APIClient(browser())
            for _ in 1...4 { #expect(try await guess.signIn("tom", "a wrong guess").error == Self.refusal) }
            let locked = try await guess.signIn("tom", "a wrong guess")
            #expect(locked.status == .unauthorized)
            #expect(locked.error.contains("locked"))
            #expect(try await guess.signIn("tom", WebPlant.password).status == .unauthorized)
        }
        #expect(try web.plant.records.account("tom")?.status == .locked)
    }

    @Test func aDisabledAccountGetsTheSameRefusal() async throws {
        let web = try WebPlant()
        _ = try web.plant.records.disableUser("tom", reason: "Left the company", by: try web.plant.repo.admin())
        let head = web.head
        try await web.test { browser in
            let tom = APIClient(browser())
            let refused = try await tom.signIn("tom", WebPlant.password)
            #expect(refused.status == .unauthorized)
            #expect(refused.error == Self.refusal)
        }
        #expect(web.head == head)
    }

    @Test func malformedOrUnknownOrMistypedBodiesAreRefusedNamingTheField() async throws {
        let web = try WebPlant()
        let head = web.head
        try await web.test { browser in
            let api = APIClient(browser())
            let malformed = try await api.call(.post, "/api/v1/session", raw: "{\"user\": \"tess\", ")
            #expect(malformed.status == .badRequest && malformed.error.contains("not well-formed JSON"))
            let unknown = try await api.call(.post, "/api/v1/session", ["user": "tess", "password": WebPlant.password, "admin": true])
            #expect(unknown.status == .badRequest && unknown.error.hasPrefix("admin:"))
            let typed = try await api.call(.post, "/api/v1/session", ["user": 42, "password": WebPlant.password])
            #expect(typed.status == .badRequest && typed.error.hasPrefix("user: it must be a string"))
            let list = try await api.call(.post, "/api/v1/session", raw: "[1, 2]")
            #expect(list.status == .badRequest)
            let form = try await api.call(.post, "/api/v1/session", raw: "user=tess&password=x", type: "application/x-www-form-urlencoded")
            #expect(form.status == .badRequest && form.error.hasPrefix("Content-Type:"))
            let huge = try await api.call(.post, "/api/v1/session", ["user": "tess", "password": String(repeating: "x", count: 20_000)])
            #expect(huge.status == .contentTooLarge)
            #expect(try await api.call(.get, "/api/v1/session").status == .unauthorized)
        }
        #expect(web.head == head)
    }
}
