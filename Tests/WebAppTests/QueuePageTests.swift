import Documents
import Foundation
import HTTPTypes
import RecrepoTestSupport
import Testing
import WebApp

/// QA's approval queue: what waits for QA, each signed from the queue with the password through
/// the same service as the CLI; refusals leave main where it was.
@Suite struct QueuePageTests {
    /// An SOP revision submitted by `author` and reviewed by dan, waiting for QA's approval.
    static func sopInReview(_ web: WebPlant, author: Session) throws -> SOP {
        let records = web.plant.records
        web.plant.tick()
        let sop = try records.createSOP(title: "Filter change", body: Data("# Filter change\n\n- [ ] Change the filter\n".utf8),
                                        reason: "New procedure", by: author)
        web.plant.tick(); _ = try records.submitSOP(sop.id, reason: "Ready for review", by: author)
        web.plant.tick(); _ = try records.reviewSOP(sop.id, reason: "Checked", by: web.plant.dan)
        return sop
    }

    @Test func qaSeesTheQueueAndOthersAreRefused() async throws {
        let web = try WebPlant()
        let sop = try Self.sopInReview(web, author: web.plant.dora)
        try await web.test { browser in
            let quinn = browser()
            try await quinn.signIn("quinn", WebPlant.password)
            let page = try await quinn.expectOffered("/queue")
            #expect(page.body.contains("\(sop.id) revision 1: Filter change"))
            #expect(page.body.contains("Signing <strong>\(sop.id) revision 1</strong> with the meaning <strong>approval</strong>"))
            let tess = browser()
            try await tess.signIn("tess", WebPlant.password)
            try await tess.expectForbidden("/queue")
        }
    }

    @Test func qaApprovesAnSOPRevisionWithAnEffectiveDateFromTheQueue() async throws {
        let web = try WebPlant()
        let sop = try Self.sopInReview(web, author: web.plant.dora)
        let later = try web.plant.records.today().adding(days: 10).text
        try await web.test { browser in
            let quinn = browser()
            try await quinn.signIn("quinn", WebPlant.password)
            _ = try await quinn.get("/queue")
            let before = web.head
            var refused = try await quinn.post("/queue/sops/\(sop.id)/approve", [("effective", later), ("password", WebPlant.password)])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("Reason: it is required"))
            refused = try await quinn.post("/queue/sops/\(sop.id)/approve",
                                           [("effective", scriptProbe), ("reason", "Approved"), ("password", WebPlant.password)])
            #expect(refused.status.code >= 400 && refused.status.code < 500, "\(refused.status)")
            #expect(refused.escapesProbe)
            #expect(web.head == before)
            let done = try await quinn.post("/queue/sops/\(sop.id)/approve",
                                            [("effective", later), ("reason", "Approved for use"), ("password", WebPlant.password)])
            #expect(done.location == "/queue?done=sop", "\(done.body)")
            let after = try await quinn.get("/queue?done=sop")
            #expect(after.body.contains("The SOP revision is approved."))
            #expect(after.body.contains("effective from \(later)"))
        }
        let revision = try #require(try web.plant.records.sopRecord(sop.id).revisions.first)
        #expect(revision.status == .approved)
        #expect(revision.approver == "quinn")
        #expect(revision.effectiveDate == later)
    }

    @Test func anAuthorWithTheQARoleMayNotApproveTheirOwnRevision() async throws {
        let web = try WebPlant()
        let both = try web.plant.repo.addUser("dina", roles: [.documentControl, .qa])
        let sop = try Self.sopInReview(web, author: both)
        try await web.test { browser in
            let dina = browser()
            try await dina.signIn("dina", WebPlant.password)
            _ = try await dina.get("/queue")
            let before = web.head
            let refused = try await dina.post("/queue/sops/\(sop.id)/approve", [("reason", "Mine"), ("password", WebPlant.password)])
            #expect(refused.status.code >= 400 && refused.status.code < 500, "\(refused.status)")
            #expect(refused.body.contains("class=\"error\""))
            #expect(web.head == before)
        }
        #expect(try web.plant.records.sopRecord(sop.id).revisions.first?.status == .inReview)
    }

    @Test func qaApprovesThePendingPolicyChangeAndAcknowledgesAnAlert() async throws {
        let web = try WebPlant()
        let proposal = try PolicyKind.Proposal(parsingGrants: [], revokes: [], settings: ["lockoutThreshold=4"])
        _ = try web.plant.records.proposePolicyChange(proposal, reason: "Fewer guesses", by: try web.plant.repo.admin())
        try await web.test { browser in
            let stranger = browser()
            _ = try await stranger.signIn("tess", "a wrong password")
            let quinn = browser()
            try await quinn.signIn("quinn", WebPlant.password)
            let page = try await quinn.get("/queue")
            #expect(page.body.contains("Approve the change"))
            #expect(page.body.contains("failed-sign-in"))
            var done = try await quinn.post("/queue/policy/approve", [("reason", "Agreed"), ("password", WebPlant.password)])
            #expect(done.location == "/queue?done=policy", "\(done.body)")
            let alert = try #require(try web.plant.records.alerts(open: true).first)
            _ = try await quinn.get("/queue")
            done = try await quinn.post("/queue/alerts/\(alert.id)/acknowledge", [("reason", scriptProbe), ("password", WebPlant.password)])
            #expect(done.location == "/queue?done=alert", "\(done.body)")
            let record = try await quinn.get("/records/\(alert.id)")
            #expect(record.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(record.escapesProbe)
        }
        #expect(try web.plant.records.policy().lockoutThreshold == 4)
        #expect(try web.plant.records.alerts(open: true).isEmpty)
    }
}

/// The deviation a supervisor investigated and assessed, approved by QA from the queue.
@Suite struct QueueDeviationTests {
    @Test func qaApprovesAnAssessedDeviationFromTheQueue() async throws {
        let web = try WebPlant()
        let records = web.plant.records
        let opened = try records.openDeviation(title: scriptProbe, classification: .minor, links: Deviation.Links(equipment: "AC-101"),
                                               description: "Gasket not OEM", by: web.plant.tess)
        web.plant.tick(); _ = try records.investigateDeviation(opened.id, rootCause: "Stock-out", reason: "Found", by: web.plant.sam)
        web.plant.tick(); _ = try records.assessDeviation(opened.id, impact: "None", reason: "Assessed", by: web.plant.sam)
        try await web.test { browser in
            let quinn = browser()
            try await quinn.signIn("quinn", WebPlant.password)
            let page = try await quinn.get("/queue")
            #expect(page.body.contains("Approve the investigation"))
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(page.escapesProbe)
            let before = web.head
            let refused = try await quinn.post("/queue/deviations/\(opened.id)/close", [("reason", "Done"), ("password", WebPlant.password)])
            #expect(refused.status.code >= 400 && refused.status.code < 500, "\(refused.status)")
            #expect(web.head == before)
            let done = try await quinn.post("/queue/deviations/\(opened.id)/approve", [("reason", "Agreed"), ("password", WebPlant.password)])
            #expect(done.location == "/queue?done=deviation", "\(done.body)")
        }
        #expect(try web.plant.records.deviations().first?.status == .approved)
    }
}

/// A CAPA whose action is implemented, verified by QA from the queue.
@Suite struct QueueCAPATests {
    @Test func qaVerifiesAnImplementedCAPAFromTheQueue() async throws {
        let web = try WebPlant()
        let records = web.plant.records
        let capa = try records.openCAPA(title: "Gasket supply", deviation: nil, reason: "Repeated stock-outs", by: web.plant.sam)
        let due = try records.today().adding(days: 14).text
        web.plant.tick(); _ = try records.planCAPA(capa.id, action: "Second supplier", owner: "sam", due: due, reason: "Plan", by: web.plant.sam)
        web.plant.tick(); _ = try records.implementCAPA(capa.id, action: 1, evidence: "Contract signed", reason: "Done", by: web.plant.sam)
        // The policy waits 30 days after the last action before effectiveness may be checked.
        web.plant.tick(31 * 86_400)
        try await web.test { browser in
            let quinn = browser()
            try await quinn.signIn("quinn", WebPlant.password)
            let page = try await quinn.get("/queue")
            #expect(page.body.contains("Sign the verification"))
            let before = web.head
            let refused = try await quinn.post("/queue/capas/\(capa.id)/verify", [("effective", scriptProbe), ("reason", "Checked"),
                                                                                 ("password", WebPlant.password)])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("effective: yes or no"))
            #expect(refused.escapesProbe)
            #expect(web.head == before)
            let done = try await quinn.post("/queue/capas/\(capa.id)/verify", [("effective", "yes"), ("reason", "No stock-out since"),
                                                                              ("password", WebPlant.password)])
            #expect(done.location == "/queue?done=capa", "\(done.body)")
        }
        #expect(try web.plant.records.capas().first?.verifications?.first?.by == "quinn")
    }
}
