@testable import Documents
import Foundation
@testable import RecordRepo
import Testing

/// Corrective work from a request: anyone raises it; a supervisor accepts it into a job (one act
/// writes both) or declines it with a reason.
@Suite struct RequestTests {
    static func plant() throws -> (Plant, SOP) {
        let plant = try Plant()
        return (plant, try plant.effectiveSOP(Plant.checklist))
    }

    @Test("a technician raises a request; the supervisor accepts it into a job, and the request names the job, in one act")
    func accepted() throws {
        let (plant, sop) = try Self.plant()
        plant.tick()
        let request = try plant.records.raiseRequest(equipment: "AC-101", title: "Door seal leaking", description: "Steam at the door", by: plant.tess)
        #expect(request.id == "REQ-000001" && request.status == .open && request.raisedBy == "tess")
        plant.tick()
        let order = try plant.records.acceptRequest(request.id, sop: sop.id, assignee: "tom", priority: .high, reason: "Needed", by: plant.sam)
        #expect(order.request == request.id && order.type == .corrective && order.title == "Door seal leaking" && order.priority == .high)
        let accepted = try #require(try plant.records.record(MaintenanceRequest.self, kind: .request, id: request.id))
        #expect(accepted.status == .accepted && accepted.workOrder == order.id && accepted.decidedBy == "sam")
        let head = try #require(try plant.repo.head())
        #expect(try plant.records.ledger.changedFiles(of: head).map(\.path).sorted()
                == [try RecordID.path(kind: .request, id: request.id), try RecordID.path(kind: .workOrder, id: order.id)].sorted())
        #expect(try plant.records.requests(open: true).isEmpty)
        plant.tick()
        #expect(throws: DocumentsError.self) { _ = try plant.records.declineRequest(request.id, reason: "Too late", by: plant.sam) }
        let report = ReplayTests.verify(plant)
        #expect(report.ok, "\(report.failures)")
    }

    @Test("a request is declined with the reason kept; a technician may neither accept nor decline")
    func declined() throws {
        let (plant, sop) = try Self.plant()
        plant.tick()
        let request = try plant.records.raiseRequest(equipment: "AC-101", title: "Paint", description: "Chipped paint", by: plant.quinn)
        plant.tick()
        #expect(throws: DocumentsError.self) { _ = try plant.records.acceptRequest(request.id, sop: sop.id, assignee: nil, reason: "x", by: plant.tom) }
        #expect(throws: DocumentsError.self) { _ = try plant.records.declineRequest(request.id, reason: "x", by: plant.tom) }
        let declined = try plant.records.declineRequest(request.id, reason: "Cosmetic; next shutdown", by: plant.sam)
        #expect(declined.status == .declined && declined.declined == "Cosmetic; next shutdown")
        plant.tick()
        #expect(throws: DocumentsError.self) { _ = try plant.records.acceptRequest(request.id, sop: sop.id, assignee: nil, reason: "x", by: plant.sam) }
        #expect(ReplayTests.verify(plant).ok)
    }

    @Test("an acceptance that leaves the request open fails verify by the other-records rule")
    func acceptanceWithoutRequest() throws {
        let (plant, sop) = try Self.plant()
        plant.tick()
        let request = try plant.records.raiseRequest(equipment: "AC-101", title: "Door seal", description: "Leak", by: plant.tess)
        plant.tick()
        var order = WorkOrder(id: "WO-000001", title: "Door seal", sop: sop.id, equipment: "AC-101", assignee: nil,
                              createdBy: "sam", createdAt: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60)))
        order.type = .corrective
        order.request = request.id
        let commit = try EventReplayTests.forge(plant, order, event: "wo.accept", meaning: .authorship, by: plant.sam)
        EventReplayTests.expectRefused(plant, commit, by: .companions)
    }

    @Test("hostile request input is refused naming the field, and main stays where it was", arguments: [
        ("../x", "Title", "equipment"), ("AC-101", "two\nlines", "title"), ("AC-101", String(repeating: "x", count: 201), "title"),
        ("AC-999", "Title", "equipment"),
    ])
    func hostile(equipment: String, title: String, field: String) throws {
        let (plant, _) = try Self.plant()
        let head = try plant.repo.head()
        plant.tick()
        #expect(throws: DocumentsError.self) {
            do { _ = try plant.records.raiseRequest(equipment: equipment, title: title, description: "Why", by: plant.tess) } catch {
                #expect("\(error)".contains(field), "\(error)"); throw error
            }
        }
        #expect(try plant.repo.head() == head)
    }
}
