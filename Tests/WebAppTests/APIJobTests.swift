import Documents
import Foundation
import HTTPTypes
import RecordRepo
import RecrepoTestSupport
import Testing
import WebApp

/// A job signed through from start to close by the API, and every refusal of its acts, each
/// leaving main where it was.
@Suite struct APIJobTests {
    static let password = WebPlant.password

    @Test func aJobIsSignedThroughFromStartToCloseByTheAPI() async throws {
        let web = try WebPlant()
        let order = try web.job()
        try await web.test { browser in
            let tess = APIClient(browser())
            try await tess.signIn("tess", Self.password)
            let mine = try await tess.call(.get, "/api/v1/jobs?mine=true")
            #expect(mine.list.map { $0["id"] as? String } == [order.id])
            let shown = try await tess.call(.get, "/api/v1/jobs/\(order.id)")
            #expect(shown.json["status"] as? String == "open")

            var done = try await tess.call(.post, "/api/v1/jobs/\(order.id)/start", ["password": Self.password, "reason": "On site"])
            #expect(done.status == .ok, "\(done.body)")
            #expect(done.json["status"] as? String == "in-progress")
            for (number, fields) in [(1, ["note": "Seal fine"]), (2, [:]), (3, ["value": 2.6])] as [(Int, [String: Any])] {
                done = try await tess.call(.post, "/api/v1/jobs/\(order.id)/steps/\(number)", fields.merging(["password": Self.password]) { $1 })
                #expect(done.status == .ok, "step \(number): \(done.body)")
            }
            let early = try await tess.call(.post, "/api/v1/jobs/\(order.id)/complete", ["password": Self.password, "reason": "Done"])
            #expect(early.status.code >= 400 && early.status.code < 500, "\(early.body)")

            let sam = APIClient(browser())
            try await sam.signIn("sam", Self.password)
            done = try await sam.call(.post, "/api/v1/jobs/\(order.id)/steps/3/disposition",
                                      ["password": Self.password, "decision": "accept", "reason": "Within the gauge's own error"])
            #expect(done.status == .ok, "\(done.body)")
            done = try await tess.call(.post, "/api/v1/jobs/\(order.id)/steps/1/correct",
                                       ["password": Self.password, "note": "Seal fine, no cracks", "reason": "Note incomplete"])
            #expect(done.status == .ok, "\(done.body)")
            done = try await tess.call(.post, "/api/v1/jobs/\(order.id)/complete", ["password": Self.password, "reason": "All steps done"])
            #expect(done.json["status"] as? String == "completed", "\(done.body)")
            done = try await sam.call(.post, "/api/v1/jobs/\(order.id)/review", ["password": Self.password, "reason": "Readings checked"])
            #expect(done.json["status"] as? String == "reviewed", "\(done.body)")

            let quinn = APIClient(browser())
            try await quinn.signIn("quinn", Self.password)
            let queue = try await quinn.call(.get, "/api/v1/queue")
            #expect((queue.json["jobsToClose"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [order.id])
            done = try await quinn.call(.post, "/api/v1/jobs/\(order.id)/close", ["password": Self.password, "reason": "Record complete"])
            #expect(done.json["status"] as? String == "closed", "\(done.body)")
            let closed = try await quinn.call(.get, "/api/v1/jobs?status=closed")
            #expect(closed.list.map { $0["id"] as? String } == [order.id])
        }
        let closed = try web.plant.records.workOrder(order.id)
        #expect(closed.status == .closed)
        #expect(closed.steps[2].dispositions?.first?.by == "sam")
        #expect(closed.steps[0].note == "Seal fine, no cracks")
    }

    /// A job tess has started, to refuse acts on.
    static func started(_ web: WebPlant) throws -> WorkOrder {
        let order = try web.job()
        return try web.plant.records.startWorkOrder(order.id, reason: nil, by: web.plant.tess)
    }

    @Test func aTechnicianClosingAJobIsRefusedByTheServicesOwnCheck() async throws {
        let web = try WebPlant()
        let order = try Self.started(web)
        let head = web.head
        try await web.test { browser in
            let tess = APIClient(browser())
            try await tess.signIn("tess", Self.password)
            let refused = try await tess.call(.post, "/api/v1/jobs/\(order.id)/close", ["password": Self.password, "reason": "Done"])
            #expect(refused.status == .forbidden)
            #expect(refused.error.contains("tess"))
            #expect(try await tess.call(.get, "/api/v1/queue").status == .forbidden)
        }
        #expect(web.head == head)
    }

    @Test func anActWithAWrongPasswordIsRefusedAndCountsTowardLockout() async throws {
        let web = try WebPlant()
        let order = try Self.started(web)
        try await web.test { browser in
            let tess = APIClient(browser())
            try await tess.signIn("tess", Self.password)
            let before = try web.plant.records.keystore.failures(user: "tess")
            let refused = try await tess.call(.post, "/api/v1/jobs/\(order.id)/steps/1", ["password": "not it", "note": "x"])
            #expect(refused.status == .forbidden, "\(refused.body)")
            #expect(refused.error.contains("tess"))
            #expect(try web.plant.records.keystore.failures(user: "tess") == before + 1)
        }
        // The only act is the security alert the CLI raises too; the job is as it was.
        #expect(try web.plant.records.workOrder(order.id) == order)
        #expect(try web.plant.records.alerts(open: true).contains { $0.user == "tess" })
    }

    @Test func aMissingOrForgedTokenIsRefused() async throws {
        let web = try WebPlant()
        let order = try Self.started(web)
        let head = web.head
        try await web.test { browser in
            let tess = APIClient(browser())
            try await tess.signIn("tess", Self.password)
            let body: [String: Any] = ["password": Self.password, "note": "x"]
            #expect(try await tess.call(.post, "/api/v1/jobs/\(order.id)/steps/1", body, token: .some(nil)).status == .forbidden)
            let forged = try await tess.call(.post, "/api/v1/jobs/\(order.id)/steps/1", body, token: "forged")
            #expect(forged.status == .forbidden && forged.error.contains("security token"))
            let other = APIClient(browser())
            try await other.signIn("tom", Self.password)
            #expect(try await tess.call(.post, "/api/v1/jobs/\(order.id)/steps/1", body, token: other.csrf).status == .forbidden)
        }
        #expect(web.head == head)
    }

    @Test func malformedUnknownMistypedAndOversizedBodiesAreRefused() async throws {
        let web = try WebPlant()
        let order = try Self.started(web)
        let head = web.head
        try await web.test { browser in
            let tess = APIClient(browser())
            try await tess.signIn("tess", Self.password)
            let path = "/api/v1/jobs/\(order.id)/steps/1"
            #expect(try await tess.call(.post, path, raw: "{\"password\":").status == .badRequest)
            let unknown = try await tess.call(.post, path, ["password": Self.password, "signedBy": "quinn"])
            #expect(unknown.status == .badRequest && unknown.error.hasPrefix("signedBy:"))
            let typed = try await tess.call(.post, path, ["password": Self.password, "value": "2.2"])
            #expect(typed.status == .badRequest && typed.error.hasPrefix("value:"))
            let flag = try await tess.call(.post, path, ["password": Self.password, "notApplicable": 1])
            #expect(flag.status == .badRequest && flag.error.hasPrefix("notApplicable:"))
            let missing = try await tess.call(.post, path, ["note": "no password"])
            #expect(missing.status == .badRequest && missing.error.hasPrefix("password:"))
            let huge = try await tess.call(.post, path, ["password": Self.password, "note": String(repeating: "x", count: 40_000)])
            #expect(huge.status == .contentTooLarge)
            let step = try await tess.call(.post, "/api/v1/jobs/\(order.id)/steps/0", ["password": Self.password])
            #expect(step.status == .badRequest)
            let decision = try await tess.call(.post, "/api/v1/jobs/\(order.id)/steps/1/disposition",
                                               ["password": Self.password, "decision": "ignore", "reason": "x"])
            #expect(decision.status == .badRequest && decision.error.hasPrefix("decision:"))
        }
        #expect(web.head == head)
    }

    @Test func pathsThatClimbOutOfTheRecordsAreRefused() async throws {
        let web = try WebPlant()
        let order = try Self.started(web)
        let head = web.head
        try await web.test { browser in
            let tess = APIClient(browser())
            try await tess.signIn("tess", Self.password)
            for id in ["..%2F..%2Fpolicy", "%2e%2e", "%2E%2E%2Fsop", "WO-000001%2F..%2F..%2Faccounts%2Falice"] {
                let read = try await tess.web.send("/api/v1/jobs/\(id)", method: .get)
                #expect((400..<500).contains(read.status.code), "\(id): \(read.body)")
                let act = try await tess.call(.post, "/api/v1/jobs/\(id)/start", ["password": Self.password])
                #expect((400..<500).contains(act.status.code), "\(id): \(act.body)")
                let record = try await tess.web.send("/api/v1/records/\(id)", method: .get)
                #expect((400..<500).contains(record.status.code), "\(id): \(record.body)")
            }
            for path in ["/api/v1/jobs/../records/policy", "/api/v1/jobs/\(order.id)/../../records/alice"] {
                let read = try await tess.web.send(path, method: .get)
                #expect((400..<500).contains(read.status.code), "\(path): \(read.body)")
            }
        }
        #expect(web.head == head)
    }

    @Test func anActOnAJobThatDoesNotExistIsRefused() async throws {
        let web = try WebPlant()
        let head = web.head
        try await web.test { browser in
            let tess = APIClient(browser())
            try await tess.signIn("tess", Self.password)
            #expect(try await tess.call(.get, "/api/v1/jobs/WO-999999").status == .notFound)
            let refused = try await tess.call(.post, "/api/v1/jobs/WO-999999/start", ["password": Self.password])
            #expect(refused.status == .notFound && refused.error.contains("WO-999999"))
        }
        #expect(web.head == head)
    }
}
