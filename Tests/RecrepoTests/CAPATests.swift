@testable import Documents
import Foundation
@testable import RecordRepo
import Testing

/// CAPAs: the lifecycle over every state and event, the owner implements, someone who implemented
/// nothing verifies effectiveness after the waiting period, and a CAPA opened from a deviation.
@Suite struct CAPATests {
    /// The lifecycle as the quality procedure states it: the events each state takes (with the
    /// action at hand implemented, and the waiting period passed), and the state after them.
    static let allowed: [CAPA.Status: [CAPA.Event: CAPA.Status]] = [
        .open: [.plan: .open, .implement: .implemented],
        .implemented: [.plan: .open, .verify: .effective],
        .effective: [.close: .closed],
        .closed: [:],
    ]

    static let day: TimeInterval = 86_400

    /// A CAPA opened by sam with action 1 for tom, taken to `state`: tom implements it, the
    /// waiting period passes, quinn verifies it effective and closes it.
    static func capa(in state: CAPA.Status, _ plant: Plant) throws -> String {
        plant.tick()
        let id = try plant.records.openCAPA(title: "Gasket stock", deviation: nil, reason: "Repeated stock-outs", by: plant.sam).id
        plant.tick()
        _ = try plant.records.planCAPA(id, action: "Keep two spare gaskets", owner: "tom", due: try due(plant, in: 10), reason: "Plan",
                                       by: plant.sam)
        let path: [CAPA.Event] = [.implement, .verify, .close]
        for event in path.prefix(CAPA.Status.allCases.firstIndex(of: state) ?? 0) {
            if event == .verify { plant.tick(30 * day) }
            _ = try perform(event, id, plant)
        }
        if state == .implemented { plant.tick(30 * day) }
        #expect(try plant.records.record(CAPA.self, kind: .capa, id: id)?.status == state)
        return id
    }

    static func due(_ plant: Plant, in days: Int) throws -> String { try plant.records.today().adding(days: days).text }

    /// `event` on `id` by someone allowed to sign it.
    static func perform(_ event: CAPA.Event, _ id: String, _ plant: Plant) throws -> CAPA {
        plant.tick()
        switch event {
        case .plan:
            return try plant.records.planCAPA(id, action: "Audit the stock weekly", owner: "tess", due: try due(plant, in: 20), reason: "Plan",
                                              by: plant.sam)
        case .implement: return try plant.records.implementCAPA(id, action: 1, evidence: "Stock card 12", reason: "Done", by: plant.tom)
        case .verify: return try plant.records.verifyCAPA(id, effective: true, reason: "No stock-out since", by: plant.quinn)
        case .close: return try plant.records.closeCAPA(id, reason: "Effective", by: plant.quinn)
        }
    }

    @Test("every state × event pair: the allowed ones give the table's state, every other is refused as an invalid transition from that state",
          arguments: CAPA.Status.allCases, CAPA.Event.allCases)
    func lifecycle(state: CAPA.Status, event: CAPA.Event) throws {
        #expect(state.takes(event) == (Self.allowed[state]?[event] != nil))
        let plant = try Plant()
        let id = try Self.capa(in: state, plant)
        try expectTransition(plant, record: id, from: state, on: event, next: Self.allowed[state]?[event]) {
            try Self.perform(event, id, plant).status
        }
    }

    @Test("only the owner implements an action; an implementer may not verify effectiveness; another qa may")
    func segregation() throws {
        let plant = try Plant()
        plant.tick()
        let id = try plant.records.openCAPA(title: "Gasket stock", deviation: nil, reason: "Stock-outs", by: plant.quinn).id
        plant.tick()
        _ = try plant.records.planCAPA(id, action: "Keep spares", owner: "quinn", due: try Self.due(plant, in: 5), reason: "Plan", by: plant.quinn)
        plant.tick()
        #expect {
            _ = try plant.records.implementCAPA(id, action: 1, evidence: "Card", reason: "Done", by: plant.sam)
        } throws: { error in
            guard case DocumentsError.notPermitted(let user, _, let reason) = error else { return false }
            return user == "sam" && reason.contains("quinn")
        }
        _ = try plant.records.implementCAPA(id, action: 1, evidence: "Stock card 12", reason: "Done", by: plant.quinn)
        plant.tick(31 * Self.day)
        let head = try plant.repo.head()
        #expect {
            _ = try plant.records.verifyCAPA(id, effective: true, reason: "Mine", by: plant.quinn)
        } throws: { error in
            guard case DocumentsError.notPermitted(let user, _, let reason) = error else { return false }
            return user == "quinn" && reason.contains("implemented")
        }
        #expect(try plant.repo.head() == head)
        plant.tick()
        #expect(try plant.records.verifyCAPA(id, effective: true, reason: "No stock-out", by: plant.quentin).status == .effective)
        #expect(ReplayTests.verify(plant).ok)
    }

    @Test("effectiveness is verified only once the policy's waiting period has passed since the last implementation (injected clock)")
    func waitingPeriod() throws {
        let plant = try Plant()
        let id = try Self.capa(in: .open, plant)
        _ = try Self.perform(.implement, id, plant)
        plant.tick(29 * Self.day)
        let head = try plant.repo.head()
        #expect {
            _ = try plant.records.verifyCAPA(id, effective: true, reason: "Early", by: plant.quinn)
        } throws: { error in
            guard case DocumentsError.invalidTransition(_, _, "verify", let reason) = error else { return false }
            return reason.contains("capaEffectivenessDays") && reason.contains("30 days")
        }
        #expect(try plant.repo.head() == head)
        plant.tick(Self.day)
        #expect(try plant.records.verifyCAPA(id, effective: true, reason: "On time", by: plant.quinn).status == .effective)
    }

    @Test("not effective returns the CAPA to planning: a further action is planned, implemented and verified after its own wait")
    func notEffective() throws {
        let plant = try Plant()
        let id = try Self.capa(in: .implemented, plant)
        plant.tick()
        let reopened = try plant.records.verifyCAPA(id, effective: false, reason: "Stock-out again", by: plant.quinn)
        #expect(reopened.status == .open && reopened.verifications?.map(\.effective) == [false])
        plant.tick()
        #expect(throws: DocumentsError.self) { _ = try plant.records.verifyCAPA(id, effective: true, reason: "Again", by: plant.quinn) }
        _ = try Self.perform(.plan, id, plant)
        plant.tick()
        _ = try plant.records.implementCAPA(id, action: 2, evidence: "Audit log", reason: "Done", by: plant.tess)
        plant.tick(30 * Self.day)
        #expect(try Self.perform(.verify, id, plant).status == .effective)
        #expect(try Self.perform(.close, id, plant).status == .closed)
        #expect(ReplayTests.verify(plant).ok)
    }

    @Test("a CAPA opened from a deviation is listed on it in the same act; a closed or unknown deviation takes none")
    func fromDeviation() throws {
        let plant = try Plant()
        let deviation = try DeviationTests.deviation(in: .investigated, plant)
        plant.tick()
        let capa = try plant.records.openCAPA(title: "Gasket stock", deviation: deviation, reason: "Root cause", by: plant.sam)
        let listed = try #require(try plant.records.record(Deviation.self, kind: .deviation, id: deviation))
        #expect(capa.deviation == deviation && listed.capas == [capa.id] && listed.status == .investigated)
        let head = try #require(try plant.repo.head())
        #expect(try plant.records.ledger.changedFiles(of: head).map(\.path).sorted()
                == [try RecordID.path(kind: .capa, id: capa.id), try RecordID.path(kind: .deviation, id: deviation)].sorted())
        for event in [Deviation.Event.assess, .approve, .close] { _ = try DeviationTests.perform(event, deviation, plant) }
        let closedHead = try plant.repo.head()
        for other in [deviation, "DEV-000999"] {
            plant.tick()
            #expect {
                _ = try plant.records.openCAPA(title: "Late", deviation: other, reason: "x", by: plant.sam)
            } throws: { error in
                guard case DocumentsError.invalidField(_, "deviation", _) = error else { return false }
                return true
            }
        }
        #expect(try plant.repo.head() == closedHead)
        let report = ReplayTests.verify(plant)
        #expect(report.ok, "\(report.failures)")
    }

    @Test("an action not implemented past its due day makes its CAPA overdue, in plant days")
    func overdue() throws {
        let plant = try Plant()
        let id = try Self.capa(in: .open, plant)
        #expect(try plant.records.capas(overdueOn: try plant.records.today()).isEmpty)
        plant.tick(11 * Self.day)
        let today = try plant.records.today()
        #expect(try plant.records.capas(open: true, overdueOn: today).map(\.id) == [id])
        _ = try Self.perform(.implement, id, plant)
        #expect(try plant.records.capas(overdueOn: today).isEmpty)
    }

    @Test("an effectiveness check signed by an implementer, written by hand past the service, fails verify by the check rule")
    func forgedVerifyByImplementer() throws {
        let plant = try Plant()
        plant.tick()
        let id = try plant.records.openCAPA(title: "Gasket stock", deviation: nil, reason: "Stock-outs", by: plant.sam).id
        plant.tick()
        _ = try plant.records.planCAPA(id, action: "Keep spares", owner: "quentin", due: try Self.due(plant, in: 5), reason: "Plan", by: plant.sam)
        plant.tick()
        var capa = try plant.records.implementCAPA(id, action: 1, evidence: "Stock card 12", reason: "Done", by: plant.quentin)
        plant.tick(31 * Self.day)
        capa.verifications = [.init(effective: true, by: "quentin", at: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60)))]
        capa.status = .effective
        capa.revision += 1
        let commit = try DeviationTests.forge(plant, kind: .capa, id: id, capa, event: "capa.verify", meaning: .verification, by: plant.quentin)
        EventReplayTests.expectRefused(plant, commit, by: .check)
        let without = plant.records.ledger.verify(replay: RecordsReplay(checklist: TestRepository.checklist, skipping: [.check]))
        #expect(without.ok, "\(without.failures)")
    }
}
