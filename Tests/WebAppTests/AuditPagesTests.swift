import Documents
import Foundation
import HTTPTypes
import RecrepoTestSupport
import Testing
import WebApp

/// The auditor's pages: acts filtered, a record's field-level history with its CSV, the record's
/// export as a download, and the signed audit-trail review.
@Suite struct AuditPagesTests {
    @Test func anAuditorReadsHistoryDownloadsItAndSignsTheReview() async throws {
        let web = try WebPlant()
        try web.plant.repo.addUser("ada", roles: [.auditor])
        let order = try web.job()
        try await web.test { browser in
            let ada = browser()
            try await ada.signIn("ada", WebPlant.password)
            let page = try await ada.expectOffered("/audit")
            #expect(page.body.contains("Sign the review"))
            let history = try await ada.get("/audit?id=\(order.id)")
            #expect(history.status == .ok)
            #expect(history.body.contains("History of \(order.id)"))
            let csv = try await ada.get("/audit/history.csv?id=\(order.id)")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.body.hasPrefix("time,signer,name,meaning,reason,revision,field,old,new,commit\r\n"))
            #expect(csv.body.contains("sam"))
            let export = try await ada.get("/audit/export?id=\(order.id)")
            #expect(export.headers[.contentDisposition]?.contains("attachment") == true)
            let acts = try await ada.get("/audit?user=sam&meaning=authorship")
            #expect(acts.body.contains("Download as CSV"))
            let wrong = try await ada.get("/audit?meaning=\(WebClient.encode(scriptProbe))")
            #expect(wrong.status == .badRequest)
            #expect(wrong.escapesProbe)
            let before = web.head
            let refused = try await ada.post("/audit/review", [("reason", ""), ("password", WebPlant.password)])
            #expect(refused.status == .badRequest)
            #expect(web.head == before)
            let done = try await ada.post("/audit/review", [("reason", "Looked at every act"), ("password", WebPlant.password)])
            #expect(done.location == "/audit?done=reviewed", "\(done.body)")
            let tess = browser()
            try await tess.signIn("tess", WebPlant.password)
            try await tess.expectForbidden("/audit")
        }
        #expect(try web.plant.records.auditStatus().lastReview?.signer == "ada")
    }
}
