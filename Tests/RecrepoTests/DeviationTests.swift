@testable import Documents
import Foundation
@testable import RecordRepo
import Testing

/// Deviations: the lifecycle over every state and event, segregation of duties, links, and the
/// deviation a job step opens in the same act.
@Suite struct DeviationTests {
    /// The lifecycle as the quality procedure states it, written out here rather than taken
    /// from the code under test: which event each state takes, and the state after it.
    static let allowed: [Deviation.Status: [Deviation.Event: Deviation.Status]] = [
        .open: [.investigate: .investigated],
        .investigated: [.investigate: .investigated, .assess: .assessed],
        .assessed: [.investigate: .investigated, .assess: .assessed, .approve: .approved],
        .approved: [.close: .closed],
        .closed: [:],
    ]

    /// A deviation on AC-101 opened by tess and taken to `state`: sam investigates and assesses,
    /// quinn approves and closes.
    static func deviation(in state: Deviation.Status, _ plant: Plant) throws -> String {
        plant.tick()
        let id = try plant.records.openDeviation(title: "Spare gasket used", classification: .minor, links: .init(equipment: "AC-101"),
                                                 description: "The door gasket was replaced by a spare of another make", by: plant.tess).id
        let path: [Deviation.Event] = [.investigate, .assess, .approve, .close]
        let steps = Deviation.Status.allCases.firstIndex(of: state) ?? 0
        for event in path.prefix(steps) { _ = try perform(event, id, plant) }
        #expect(try plant.records.record(Deviation.self, kind: .deviation, id: id)?.status == state)
        return id
    }

    /// `event` on `id`, signed by someone whom the policy and segregation of duties allow.
    static func perform(_ event: Deviation.Event, _ id: String, _ plant: Plant) throws -> Deviation {
        plant.tick()
        switch event {
        case .investigate: return try plant.records.investigateDeviation(id, rootCause: "Stock-out of the OEM gasket", reason: "Found", by: plant.sam)
        case .assess: return try plant.records.assessDeviation(id, impact: "No load was sterilised with it", reason: "Assessed", by: plant.sam)
        case .approve: return try plant.records.approveDeviation(id, reason: "Investigation adequate", by: plant.quinn)
        case .close: return try plant.records.closeDeviation(id, reason: "Actions complete", by: plant.quinn)
        }
    }

    @Test("every state × event pair: the allowed ones give the table's state, every other is refused as an invalid transition from that state",
          arguments: Deviation.Status.allCases, Deviation.Event.allCases)
    func lifecycle(state: Deviation.Status, event: Deviation.Event) throws {
        #expect(state.after(event) == Self.allowed[state]?[event])
        let plant = try Plant()
        let id = try Self.deviation(in: state, plant)
        try expectTransition(plant, record: id, from: state, on: event, next: Self.allowed[state]?[event]) {
            try Self.perform(event, id, plant).status
        }
    }

    @Test("the person who opened a deviation may neither approve nor close it; another qa may; a technician may not approve")
    func segregation() throws {
        let plant = try Plant()
        plant.tick()
        let id = try plant.records.openDeviation(title: "Cycle aborted", classification: .major, links: .init(equipment: "AC-101"),
                                                 description: "Cycle 41 aborted at 110 °C", by: plant.quinn).id
        _ = try Self.perform(.investigate, id, plant)
        _ = try Self.perform(.assess, id, plant)
        let head = try plant.repo.head()
        for session in [plant.quinn, plant.tess] {
            plant.tick()
            #expect(throws: DocumentsError.self) { _ = try plant.records.approveDeviation(id, reason: "Mine", by: session) }
        }
        #expect {
            _ = try plant.records.approveDeviation(id, reason: "Mine", by: plant.quinn)
        } throws: { error in
            guard case DocumentsError.notPermitted(let user, _, let reason) = error else { return false }
            return user == "quinn" && reason.contains("opened it")
        }
        #expect(try plant.repo.head() == head)
        plant.tick()
        _ = try plant.records.approveDeviation(id, reason: "Adequate", by: plant.quentin)
        plant.tick()
        #expect(throws: DocumentsError.self) { _ = try plant.records.closeDeviation(id, reason: "Mine", by: plant.quinn) }
        plant.tick()
        let closed = try plant.records.closeDeviation(id, reason: "Done", by: plant.quentin)
        #expect(closed.status == .closed && closed.closedBy == "quentin" && closed.approvedBy == "quentin")
        #expect(ReplayTests.verify(plant).ok)
    }

    @Test("a close signed by the opener, written by hand past the service, fails verify by the check rule")
    func forgedCloseByOpener() throws {
        let plant = try Plant()
        plant.tick()
        let id = try plant.records.openDeviation(title: "Cycle aborted", classification: .major, links: .init(),
                                                 description: "Cycle 41 aborted", by: plant.quinn).id
        _ = try Self.perform(.investigate, id, plant)
        _ = try Self.perform(.assess, id, plant)
        plant.tick()
        var deviation = try plant.records.approveDeviation(id, reason: "Adequate", by: plant.quentin)
        deviation.status = .closed
        deviation.closedBy = "quinn"
        deviation.closedAt = Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60))
        deviation.revision += 1
        let commit = try Self.forge(plant, kind: .deviation, id: id, deviation, event: "dev.close", meaning: .approval, by: plant.quinn)
        EventReplayTests.expectRefused(plant, commit, by: .check)
        let without = plant.records.ledger.verify(replay: RecordsReplay(checklist: TestRepository.checklist, skipping: [.check]))
        #expect(without.ok, "\(without.failures)")
        #expect(try Git.stockVerification(of: plant.repo.path, allowedSigners: try plant.records.ledger.allowedSigners()).isEmpty)
    }

    @Test("links must name records that exist: unknown equipment, job or SOP, or a malformed calibration ID, is refused naming the field",
          arguments: [
              (Deviation.Links(equipment: "PUMP-999"), "equipment"), (.init(workOrder: "WO-000999"), "work order"),
              (.init(sop: "SOP-0999"), "SOP"), (.init(calibration: "CAL-1"), "calibration"), (.init(equipment: "../x"), "equipment"),
              (.init(sop: "SOP-0001\n"), "SOP"),
          ])
    func links(links: Deviation.Links, field: String) throws {
        let plant = try Plant()
        let head = try plant.repo.head()
        plant.tick()
        #expect {
            _ = try plant.records.openDeviation(title: "Linked", classification: .minor, links: links, description: "Why", by: plant.tess)
        } throws: { error in
            guard case DocumentsError.invalidField(_, let named, _) = error else { return false }
            return named == field
        }
        #expect(try plant.repo.head() == head)
    }

    @Test("the days to close come from the policy by class; age, due and overdue count in plant days")
    func dueByClass() throws {
        let plant = try Plant()
        plant.tick()
        let critical = try plant.records.openDeviation(title: "Wrong load", classification: .critical, links: .init(calibration: "CAL-000001"),
                                                       description: "Load released", by: plant.sam)
        let minor = try plant.records.openDeviation(title: "Late check", classification: .minor, links: .init(), description: "A day late",
                                                    by: plant.sam)
        #expect(critical.closeWithinDays == 15 && minor.closeWithinDays == 30 && critical.calibration == "CAL-000001")
        let opened = try plant.records.today()
        #expect(critical.due == opened.adding(days: 15) && minor.due == opened.adding(days: 30))
        plant.tick(16 * 86_400)
        let today = try plant.records.today()
        #expect(critical.age(on: today) == 16 && critical.isOverdue(on: today) && !minor.isOverdue(on: today))
        #expect(try plant.records.deviations(open: true, classification: .critical).map(\.id) == [critical.id])
        #expect(ReplayTests.verify(plant).ok)
    }

    /// Signs `record` straight through the ledger as `session`, bypassing the service.
    static func forge<T: Encodable>(_ plant: Plant, kind: RecordKind, id: String, _ record: T, revision: Int? = nil, event: String,
                                    meaning: Meaning, by session: Session, also: [(path: RecordPath, data: Data?)] = []) throws -> ObjectID {
        plant.tick()
        let written = try CanonicalJSON.encode(record)
        let stored = try JSONSerialization.jsonObject(with: written) as? [String: Any]
        let act = Act(record: id, revision: revision ?? stored?["revision"] as? Int,
                      meaning: meaning, event: event, reason: "Forged", summary: "Forged act on \(id)",
                      changes: [(try RecordPath(try RecordID.path(kind: kind, id: id)), written)] + also)
        return try plant.records.ledger.append(act, by: session.signer, basedOn: try plant.repo.head()).commit
    }
}
