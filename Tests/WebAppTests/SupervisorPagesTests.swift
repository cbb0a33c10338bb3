import Documents
import Foundation
import HTTPTypes
import RecrepoTestSupport
import Testing
import WebApp

/// The supervisor's pages: requests accepted into jobs or declined, completed jobs to review, and
/// the PM plans QA approves.
@Suite struct SupervisorPagesTests {
    @Test func theSupervisorAcceptsOneRequestIntoAJobAndDeclinesAnother() async throws {
        let web = try WebPlant()
        let sop = try web.plant.effectiveSOP("# Door repair\n\n- [ ] Fix the door\n")
        let records = web.plant.records
        let broken = try records.raiseRequest(equipment: "AC-101", title: "Door sticks", description: "The door sticks", by: web.plant.tess)
        web.plant.tick()
        let noisy = try records.raiseRequest(equipment: "AC-101", title: scriptProbe, description: "Noisy fan", by: web.plant.tom)
        let due = try records.today().adding(days: 3).text
        try await web.test { browser in
            let sam = browser()
            try await sam.signIn("sam", WebPlant.password)
            let page = try await sam.expectOffered("/requests")
            #expect(page.body.contains("Door sticks"))
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(page.escapesProbe)
            #expect(page.body.contains("<option value=\"\(sop.id)\">"))
            let before = web.head
            var refused = try await sam.post("/requests/\(noisy.id)/decline", [("password", WebPlant.password)])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("Reason: it is required"))
            refused = try await sam.post("/requests/\(broken.id)/accept", [("sop", sop.id), ("priority", "whenever"), ("reason", "Fix it"),
                                                                          ("password", WebPlant.password)])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("priority: one of low, normal, high, urgent"))
            #expect(web.head == before)
            var done = try await sam.post("/requests/\(broken.id)/accept", [("sop", sop.id), ("assignee", "tess"), ("priority", "high"),
                                                                           ("due", due), ("reason", "Fix it this week"), ("password", WebPlant.password)])
            #expect(done.location == "/requests?done=accepted", "\(done.body)")
            _ = try await sam.get("/requests")
            done = try await sam.post("/requests/\(noisy.id)/decline", [("reason", "Within the fan's specification"), ("password", WebPlant.password)])
            #expect(done.location == "/requests?done=declined", "\(done.body)")
            let tess = browser()
            try await tess.signIn("tess", WebPlant.password)
            try await tess.expectForbidden("/requests")
            try await tess.expectForbidden("/review")
            try await tess.expectForbidden("/plans")
        }
        let accepted = try #require(try records.requests(open: false).first { $0.id == broken.id })
        #expect(accepted.status == .accepted)
        let job = try records.workOrder(try #require(accepted.workOrder))
        #expect(job.assignee == "tess")
        #expect(job.priority == .high)
        #expect(job.due == due)
        #expect(try web.plant.records.requests(open: false).first { $0.id == noisy.id }?.status == .declined)
    }

    @Test func theReviewListShowsCompletedJobsAndPlansAwaitQAsApproval() async throws {
        let web = try WebPlant()
        let sop = try web.plant.effectiveSOP("# Weekly check\n\n- [ ] Look\n")
        let records = web.plant.records
        let order = try web.plant.job(sop.id)
        web.plant.tick(); _ = try records.startWorkOrder(order.id, reason: nil, by: web.plant.tess)
        web.plant.tick(); _ = try records.signStep(order.id, number: 1, note: nil, by: web.plant.tess)
        web.plant.tick(); _ = try records.completeWorkOrder(order.id, reason: "Done", by: web.plant.tess)
        let definition = PMPlan.Definition(title: "Weekly look", equipment: "AC-101", sop: sop.id, assignee: "tess",
                                           trigger: PMPlan.Trigger(kind: .calendar, every: 1, unit: .weeks, from: try records.today().text))
        web.plant.tick()
        let plan = try records.addPlan(definition, reason: "New PM", by: web.plant.sam)
        try await web.test { browser in
            let sam = browser()
            try await sam.signIn("sam", WebPlant.password)
            let review = try await sam.expectOffered("/review")
            #expect(review.body.contains("href=\"/jobs/\(order.id)\""))
            let plans = try await sam.expectOffered("/plans")
            #expect(plans.body.contains("Weekly look"))
            #expect(!plans.body.contains("Approve the plan"))
            let quinn = browser()
            try await quinn.signIn("quinn", WebPlant.password)
            try await quinn.expectForbidden("/review")
            _ = try await quinn.expectOffered("/plans")
            let before = web.head
            var refused = try await quinn.post("/plans/\(plan.id)/approve", [("reason", ""), ("password", WebPlant.password)])
            #expect(refused.status == .badRequest)
            #expect(web.head == before)
            refused = try await quinn.post("/plans/\(plan.id)/approve", [("reason", "Reviewed"), ("password", "wrong password 9")])
            #expect(refused.status == .forbidden)
            #expect(try web.plant.records.plan(plan.id)?.status == .draft)
            #expect(try web.plant.records.alerts(open: true).count == 1, "a wrong password records an alert and nothing else")
            let done = try await quinn.post("/plans/\(plan.id)/approve", [("reason", "Reviewed"), ("password", WebPlant.password)])
            #expect(done.location == "/plans?done=approved", "\(done.body)")
        }
        #expect(try web.plant.records.plan(plan.id)?.status == .approved)
    }
}
