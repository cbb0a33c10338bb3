import Documents
import Foundation
import HTTPTypes
import RecrepoTestSupport
import Testing
import WebApp

/// What an attacker or a careless form can send, refused or rendered inert, with main left where it was.
@Suite struct HostileInputTests {
    static let script = "<script>alert(1)</script>"

    /// Signs tess in and starts the job, so its first step's form is on the page.
    static func started(_ web: WebPlant, _ tess: WebClient, _ order: WorkOrder) async throws {
        try await tess.signIn("tess", WebPlant.password)
        _ = try await tess.get("/jobs/\(order.id)")
        _ = try await tess.post("/jobs/\(order.id)/start", [("reason", script), ("password", WebPlant.password)])
        _ = try await tess.get("/jobs/\(order.id)")
    }

    @Test("script typed into a reason, a note and a deviation is stored as text and shown escaped, never as a tag")
    func scriptIsInert() async throws {
        let web = try WebPlant()
        let order = try web.job()
        try await web.test { browser in
            let tess = browser()
            try await Self.started(web, tess, order)
            let signed = try await tess.post("/jobs/\(order.id)/steps/1", [("note", Self.script), ("deviation", Self.script + " instead"),
                                                                          ("password", WebPlant.password)])
            #expect(signed.status == .seeOther, "\(signed.body)")
            let page = try await tess.get("/jobs/\(order.id)")
            #expect(!page.body.contains(Self.script))
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
        #expect(try web.plant.records.workOrder(order.id).steps[0].note == Self.script)
    }

    @Test("a form without this session's CSRF token, or with another's, is refused and signs nothing")
    func forgedOrMissingToken() async throws {
        let web = try WebPlant()
        let order = try web.job()
        try await web.test { browser in
            let tess = browser()
            try await tess.signIn("tess", WebPlant.password)
            _ = try await tess.get("/jobs/\(order.id)")
            let before = web.head
            for token in [String?.none, "forged-token", ""] {
                let refused = try await tess.post("/jobs/\(order.id)/start", [("reason", "On site"), ("password", WebPlant.password)],
                                                  token: .some(token))
                #expect(refused.status == .forbidden)
                #expect(refused.body.contains("security token"))
            }
            #expect(web.head == before)
            let signIn = try await browser().post("/sign-in", [("user", "tess"), ("password", WebPlant.password)], token: .some(nil))
            #expect(signIn.status == .forbidden)
        }
    }

    @Test("a body larger than the server reads is refused with 413 and nothing recorded")
    func oversizedBody() async throws {
        let web = try WebPlant()
        let order = try web.job()
        try await web.test { browser in
            let tess = browser()
            try await tess.signIn("tess", WebPlant.password)
            _ = try await tess.get("/jobs/\(order.id)")
            let before = web.head
            let refused = try await tess.post("/jobs/\(order.id)/start", [("reason", String(repeating: "x", count: 200_000)),
                                                                         ("password", WebPlant.password)])
            #expect(refused.status == .contentTooLarge)
            #expect(web.head == before)
        }
    }

    @Test("a field the form does not have is refused by name")
    func unknownField() async throws {
        let web = try WebPlant()
        let order = try web.job()
        try await web.test { browser in
            let tess = browser()
            try await tess.signIn("tess", WebPlant.password)
            _ = try await tess.get("/jobs/\(order.id)")
            let before = web.head
            let refused = try await tess.post("/jobs/\(order.id)/start", [("reason", "On site"), ("password", WebPlant.password),
                                                                         ("assignee", "tom")])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("assignee: this form has no such field"))
            #expect(web.head == before)
        }
    }

    @Test("a technician's session calling QA's close and QA's queue is refused by the permission, and sees no queue link")
    func technicianCallsQA() async throws {
        let web = try WebPlant()
        let order = try web.job()
        try await web.test { browser in
            let tess = browser()
            try await tess.signIn("tess", WebPlant.password)
            let home = try await tess.get("/")
            #expect(!home.body.contains("href=\"/queue\""))
            #expect(try await tess.get("/queue").status == .forbidden)
            let before = web.head
            let refused = try await tess.post("/jobs/\(order.id)/close", [("reason", "Closing"), ("password", WebPlant.password)])
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("tess may not close jobs"))
            #expect(web.head == before)
        }
    }

    @Test("IDs with ../, .git, NUL or a newline reach no file and answer 4xx with a plain message")
    func hostilePaths() async throws {
        let web = try WebPlant()
        try await web.test { browser in
            let tess = browser()
            try await tess.signIn("tess", WebPlant.password)
            for path in ["/jobs/..%2F..%2Fpolicy", "/jobs/../../etc/passwd", "/jobs/.git", "/jobs/WO-000001%00", "/jobs/WO-1%0Ax",
                         "/static/../Package.swift", "/jobs/%2e%2e"] {
                let page = try await tess.get(path)
                #expect((400..<500).contains(page.status.code), "\(path): \(page.status)")
                #expect(!page.body.contains("Error("), "\(path)")
                #expect(!page.body.contains("/tmp/"), "\(path)")
            }
        }
    }
}
