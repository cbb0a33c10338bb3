import Documents
import Foundation
import HTTPTypes
import NIOCore
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

/// A revision uploaded as a markdown file: its bytes become the revision's body exactly.
@Suite struct SOPUploadTests {
    static func multipart(_ fields: [(String, String)], file: (String, Data)?) -> (ByteBuffer, String) {
        let boundary = "recrepo-test-boundary"
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        if let (name, data) = file {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: text/markdown\r\n\r\n".utf8))
            body.append(data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return (ByteBuffer(bytes: Array(body)), "multipart/form-data; boundary=\(boundary)")
    }

    @Test func documentControlUploadsARevisionAsAMarkdownFile() async throws {
        let web = try WebPlant()
        let sop = try web.plant.effectiveSOP("# Cycle\n\n- [ ] Check the seal\n")
        let markdown = Data("# Cycle\n\n- [ ] Check the seal\n- [ ] Check the gauge\n".utf8)
        try await web.test { browser in
            let dora = browser()
            try await dora.signIn("dora", WebPlant.password)
            let page = try await dora.get("/sops/\(sop.id)")
            #expect(page.body.contains("Upload the revision"))
            let token = try #require(dora.token)
            let before = web.head
            var (body, type) = Self.multipart([("csrf", token), ("reason", scriptProbe), ("password", WebPlant.password)], file: nil)
            let refused = try await dora.send("/sops/\(sop.id)/upload", method: .post, bytes: body, type: type)
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("choose the markdown file"))
            #expect(refused.escapesProbe)
            #expect(web.head == before)
            (body, type) = Self.multipart([("csrf", token), ("reason", "New gauge step"), ("password", WebPlant.password)], file: ("cycle.md", markdown))
            let done = try await dora.send("/sops/\(sop.id)/upload", method: .post, bytes: body, type: type)
            #expect(done.location == "/sops/\(sop.id)?done=revised", "\(done.body)")
        }
        let revision = try web.plant.records.sopRevision(sop.id, number: 2)
        #expect(revision.body == markdown)
    }
}
