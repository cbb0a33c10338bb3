import Documents
import Foundation
import HTTPTypes
import RecrepoTestSupport
import Testing
import WebApp

/// The technician's job from the phone, through the router: sign in, open the job, start it, sign
/// each step with the password (one reading outside its limits), the supervisor's disposition in a
/// second session, complete; QA closes.
@Suite struct JobFlowTests {
    @Test func technicianSignsAJobThroughAndQAClosesIt() async throws {
        let web = try WebPlant()
        let order = try web.job()
        try await web.test { browser in
            let tess = browser()
            let signedIn = try await tess.signIn("tess", WebPlant.password)
            #expect(signedIn.status == .seeOther)
            let home = try await tess.get("/")
            #expect(home.status == .ok)
            #expect(home.body.contains(order.id))
            let page = try await tess.get("/jobs/\(order.id)")
            #expect(page.body.contains("Start this job"))
            var done = try await tess.post("/jobs/\(order.id)/start", [("reason", "On site"), ("password", WebPlant.password)])
            #expect(done.status == .seeOther, "\(done.body)")
            let started = try await tess.get("/jobs/\(order.id)")
            #expect(started.body.contains("Step 3.</span> Read the chamber pressure"))
            #expect(started.body.contains("Sign step 1"))
            for (number, fields) in [(1, [("note", "Seal fine")]), (2, []), (3, [("value", "2.6")])] {
                _ = try await tess.get("/jobs/\(order.id)")
                done = try await tess.post("/jobs/\(order.id)/steps/\(number)", fields + [("password", WebPlant.password)])
                #expect(done.status == .seeOther, "step \(number): \(done.body)")
            }
            let blocked = try await tess.get("/jobs/\(order.id)")
            #expect(blocked.body.contains("Outside its limits"))
            #expect(!blocked.body.contains("Complete the job"))

            let sam = browser()
            try await sam.signIn("sam", WebPlant.password)
            _ = try await sam.get("/jobs/\(order.id)")
            done = try await sam.post("/jobs/\(order.id)/steps/3/disposition",
                                      [("decision", "accept"), ("reason", "Within the gauge's own error"), ("password", WebPlant.password)])
            #expect(done.status == .seeOther, "\(done.body)")

            _ = try await tess.get("/jobs/\(order.id)")
            done = try await tess.post("/jobs/\(order.id)/complete", [("reason", "All steps done"), ("password", WebPlant.password)])
            #expect(done.status == .seeOther, "\(done.body)")

            _ = try await sam.get("/jobs/\(order.id)")
            done = try await sam.post("/jobs/\(order.id)/review", [("reason", "Readings checked"), ("password", WebPlant.password)])
            #expect(done.status == .seeOther, "\(done.body)")

            let quinn = browser()
            try await quinn.signIn("quinn", WebPlant.password)
            _ = try await quinn.get("/jobs/\(order.id)")
            done = try await quinn.post("/jobs/\(order.id)/close", [("reason", "Record complete"), ("password", WebPlant.password)])
            #expect(done.status == .seeOther, "\(done.body)")
        }
        let closed = try web.plant.records.workOrder(order.id)
        #expect(closed.status == WorkOrder.Status.closed)
        #expect(closed.steps[2].dispositions?.first?.by == "sam")
    }
}
