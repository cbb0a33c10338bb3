@testable import Documents
import Foundation
@testable import RecordRepo
import Testing

/// Acts that name a declared event are replayed by that event's declaration; each forged act
/// below is refused by the rule the test is about, and no earlier one.
@Suite struct EventReplayTests {
    /// Signs `order` as the next version of its work order straight through the ledger, naming
    /// `event`, bypassing every service check.
    static func forge(_ plant: Plant, _ order: WorkOrder, event: String, meaning: Meaning, revision: Int? = nil,
                      by session: Session) throws -> ObjectID {
        plant.tick()
        let act = Act(record: order.id, revision: revision ?? order.revision, meaning: meaning, event: event, reason: "Forged",
                      summary: "Forged act on \(order.id)",
                      changes: [(try RecordPath(try RecordID.path(kind: .workOrder, id: order.id)), try CanonicalJSON.encode(order))])
        return try plant.records.ledger.append(act, by: session.signer, basedOn: try plant.repo.head()).commit
    }

    /// The one failure of `commit`, which must come from the replay of its event by `rule`.
    static func expectRefused(_ plant: Plant, _ commit: ObjectID, by rule: EventRefusal.Rule,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let failures = ReplayTests.verify(plant).failures
        #expect(failures.count == 1, "\(failures)", sourceLocation: sourceLocation)
        #expect(failures.contains { $0.check == "authority" && $0.commit == commit.hex
                    && $0.message.contains("refused by the \(rule.rawValue) rule") },
                "\(failures)", sourceLocation: sourceLocation)
    }

    /// A job on an effective SOP, assigned to tess, and the time the clock shows.
    static func plantWithJob() throws -> (Plant, WorkOrder) {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        return (plant, try plant.job(sop.id))
    }

    @Test("a supervisor cancels an open job and one in progress; both acts name wo.cancel and verify")
    func cancelEndToEnd() throws {
        let (plant, open) = try Self.plantWithJob()
        let started = try plant.job(open.sop)
        plant.tick(); _ = try plant.records.startWorkOrder(started.id, reason: nil, by: plant.tess)
        for job in [open.id, started.id] {
            plant.tick()
            let cancelled = try plant.records.cancelWorkOrder(job, reason: "Equipment replaced", by: plant.sam)
            #expect(cancelled.status == .cancelled && cancelled.cancelledBy == "sam")
            let act = try plant.records.ledger.act(try #require(try plant.repo.head()))
            #expect(act.event == "wo.cancel" && act.meaning == .cancellation && act.revision == cancelled.revision)
        }
        let report = ReplayTests.verify(plant)
        #expect(report.ok, "\(report.failures)")
    }

    @Test("cancelling a job twice, or by a technician, is refused and leaves main where it was")
    func cancelRefusals() throws {
        let (plant, job) = try Self.plantWithJob()
        let head = try plant.repo.head()
        #expect {
            try plant.records.cancelWorkOrder(job.id, reason: "Not needed", by: plant.tess)
        } throws: { error in
            guard case DocumentsError.notPermitted(let user, let action, _) = error else { return false }
            return user == "tess" && action == "cancel jobs"
        }
        plant.tick(); _ = try plant.records.cancelWorkOrder(job.id, reason: "Not needed", by: plant.sam)
        let cancelled = try plant.repo.head()
        #expect(cancelled != head)
        #expect {
            try plant.records.cancelWorkOrder(job.id, reason: "Again", by: plant.sam)
        } throws: { error in
            guard case DocumentsError.invalidTransition(let record, let from, let event, _) = error else { return false }
            return record == job.id && from == "cancelled" && event == "cancel"
        }
        #expect(try plant.repo.head() == cancelled)
    }

    // One forged act per rule of the declarations' replay, each refused by that rule alone.

    static func technicianCancels() throws -> (Plant, ObjectID) {
        let (plant, job) = try plantWithJob()
        let cancelled = try job.applying(.cancel(by: "tess", at: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60))))
        return (plant, try forge(plant, cancelled, event: "wo.cancel", meaning: .cancellation, by: plant.tess))
    }

    static func unknownEventName() throws -> (Plant, ObjectID) {
        let (plant, job) = try plantWithJob()
        var changed = job
        changed.title = "Renamed"
        changed.revision += 1
        return (plant, try forge(plant, changed, event: "wo.rename", meaning: .authorship, by: plant.sam))
    }

    static func meaningOfAnotherEvent() throws -> (Plant, ObjectID) {
        let (plant, job) = try plantWithJob()
        let cancelled = try job.applying(.cancel(by: "sam", at: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60))))
        return (plant, try forge(plant, cancelled, event: "wo.cancel", meaning: .approval, by: plant.sam))
    }

    static func equipmentAddedTwice() throws -> (Plant, ObjectID) {
        let plant = try Plant()
        let again = Equipment(id: "AC-101", name: "Autoclave 1 again", createdBy: "sam",
                              createdAt: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60)))
        return (plant, try ReplayTests.forge(plant, record: "AC-101", meaning: .authorship, event: "equipment.add",
                                             path: try RecordID.path(kind: .equipment, id: "AC-101"),
                                             content: try CanonicalJSON.encode(again), by: plant.sam))
    }

    static func unacknowledgedSigner() throws -> (Plant, ObjectID) {
        let plant = try Plant()
        plant.tick()
        _ = try plant.records.addUser("sue", name: "Sue", roles: [.supervisor], department: nil,
                                      identity: Account.Identity(method: "badge", reference: "9"), custodian: "quinn",
                                      password: "alice-half", reason: "x", by: try plant.repo.admin())
        plant.tick()
        _ = try plant.records.issueCredential("sue", password: "quinn-half", reason: "Issued", by: plant.quinn)
        let sue = try plant.records.authenticate("sue", password: "alice-halfquinn-half")
        let equipment = Equipment(id: "AC-102", name: "Autoclave 2", createdBy: "sue",
                                  createdAt: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60)))
        return (plant, try ReplayTests.forge(plant, record: "AC-102", meaning: .authorship, event: "equipment.add",
                                             path: try RecordID.path(kind: .equipment, id: "AC-102"),
                                             content: try CanonicalJSON.encode(equipment), by: sue))
    }

    static func closeWithoutReview() throws -> (Plant, ObjectID) {
        let (plant, job) = try plantWithJob()
        plant.tick(); _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        for step in 1...3 { plant.tick(); _ = try plant.records.signStep(job.id, number: step, note: nil, by: plant.tess) }
        plant.tick()
        var closed = try plant.records.completeWorkOrder(job.id, reason: "Done", by: plant.tess)
        closed.status = .closed
        closed.closedBy = "quinn"
        closed.closedAt = Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60))
        closed.revision += 1
        return (plant, try forge(plant, closed, event: "wo.close", meaning: .approval, by: plant.quinn))
    }

    static func stepWithOtherTime() throws -> (Plant, ObjectID) {
        let (plant, job) = try plantWithJob()
        plant.tick()
        var forged = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        forged.steps[0].signedBy = "tess"
        forged.steps[0].signedAt = "2020-01-01T00:00:00Z"
        forged.revision += 1
        return (plant, try forge(plant, forged, event: "wo.step", meaning: .execution, by: plant.tess))
    }

    static func wrongRevisionTrailer() throws -> (Plant, ObjectID) {
        let (plant, job) = try plantWithJob()
        let cancelled = try job.applying(.cancel(by: "sam", at: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60))))
        return (plant, try forge(plant, cancelled, event: "wo.cancel", meaning: .cancellation, revision: 7, by: plant.sam))
    }

    /// The forged act that only `rule` refuses.
    static func forged(for rule: EventRefusal.Rule) throws -> (Plant, ObjectID) {
        switch rule {
        case .unknownEvent: try unknownEventName()
        case .meaning: try meaningOfAnotherEvent()
        case .existence: try equipmentAddedTwice()
        case .signer: try unacknowledgedSigner()
        case .permission: try technicianCancels()
        case .check: try closeWithoutReview()
        case .result: try stepWithOtherTime()
        case .revision: try wrongRevisionTrailer()
        case .companions: try cancelThatAlsoMovesEquipment()
        }
    }

    @Test("each rule refuses its forged act, and with that rule switched off verify accepts it",
          arguments: EventRefusal.Rule.allCases)
    func everyRuleMatters(rule: EventRefusal.Rule) throws {
        let (plant, commit) = try Self.forged(for: rule)
        Self.expectRefused(plant, commit, by: rule)
        let without = plant.records.ledger.verify(replay: RecordsReplay(checklist: TestRepository.checklist, skipping: [rule]))
        #expect(without.ok, "with the \(rule.rawValue) rule off the act is accepted: \(without.failures)")
        // Stock git calls every one of these signatures good: only recrepo's replay sees the refusal.
        #expect(try Git.stockVerification(of: plant.repo.path, allowedSigners: try plant.records.ledger.allowedSigners()).isEmpty)
    }

    @Test("a start whose steps are not the bound revision's checklist is refused by the check rule")
    func startWithOtherSteps() throws {
        let (plant, job) = try Self.plantWithJob()
        plant.tick()
        let real = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        let head = try #require(try plant.repo.head())
        let base = try #require(try plant.records.ledger.act(head).parent)
        #expect(try Git.run(["update-ref", "refs/heads/main", base.hex], in: plant.repo.path).status == 0)
        let bound = try #require(real.boundSOP)
        let forged = try job.applying(.start(by: "tess", bound: bound, steps: real.steps.dropLast().map(\.text),
                                             at: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60))))
        let commit = try Self.forge(plant, forged, event: "wo.start", meaning: .execution, by: plant.tess)
        Self.expectRefused(plant, commit, by: .check)
        let without = plant.records.ledger.verify(replay: RecordsReplay(checklist: TestRepository.checklist, skipping: [.check]))
        #expect(without.ok, "\(without.failures)")
    }

    @Test("after acts that name their event, an act without an Event trailer is refused, not replayed by older rules")
    func noEventAfterEvents() throws {
        let (plant, job) = try Self.plantWithJob()
        let cancelled = try job.applying(.cancel(by: "sam", at: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60))))
        let commit = try ReplayTests.forge(plant, record: job.id, meaning: .cancellation, event: nil, revision: cancelled.revision,
                                           path: try RecordID.path(kind: .workOrder, id: job.id),
                                           content: try CanonicalJSON.encode(cancelled), by: plant.sam)
        let failures = ReplayTests.verify(plant).failures
        #expect(failures.map(\.commit) == [commit.hex])
        #expect(failures.first?.message.contains("names no event") == true, "\(failures)")
    }
}
