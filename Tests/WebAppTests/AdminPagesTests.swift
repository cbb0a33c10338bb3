import Documents
import Foundation
import HTTPTypes
import RecrepoTestSupport
import Testing
import WebApp

/// The administrator's accounts and policy pages: a new account under dual control (the custodian
/// issues the second half from their own account page), and a policy change proposed for QA.
@Suite struct AdminPagesTests {
    @Test func anAdminAddsAUserAndTheCustodianIssuesTheSecondHalf() async throws {
        let web = try WebPlant()
        try await web.test { browser in
            let alice = browser()
            try await alice.signIn("alice", TestRepository.adminPassword)
            let page = try await alice.expectOffered("/accounts")
            #expect(page.body.contains("<option value=\"quinn\">"))
            let fields = [("id", "nina"), ("name", "Nina New"), ("role.technician", "1"), ("department", "Maintenance"),
                          ("identityMethod", "badge"), ("identityReference", "B-77"), ("custodian", "quinn")]
            let before = web.head
            let refused = try await alice.post("/accounts", fields.filter { $0.0 != "role.technician" } + [("reason", "New starter"),
                                                                                                          ("password", TestRepository.adminPassword)])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("Roles: choose at least one role"))
            let named = try await alice.post("/accounts", fields.map { $0.0 == "name" ? ("name", scriptProbe) : $0 }
                                                 + [("reason", "New starter"), ("password", TestRepository.adminPassword)])
            #expect(named.status == .unprocessableContent)
            #expect(named.body.contains("a name may not contain"))
            #expect(named.escapesProbe)
            #expect(web.head == before)
            let created = try await alice.post("/accounts", fields + [("reason", "New starter"), ("password", TestRepository.adminPassword)])
            #expect(created.status == .ok, "\(created.body)")
            #expect(created.body.contains("first half of its one-time password"))
            let quinn = browser()
            try await quinn.signIn("quinn", WebPlant.password)
            let mine = try await quinn.get("/account")
            #expect(mine.body.contains("Issue the second half for nina"))
            try await quinn.expectForbidden("/accounts")
            let issued = try await quinn.post("/account/issue/nina", [("reason", "Issued in person"), ("password", WebPlant.password)])
            #expect(issued.status == .ok, "\(issued.body)")
            #expect(issued.body.contains("The second half of nina"))
        }
        let nina = try #require(try web.plant.records.account("nina"))
        #expect(nina.roles == [.technician])
        #expect(nina.currentKey != nil)
    }

    @Test func anAdminProposesAPolicyChangeAndTheRefusalsRecordNothing() async throws {
        let web = try WebPlant()
        try await web.test { browser in
            let alice = browser()
            try await alice.signIn("alice", TestRepository.adminPassword)
            _ = try await alice.expectOffered("/policy")
            let before = web.head
            let refused = try await alice.post("/policy/propose", [("set", scriptProbe), ("reason", "Tighter"), ("password", TestRepository.adminPassword)])
            #expect(refused.status.code >= 400 && refused.status.code < 500, "\(refused.status)")
            #expect(refused.escapesProbe)
            #expect(web.head == before)
            let done = try await alice.post("/policy/propose", [("set", "lockoutThreshold=4"), ("grant", ""), ("revoke", ""), ("reason", "Tighter"),
                                                                 ("password", TestRepository.adminPassword)])
            #expect(done.location == "/policy?done=proposed", "\(done.body)")
            let shown = try await alice.get("/policy")
            #expect(shown.body.contains("Waiting for approval"))
            let sam = browser()
            try await sam.signIn("sam", WebPlant.password)
            try await sam.expectForbidden("/policy")
        }
        #expect(try web.plant.records.policy().pending != nil)
    }
}
