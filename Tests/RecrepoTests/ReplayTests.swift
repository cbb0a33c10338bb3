import Documents
import Foundation
@testable import RecordRepo
import SOPRender
import Testing

/// Check 3: acts that are validly signed but that the lifecycle or the policy would have refused.
@Suite struct ReplayTests {
    static func verify(_ plant: Plant) -> VerificationReport {
        plant.records.ledger.verify(replay: RecordsReplay(checklist: TestRepository.checklist))
    }

    /// Signs `file` = `content` as `session` straight through the ledger, naming `event`,
    /// bypassing every service check.
    static func forge(_ plant: Plant, record: String, meaning: Meaning, event: String?, revision: Int = 1, path: String,
                      content: Data, by session: Session) throws -> ObjectID {
        plant.tick()
        let act = Act(record: record, revision: revision, meaning: meaning, event: event, reason: "Forged",
                      summary: "Forged act on \(record)", changes: [(try RecordPath(path), content)])
        return try plant.records.ledger.append(act, by: session.signer, basedOn: try plant.repo.head()).commit
    }

    @Test("a self-approval written straight into the ledger fails verify by the lifecycle, naming the commit")
    func selfApproval() throws {
        let plant = try Plant()
        // One person who may both write and approve SOPs: only the lifecycle stops them approving their own.
        let both = try plant.repo.addUser("bea", roles: [.documentControl, .qa])
        plant.tick()
        let sop = try plant.records.createSOP(title: "Check", body: Data(Plant.checklist.utf8), reason: "New", by: both)
        plant.tick(); _ = try plant.records.submitSOP(sop.id, reason: "Ready", by: both)
        plant.tick(); _ = try plant.records.reviewSOP(sop.id, reason: "Checked", by: plant.dan)
        #expect(Self.verify(plant).ok)
        var forged = try plant.records.sopRecord(sop.id)
        _ = try? forged.approve(by: "quinn", effectiveDate: "2025-11-25", today: "2025-11-25")
        forged.revisions[0].approver = "bea"
        let commit = try Self.forge(plant, record: sop.id, meaning: .approval, event: "sop.approve",
                                    path: try RecordID.path(kind: .sop, id: sop.id), content: try CanonicalJSON.encode(forged), by: both)
        let report = Self.verify(plant)
        #expect(report.failures.count == 1 && report.failures.contains { $0.check == "authority" && $0.commit == commit.hex
                    && $0.record == sop.id && $0.message.contains("refused by the check rule") && $0.message.contains("author") },
                "\(report.failures)")
        // Stock git still calls the signature good: only recrepo's replay sees the refusal.
        #expect(try Git.stockVerification(of: plant.repo.path, allowedSigners: try plant.records.ledger.allowedSigners()).isEmpty)
    }

    @Test("a step signed by someone else, written straight into the ledger, fails verify")
    func foreignStep() throws {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        let job = try plant.job(sop.id)
        plant.tick(); _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        var forged = try plant.records.workOrder(job.id)
        forged.steps[0].signedBy = "tom"
        forged.steps[0].signedAt = "2025-11-25T09:00:00Z"
        forged.revision += 1
        let commit = try Self.forge(plant, record: job.id, meaning: .execution, event: "wo.step", revision: forged.revision,
                                    path: try RecordID.path(kind: .workOrder, id: job.id), content: try CanonicalJSON.encode(forged),
                                    by: plant.tom)
        let report = Self.verify(plant)
        #expect(report.failures.count == 1 && report.failures.contains { $0.check == "authority" && $0.commit == commit.hex
                    && $0.message.contains("refused by the check rule") && $0.message.contains("only tess may sign its steps") },
                "\(report.failures)")
    }

    @Test("a job start bound to a commit that is not the SOP's approval on this history fails verify",
          arguments: ["creation", "elsewhere"])
    func forgedBinding(target: String) throws {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        let job = try plant.job(sop.id)
        let sopPath = try RecordID.path(kind: .sop, id: sop.id)
        var creation: ObjectID?
        try plant.records.ledger.walkBack { act in
            if act.record == sop.id { creation = act.commit }
            return true
        }
        // An approval of the same revision that main never reaches: signed, then rolled back.
        var retitled = try plant.records.sopRecord(sop.id)
        retitled.title += " (copy)"
        let base = try #require(try plant.repo.head())
        let elsewhere = try Self.forge(plant, record: sop.id, meaning: .approval, event: "sop.approve", path: sopPath,
                                       content: try CanonicalJSON.encode(retitled), by: plant.quinn)
        #expect(try Git.run(["update-ref", "refs/heads/main", base.hex, elsewhere.hex], in: plant.repo.path).status == 0)
        // The start as the service writes it, then rolled back and forged with another binding.
        plant.tick()
        var forged = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        #expect(try Git.run(["update-ref", "refs/heads/main", base.hex], in: plant.repo.path).status == 0)
        #expect(Self.verify(plant).ok)
        forged.boundSOP?.commit = try #require(target == "creation" ? creation : elsewhere).hex
        let commit = try Self.forge(plant, record: job.id, meaning: .execution, event: "wo.start", revision: forged.revision,
                                    path: try RecordID.path(kind: .workOrder, id: job.id), content: try CanonicalJSON.encode(forged),
                                    by: plant.tess)
        let report = Self.verify(plant)
        #expect(report.failures.count == 1 && report.failures.allSatisfy { $0.message.contains("refused by the check rule")
                    && $0.message.contains("the binding does not name the approval of that revision") }, "\(report.failures)")
        #expect(report.failures.first?.commit == commit.hex)
    }

    @Test("a file outside every record kind, or a record with an unknown field, fails verify")
    func strayFiles() throws {
        let plant = try Plant()
        let stray = try Self.forge(plant, record: "NOTE-1", meaning: .authorship, event: "note.create", path: "notes/0000/NOTE-1.txt",
                                   content: Data("hello\n".utf8), by: plant.sam)
        var equipment = try CanonicalJSON.encode(Equipment(id: "AC-102", name: "Autoclave 2", createdBy: "sam",
                                                           createdAt: "2025-11-25T08:20:00Z"))
        equipment = Data(String(decoding: equipment, as: UTF8.self).replacingOccurrences(of: "{\n", with: "{\n  \"backdoor\": true,\n").utf8)
        let unknown = try Self.forge(plant, record: "AC-102", meaning: .authorship, event: "equipment.add",
                                     path: try RecordID.path(kind: .equipment, id: "AC-102"), content: equipment, by: plant.sam)
        let report = Self.verify(plant)
        #expect(report.failures.contains { $0.commit == stray.hex }, "\(report.failures)")
        #expect(report.failures.contains { $0.commit == unknown.hex && $0.message.contains("backdoor") }, "\(report.failures)")
    }
}
