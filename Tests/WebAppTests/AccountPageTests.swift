import Documents
import Foundation
import HTTPTypes
import RecrepoTestSupport
import Testing
import WebApp

/// A new person's first visit: sign-in sends them to "My account", where they sign the
/// acknowledgement and change the one-time password, each with the password they hold now.
@Suite struct AccountPageTests {
    /// A new account "nina" with its one-time password issued by quinn (the custodian); not yet acknowledged.
    static func newcomer(_ web: WebPlant) throws -> String {
        let admin = try web.plant.repo.admin()
        _ = try web.plant.records.addUser("nina", name: "Nina New", roles: [.technician], department: "Maintenance",
                                          identity: Account.Identity(method: "badge", reference: "B-nina"), custodian: "quinn",
                                          password: "one-time secret 1", reason: "New starter", by: admin)
        return try web.plant.repo.issue("nina", by: "quinn")
    }

    @Test func aNewcomerAcknowledgesAndChangesThePasswordFromTheAccountPage() async throws {
        let web = try WebPlant()
        let oneTime = try Self.newcomer(web)
        try await web.test { browser in
            let nina = browser()
            let signedIn = try await nina.signIn("nina", oneTime)
            #expect(signedIn.location == "/account")
            let page = try await nina.expectOffered("/account")
            #expect(page.body.contains("Sign the acknowledgement"))
            #expect(page.body.contains("one-time password"))
            #expect(page.body.contains("technician"))
            var done = try await nina.post("/account/acknowledge", [("password", oneTime)])
            #expect(done.status == .seeOther, "\(done.body)")
            _ = try await nina.get("/account")
            done = try await nina.post("/account/password", [("new", "a new password 7"), ("repeat", "a new password 7"), ("password", oneTime)])
            #expect(done.location == "/account?done=password", "\(done.body)")
            let after = try await nina.get("/account?done=password")
            #expect(after.body.contains("Your password is changed"))
            #expect(!after.body.contains("Sign the acknowledgement"))
        }
        let account = try #require(try web.plant.records.account("nina"))
        #expect(account.acknowledgedAt != nil)
        #expect(!account.mustChangePassword)
        _ = try web.plant.records.authenticate("nina", password: "a new password 7")
    }

    @Test func aWrongPasswordOrAMismatchedRepeatIsRefusedAndRecordsNothing() async throws {
        let web = try WebPlant()
        let oneTime = try Self.newcomer(web)
        try await web.test { browser in
            let nina = browser()
            try await nina.signIn("nina", oneTime)
            _ = try await nina.get("/account")
            var refused = try await nina.post("/account/acknowledge", [("password", "not my password")])
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("password"))
            // A wrong password records its security alert (as in the CLI) and nothing else.
            #expect(try web.plant.records.alerts(open: true).count == 1)
            #expect(try web.plant.records.account("nina")?.acknowledgedAt == nil)
            let before = web.head
            refused = try await nina.post("/account/acknowledge", [("password", oneTime), ("reason", scriptProbe)])
            #expect(refused.status == .badRequest)
            #expect(refused.escapesProbe)
            #expect(web.head == before)
            refused = try await nina.post("/account/password", [("new", scriptProbe), ("repeat", "something else 1"), ("password", oneTime)])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("differs from the new password"))
            #expect(refused.escapesProbe)
            #expect(web.head == before)
            // The service's own rule: a password change before the acknowledgement is refused.
            refused = try await nina.post("/account/password", [("new", "a new password 7"), ("repeat", "a new password 7"), ("password", oneTime)])
            #expect(refused.status.code >= 400 && refused.status.code < 500, "\(refused.status)")
            #expect(web.head == before)
        }
        #expect(try web.plant.records.account("nina")?.acknowledgedAt == nil)
    }
}
