import Documents
import Foundation
import HTTPTypes
import RecrepoTestSupport
import Testing
import WebApp

/// The pages everyone reads: the dashboard, the equipment register and one piece of equipment,
/// the search by ID and any record's page.
@Suite struct ReadPagesTests {
    @Test func everyoneReadsTheDashboardWithoutInlineStyle() async throws {
        let web = try WebPlant()
        _ = try web.job()
        try await web.test { browser in
            let tess = browser()
            try await tess.signIn("tess", WebPlant.password)
            let page = try await tess.expectOffered("/dashboard")
            #expect(page.body.contains("PM compliance"))
            #expect(page.body.contains("<svg"))
            #expect(!page.body.contains("<style"))
            #expect(!page.body.contains("style="))
            let filtered = try await tess.get("/dashboard?equipment=\(WebClient.encode(scriptProbe))")
            #expect(filtered.status.code < 500)
            #expect(filtered.escapesProbe)
        }
    }

    @Test func theRegisterLeadsToTheEquipmentWithItsJobs() async throws {
        let web = try WebPlant()
        let order = try web.job()
        try await web.test { browser in
            let tom = browser()
            try await tom.signIn("tom", WebPlant.password)
            let register = try await tom.expectOffered("/equipment")
            #expect(register.body.contains("href=\"/equipment/AC-101\""))
            let unit = try await tom.get("/equipment/AC-101")
            #expect(unit.status == .ok)
            #expect(unit.body.contains("Autoclave 1"))
            #expect(unit.body.contains("href=\"/jobs/\(order.id)\""))
            let missing = try await tom.get("/equipment/XX-999")
            #expect(missing.status == .notFound)
        }
    }

    @Test func searchRedirectsToTheRecordsPageAndJobsToTheirOwn() async throws {
        let web = try WebPlant()
        let order = try web.job()
        let sop = try #require(order.sop as String?)
        try await web.test { browser in
            let tess = browser()
            try await tess.signIn("tess", WebPlant.password)
            _ = try await tess.expectOffered("/search")
            var found = try await tess.get("/search?id=\(order.id)")
            #expect(found.location == "/jobs/\(order.id)")
            found = try await tess.get("/search?id=\(sop)")
            #expect(found.location == "/records/\(sop)")
            found = try await tess.get("/search?id=AC-101")
            #expect(found.location == "/equipment/AC-101")
            let missing = try await tess.get("/search?id=\(WebClient.encode(scriptProbe))")
            #expect(missing.status.code >= 400 && missing.status.code < 500)
            #expect(missing.escapesProbe)
            let record = try await tess.get("/records/\(sop)")
            #expect(record.status == .ok)
            #expect(record.body.contains("Field history"))
            #expect(record.body.contains("approval"))
            let account = try await tess.get("/records/sam")
            #expect(account.status == .forbidden)
            let own = try await tess.get("/records/tess")
            #expect(own.status == .ok)
            let job = try await tess.get("/records/\(order.id)")
            #expect(job.location == "/jobs/\(order.id)")
        }
    }
}
