import Documents
import Foundation
import HTTPTypes
import RecordIndex
import RecrepoTestSupport
import Testing
import WebApp

/// The API's reads, each in the CLI's JSON shape, what a role may not read refused, and the
/// requests a supervisor accepts or declines.
@Suite struct APIReadTests {
    static let password = WebPlant.password

    @Test func anyRecordAndItsHistoryReadAsTheCLIPrintsThem() async throws {
        let web = try WebPlant()
        let order = try web.job()
        let (export, _) = try web.plant.records.recordExport(order.id)
        try await web.test { browser in
            let tess = APIClient(browser())
            try await tess.signIn("tess", Self.password)
            let record = try await tess.call(.get, "/api/v1/records/\(order.id)")
            #expect(record.body == String(decoding: export.json, as: UTF8.self))
            let equipment = try await tess.call(.get, "/api/v1/records/AC-101")
            #expect(equipment.json["kind"] as? String == "equipment")
            let history = try await tess.call(.get, "/api/v1/records/\(order.id)/history")
            #expect(history.status == .ok)
            #expect(!history.list.isEmpty)
            #expect(history.list.allSatisfy { ($0["commit"] as? String)?.count == 40 && $0["field"] is String })
            #expect(try await tess.call(.get, "/api/v1/records/WO-999999").status == .notFound)
            #expect(try await tess.call(.get, "/api/v1/records/WO-999999/history").status == .notFound)
            #expect(try await tess.call(.get, "/api/v1/records/tess").status == .ok)
        }
    }

    @Test func anotherPersonsAccountIsNotReadByATechnician() async throws {
        let web = try WebPlant()
        try await web.test { browser in
            let tess = APIClient(browser())
            try await tess.signIn("tess", Self.password)
            let refused = try await tess.call(.get, "/api/v1/records/quinn")
            #expect(refused.status == .forbidden && refused.error.contains("quinn"))
            #expect(try await tess.call(.get, "/api/v1/records/quinn/history").status == .forbidden)
            let quinn = APIClient(browser())
            try await quinn.signIn("quinn", Self.password)
            #expect(try await quinn.call(.get, "/api/v1/records/tess").status == .ok)
        }
    }

    @Test func theDashboardEquipmentAndSOPsReadAsTheCLIPrintsThem() async throws {
        let web = try WebPlant()
        let order = try web.job()
        try await web.test { browser in
            let sam = APIClient(browser())
            try await sam.signIn("sam", Self.password)
            let board = try await sam.call(.get, "/api/v1/dashboard")
            #expect(board.status == .ok)
            #expect((board.json["workOrders"] as? [String: Any])?["open"] as? Int == 1)
            #expect(try await sam.call(.get, "/api/v1/dashboard?from=2025-01-01&to=2025-12-31&equipment=AC-101").status == .ok)
            let badDay = try await sam.call(.get, "/api/v1/dashboard?from=yesterday")
            #expect(badDay.status == .badRequest && badDay.error.hasPrefix("from:"))
            // An empty or malformed user is refused before the index is asked (it answered 503).
            let empty = try await sam.call(.get, "/api/v1/dashboard?user=")
            #expect(empty.status == .badRequest && empty.error.hasPrefix("user:"))
            #expect(try await sam.call(.get, "/api/v1/dashboard?user=..%2Fpolicy").status.code / 100 == 4)
            #expect(try await sam.call(.get, "/api/v1/dashboard?user=nobody").status.code / 100 == 4)
            let unknown = try await sam.call(.get, "/api/v1/dashboard?form=2025-01-01")
            #expect(unknown.status == .badRequest && unknown.error.hasPrefix("form:"))

            let units = try await sam.call(.get, "/api/v1/equipment?status=in-service")
            #expect(units.list.map { $0["id"] as? String } == ["AC-101"])
            #expect(try await sam.call(.get, "/api/v1/equipment?status=broken").status == .badRequest)
            let unit = try await sam.call(.get, "/api/v1/equipment/AC-101")
            #expect(unit.json["name"] as? String == "Autoclave 1")
            #expect(try await sam.call(.get, "/api/v1/equipment/AC-999").status == .notFound)

            let sops = try await sam.call(.get, "/api/v1/sops")
            #expect(sops.list.first?["id"] as? String == order.sop)
            #expect(sops.list.first?["effectiveRevision"] as? Int == 1)
            #expect(try await sam.call(.get, "/api/v1/jobs?status=finished").status == .badRequest)
            #expect(try await sam.call(.get, "/api/v1/jobs?mine=yes").status == .badRequest)
        }
    }

    @Test func aRequestIsRaisedAcceptedIntoAJobOrDeclined() async throws {
        let web = try WebPlant()
        let sop = try web.job().sop
        try await web.test { browser in
            let tess = APIClient(browser())
            try await tess.signIn("tess", Self.password)
            let raised = try await tess.call(.post, "/api/v1/requests",
                                             ["password": Self.password, "equipment": "AC-101", "title": "Door seal leaks", "reason": "Steam at the door"])
            #expect(raised.status == .ok, "\(raised.body)")
            let first = try #require(raised.json["id"] as? String)
            let second = try #require(try await tess.call(.post, "/api/v1/requests",
                                                          ["password": Self.password, "equipment": "AC-101", "title": "Gauge", "reason": "Needle sticks"]).json["id"] as? String)
            #expect(try await tess.call(.get, "/api/v1/requests").list.count == 2)

            let head = web.head
            let refused = try await tess.call(.post, "/api/v1/requests/\(first)/accept", ["password": Self.password, "sop": sop, "reason": "Fix it"])
            #expect(refused.status == .forbidden)
            #expect(web.head == head)

            let sam = APIClient(browser())
            try await sam.signIn("sam", Self.password)
            let badDue = try await sam.call(.post, "/api/v1/requests/\(first)/accept",
                                            ["password": Self.password, "sop": sop, "reason": "Fix it", "due": "soon"])
            #expect(badDue.status == .badRequest && badDue.error.hasPrefix("due:"))
            #expect(web.head == head)
            let accepted = try await sam.call(.post, "/api/v1/requests/\(first)/accept",
                                              ["password": Self.password, "sop": sop, "assign": "tess", "priority": "high", "reason": "Fix it"])
            #expect(accepted.status == .ok, "\(accepted.body)")
            #expect(accepted.json["equipment"] as? String == "AC-101")
            let declined = try await sam.call(.post, "/api/v1/requests/\(second)/decline", ["password": Self.password, "reason": "Gauge replaced last week"])
            #expect(declined.json["status"] as? String == "declined", "\(declined.body)")
            let again = try await sam.call(.post, "/api/v1/requests/\(second)/decline", ["password": Self.password, "reason": "Twice"])
            #expect((400..<500).contains(again.status.code))
            #expect(try await sam.call(.get, "/api/v1/requests").list.isEmpty)
            #expect(try await sam.call(.get, "/api/v1/requests?all=true").list.count == 2)
        }
    }

    @Test func everyReadNeedsASession() async throws {
        let web = try WebPlant()
        try await web.test { browser in
            let stranger = APIClient(browser())
            for path in ["/api/v1/jobs", "/api/v1/dashboard", "/api/v1/records/AC-101", "/api/v1/equipment", "/api/v1/sops", "/api/v1/requests", "/api/v1/queue"] {
                let answer = try await stranger.call(.get, path)
                #expect(answer.status == .unauthorized, "\(path)")
            }
        }
    }
}
