@testable import Documents
import Foundation
@testable import RecordRepo
import Testing

/// Training gates the work (§11.10(i)): with the policy's training-gate on, only a person whose
/// training on exactly the bound SOP revision is recorded by a trainer and acknowledged by
/// themself starts a job or signs its steps; verify replays the same gate.
@Suite struct TrainingTests {
    /// A plant with an effective SOP and a job on it assigned to tess.
    static func plant(gate: Bool) throws -> (Plant, SOP, WorkOrder) {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        if gate { try setGate(plant, on: true) }
        return (plant, sop, try plant.job(sop.id))
    }

    /// Turns the training gate on or off through the signed policy change: alice proposes, quinn approves.
    static func setGate(_ plant: Plant, on: Bool) throws {
        plant.tick()
        let proposal = try PolicyKind.Proposal(parsingGrants: [], revokes: [], settings: ["training-gate=\(on)"])
        _ = try plant.records.proposePolicyChange(proposal, reason: "Training gates the work", by: try plant.repo.admin())
        plant.tick()
        let policy = try plant.records.approvePolicyChange(reason: "Agreed", by: plant.quinn)
        #expect(policy.gatesTraining == on && policy.trainingGate == on)
    }

    /// sam trains tess on `sop` revision `revision`, and tess acknowledges it.
    @discardableResult
    static func train(_ plant: Plant, _ sop: String, revision: Int, acknowledge: Bool = true) throws -> TrainingRecord {
        plant.tick()
        let training = try plant.records.recordTraining(user: "tess", sop: sop, revision: revision, reason: "Classroom and walk-through",
                                                        by: plant.sam)
        guard acknowledge else { return training }
        plant.tick()
        return try plant.records.acknowledgeTraining(training.id, reason: nil, by: plant.tess)
    }

    @Test("with the gate off an untrained technician starts the job and signs its steps")
    func gateOff() throws {
        let (plant, _, job) = try Self.plant(gate: false)
        plant.tick(); _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        plant.tick(); _ = try plant.records.signStep(job.id, number: 1, note: nil, by: plant.tess)
        #expect(ReplayTests.verify(plant).ok)
    }

    @Test("with the gate on an untrained technician may not start the job; the refusal names the SOP and revision and main stays")
    func untrainedCannotStart() throws {
        let (plant, sop, job) = try Self.plant(gate: true)
        let head = try plant.repo.head()
        plant.tick()
        do {
            _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
            Issue.record("an untrained technician started the job")
        } catch {
            #expect(error.description.contains("tess is not trained on \(sop.id) revision 1"), "\(error)")
        }
        #expect(try plant.repo.head() == head)
    }

    @Test("recorded but not acknowledged training does not open the gate; acknowledged training on that revision does")
    func acknowledgedTrainingOpensTheGate() throws {
        let (plant, sop, job) = try Self.plant(gate: true)
        let training = try Self.train(plant, sop.id, revision: 1, acknowledge: false)
        #expect(training.id == "TRN-000001" && training.status == .recorded && training.trainer == "sam")
        plant.tick()
        #expect(throws: DocumentsError.self) { _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess) }
        plant.tick()
        let acknowledged = try plant.records.acknowledgeTraining(training.id, reason: nil, by: plant.tess)
        #expect(acknowledged.isComplete && acknowledged.revision == 2)
        // The acknowledgement writes the record and the mark the gate reads, in one act.
        let head = try #require(try plant.repo.head())
        #expect(try plant.records.ledger.changedFiles(of: head).map(\.path).sorted()
                == [try RecordID.path(kind: .train, id: training.id), try TrainingMark.path(user: "tess", sop: sop.id, revision: 1)].sorted())
        plant.tick(); _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        plant.tick(); _ = try plant.records.signStep(job.id, number: 1, note: nil, by: plant.tess)
        let report = ReplayTests.verify(plant)
        #expect(report.ok, "\(report.failures)")
    }

    @Test("every step is gated: a job started with the gate off takes no step from an untrained technician once it is on")
    func stepIsGated() throws {
        let (plant, sop, job) = try Self.plant(gate: false)
        plant.tick(); _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        try Self.setGate(plant, on: true)
        let head = try plant.repo.head()
        plant.tick()
        do {
            _ = try plant.records.signStep(job.id, number: 1, note: nil, by: plant.tess)
            Issue.record("an untrained technician signed a step")
        } catch {
            #expect(error.description.contains("tess is not trained on \(sop.id) revision 1"), "\(error)")
        }
        #expect(try plant.repo.head() == head)
    }

    @Test("training on another revision does not count, and a newer effective revision puts the person in train due")
    func otherRevisionDoesNotCount() throws {
        let (plant, sop, _) = try Self.plant(gate: true)
        try Self.train(plant, sop.id, revision: 1)
        #expect(try plant.records.trainingDue(user: "tess").isEmpty)
        plant.tick(); _ = try plant.records.reviseSOP(sop.id, body: Data((Plant.checklist + "- [ ] Sign the log\n").utf8), reason: "New step", by: plant.dora)
        try plant.approve(sop.id)
        let due = try plant.records.trainingDue(user: "tess", sop: sop.id)
        #expect(due.count == 1 && due.first?.revision == 2 && due.first?.trainedRevision == 1, "\(due)")
        // tom, a technician never trained, is due too; the supervisor is not.
        #expect(try plant.records.trainingDue(sop: sop.id).map(\.user) == ["tess", "tom"])
        let job = try plant.job(sop.id)
        plant.tick()
        #expect {
            _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        } throws: { "\($0)".contains("tess is not trained on \(sop.id) revision 2") }
        try Self.train(plant, sop.id, revision: 2)
        #expect(try plant.records.trainingDue(user: "tess").isEmpty)
        plant.tick(); _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        let standing = try plant.records.trainingMatrix()
        #expect(standing.cells["tess"]?[sop.id]?.current == true && standing.cells["tom"]?[sop.id]?.trained == nil)
        #expect(ReplayTests.verify(plant).ok)
    }

    @Test("the trainer may not record their own training, a technician may not record training, and a draft revision is refused")
    func trainerIsNotTrainee() throws {
        let (plant, sop, _) = try Self.plant(gate: false)
        let head = try plant.repo.head()
        plant.tick()
        #expect {
            _ = try plant.records.recordTraining(user: "sam", sop: sop.id, revision: 1, reason: "x", by: plant.sam)
        } throws: { "\($0)".contains("never records their own training") }
        #expect {
            _ = try plant.records.recordTraining(user: "tess", sop: sop.id, revision: 1, reason: "x", by: plant.tom)
        } throws: { "\($0)".contains("record training") }
        plant.tick(); _ = try plant.records.reviseSOP(sop.id, body: Data(Plant.checklist.utf8), reason: "Draft", by: plant.dora)
        let draft = try plant.repo.head()
        #expect {
            _ = try plant.records.recordTraining(user: "tess", sop: sop.id, revision: 2, reason: "x", by: plant.quinn)
        } throws: { "\($0)".contains("revision") && "\($0)".contains("draft") }
        #expect(try plant.repo.head() == draft && draft != head)
    }

    @Test("only the trainee acknowledges: neither the trainer nor another technician can, and an acknowledgement is signed once")
    func onlyTheTraineeAcknowledges() throws {
        let (plant, sop, _) = try Self.plant(gate: false)
        let training = try Self.train(plant, sop.id, revision: 1, acknowledge: false)
        let head = try plant.repo.head()
        for other in [plant.sam, plant.tom, plant.quinn] {
            plant.tick()
            #expect {
                _ = try plant.records.acknowledgeTraining(training.id, reason: nil, by: other)
            } throws: { "\($0)".contains("only the trainee, tess") }
        }
        #expect(try plant.repo.head() == head)
        plant.tick(); _ = try plant.records.acknowledgeTraining(training.id, reason: "Understood", by: plant.tess)
        plant.tick()
        #expect(throws: DocumentsError.self) { _ = try plant.records.acknowledgeTraining(training.id, reason: nil, by: plant.tess) }
        let act = try plant.records.ledger.act(try #require(try plant.repo.head()))
        #expect(act.meaning == .acknowledgement && act.event == "train.acknowledge" && act.signer == "tess")
    }

    @Test("a step by an untrained technician written past the service fails verify by the check rule alone; stock git calls it Good")
    func forgedUntrainedStep() throws {
        let (plant, _, job) = try Self.plant(gate: false)
        plant.tick()
        let started = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        try Self.setGate(plant, on: true)
        let forged = try started.applying(.signStep(number: 1, by: "tess", note: nil,
                                                    at: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60))))
        let commit = try EventReplayTests.forge(plant, forged, event: "wo.step", meaning: .execution, by: plant.tess)
        EventReplayTests.expectRefused(plant, commit, by: .check)
        #expect(ReplayTests.verify(plant).failures.first?.message.contains("tess is not trained on") == true)
        let without = plant.records.ledger.verify(replay: RecordsReplay(checklist: TestRepository.checklist, skipping: [.check]))
        #expect(without.ok, "\(without.failures)")
        #expect(try Git.stockVerification(of: plant.repo.path, allowedSigners: try plant.records.ledger.allowedSigners()).isEmpty)
    }

    @Test("a training mark written by an act that is not the acknowledgement fails verify by the other-records rule")
    func forgedMark() throws {
        let (plant, sop, job) = try Self.plant(gate: true)
        plant.tick()
        let cancelled = try job.applying(.cancel(by: "sam", at: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60))))
        let mark = TrainingMark(user: "tess", sop: sop.id, revision: 1, training: "TRN-000001", acknowledgedAt: Timestamp.iso(plant.repo.clock.now))
        let act = Act(record: job.id, revision: cancelled.revision, meaning: .cancellation, event: "wo.cancel", reason: "Forged",
                      summary: "Forged", changes: [
                        (try RecordPath(try RecordID.path(kind: .workOrder, id: job.id)), try CanonicalJSON.encode(cancelled)),
                        (try RecordPath(try TrainingMark.path(user: "tess", sop: sop.id, revision: 1)), try CanonicalJSON.encode(mark)),
                      ])
        plant.tick()
        let commit = try plant.records.ledger.append(act, by: plant.sam.signer, basedOn: try plant.repo.head()).commit
        EventReplayTests.expectRefused(plant, commit, by: .companions)
    }
}
