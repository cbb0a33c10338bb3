import Documents
import Foundation
import HTTPTypes
import RecrepoTestSupport
import Testing
import WebApp

/// Document control's SOP pages: create, revise, submit and review from the browser; the diff of
/// two revisions; the author refused as the reviewer of their own revision.
@Suite struct SOPPagesTests {
    @Test func documentControlTakesARevisionFromDraftToReviewed() async throws {
        let web = try WebPlant()
        let sop = try web.plant.effectiveSOP("# Cycle\n\n- [ ] Check the seal\n")
        try await web.test { browser in
            let dora = browser()
            try await dora.signIn("dora", WebPlant.password)
            let list = try await dora.expectOffered("/sops")
            #expect(list.body.contains("href=\"/sops/\(sop.id)\""))
            var done = try await dora.post("/sops/\(sop.id)/revise", [("body", "# Cycle\n\n- [ ] Check the seal\n- [ ] \(scriptProbe)\n"),
                                                                     ("reason", "Add a step"), ("password", WebPlant.password)])
            #expect(done.location == "/sops/\(sop.id)?done=revised", "\(done.body)")
            let draft = try await dora.get("/sops/\(sop.id)?revision=2")
            #expect(draft.body.contains("not in force: draft"))
            #expect(draft.escapesProbe)
            let diff = try await dora.get("/sops/\(sop.id)?from=1&to=2")
            #expect(diff.body.contains("<ins class=\"add\">+ - [ ] &lt;script&gt;alert(1)&lt;/script&gt;</ins>"))
            #expect(diff.escapesProbe)
            done = try await dora.post("/sops/\(sop.id)/submit", [("reason", "Ready"), ("password", WebPlant.password)])
            #expect(done.location == "/sops/\(sop.id)?done=submitted", "\(done.body)")
            let before = web.head
            let refused = try await dora.post("/sops/\(sop.id)/review", [("reason", "My own"), ("password", WebPlant.password)])
            #expect(refused.status.code >= 400 && refused.status.code < 500, "\(refused.status)")
            #expect(refused.body.contains("may not review it"))
            #expect(web.head == before)
            let dan = browser()
            try await dan.signIn("dan", WebPlant.password)
            _ = try await dan.get("/sops/\(sop.id)")
            done = try await dan.post("/sops/\(sop.id)/review", [("reason", "Checked"), ("password", WebPlant.password)])
            #expect(done.location == "/sops/\(sop.id)?done=reviewed", "\(done.body)")
            let tess = browser()
            try await tess.signIn("tess", WebPlant.password)
            try await tess.expectForbidden("/sops")
            let quinn = browser()
            try await quinn.signIn("quinn", WebPlant.password)
            let read = try await quinn.expectOffered("/sops")
            #expect(!read.body.contains("Create the SOP"))
        }
        let revision = try #require(try web.plant.records.sopRecord(sop.id).revisions.last)
        #expect(revision.number == 2)
        #expect(revision.status == .inReview)
        #expect(revision.reviewer == "dan")
    }

    @Test func aNewSOPNeedsATitle() async throws {
        let web = try WebPlant()
        try await web.test { browser in
            let dora = browser()
            try await dora.signIn("dora", WebPlant.password)
            _ = try await dora.get("/sops")
            let before = web.head
            let refused = try await dora.post("/sops", [("title", ""), ("body", "# X\n"), ("reason", "New"), ("password", WebPlant.password)])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("Title: it is required"))
            #expect(web.head == before)
            let done = try await dora.post("/sops", [("title", scriptProbe), ("body", "# Lubrication\n\n- [ ] Grease\n"), ("reason", "New"),
                                                     ("password", WebPlant.password)])
            #expect(done.location == "/sops?done=created", "\(done.body)")
            let list = try await dora.get("/sops")
            #expect(list.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(list.escapesProbe)
        }
        #expect(try web.plant.records.sops().count == 1)
    }
}
