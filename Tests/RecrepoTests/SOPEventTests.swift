import Documents
import Foundation
@testable import RecordRepo
import Testing

/// SOP acts name their event, so verify replays what the service did instead of guessing it
/// from the Meaning and whether the markdown changed.
@Suite struct SOPEventTests {
    /// Signs `sop` (and `body`, when given) as the next version straight through the ledger.
    static func forge(_ plant: Plant, _ sop: SOP, body: Data? = nil, event: String, meaning: Meaning,
                      by session: Session) throws -> ObjectID {
        plant.tick()
        var changes = [(try RecordPath(try RecordID.path(kind: .sop, id: sop.id)), Optional(try CanonicalJSON.encode(sop)))]
        if let body { changes.append((try RecordPath(try RecordID.sopBodyPath(id: sop.id)), body)) }
        let act = Act(record: sop.id, revision: sop.latest?.number, meaning: meaning, event: event, reason: "Forged",
                      summary: "Forged act on \(sop.id)", changes: changes)
        return try plant.records.ledger.append(act, by: session.signer, basedOn: try plant.repo.head()).commit
    }

    @Test("a revision whose markdown equals the effective text is signed and replayed as a revision")
    func identicalRevision() throws {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        plant.tick()
        let revised = try plant.records.reviseSOP(sop.id, body: Data(Plant.checklist.utf8), reason: "Periodic review: no change",
                                                  by: plant.dora)
        #expect(revised.latest?.number == 2 && revised.latest?.status == .draft)
        let act = try plant.records.ledger.act(try #require(try plant.repo.head()))
        #expect(act.event == "sop.revise" && act.revision == 2)
        try plant.approve(sop.id)
        let report = ReplayTests.verify(plant)
        #expect(report.ok, "\(report.failures)")
    }

    @Test("the same request from the command line verifies with exit 0")
    func identicalRevisionFromTheCommandLine() throws {
        let (cli, directory) = try CLI.initialised()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("same.md")
        try Data(Plant.checklist.utf8).write(to: file)
        try cli.person("dora", role: "document-control")
        let made = try cli.run(["sop", "new", "--title", "Check", "--file", file.path, "--reason", "New"],
                               user: "dora", password: "own pass phrase 1")
        #expect(made.status == 0, "\(made.stderr)")
        let twice = try cli.run(["sop", "revise", "SOP-0001", "--file", file.path, "--reason", "Same text"],
                                user: "dora", password: "own pass phrase 1")
        #expect(twice.status == 0, "\(twice.stderr)")
        let verified = try cli.run(["verify"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }

    @Test("a submission that also changes the markdown is refused by the result rule")
    func submitWithNewText() throws {
        let plant = try Plant()
        plant.tick()
        let sop = try plant.records.createSOP(title: "Check", body: Data(Plant.checklist.utf8), reason: "New", by: plant.dora)
        var submitted = sop
        try submitted.submit(by: "dora")
        let commit = try Self.forge(plant, submitted, body: Data("# Other text\n".utf8), event: "sop.submit",
                                    meaning: .authorship, by: plant.dora)
        EventReplayTests.expectRefused(plant, commit, by: .result)
    }

    @Test("an approval dated before its signing day is refused by the check rule")
    func backdatedApproval() throws {
        let plant = try Plant()
        plant.tick()
        let sop = try plant.records.createSOP(title: "Check", body: Data(Plant.checklist.utf8), reason: "New", by: plant.dora)
        plant.tick(); _ = try plant.records.submitSOP(sop.id, reason: "Ready", by: plant.dora)
        plant.tick()
        var approved = try plant.records.reviewSOP(sop.id, reason: "Fine", by: plant.dan)
        _ = try approved.approve(by: "quinn", effectiveDate: "2020-01-01", today: "2020-01-01")
        let commit = try Self.forge(plant, approved, event: "sop.approve", meaning: .approval, by: plant.quinn)
        EventReplayTests.expectRefused(plant, commit, by: .check)
    }

    @Test("a reviewer who wrote the revision is refused by the check rule (the lifecycle)")
    func selfReview() throws {
        let plant = try Plant()
        plant.tick()
        let sop = try plant.records.createSOP(title: "Check", body: Data(Plant.checklist.utf8), reason: "New", by: plant.dora)
        plant.tick()
        var reviewed = try plant.records.submitSOP(sop.id, reason: "Ready", by: plant.dora)
        reviewed.revisions[0].reviewer = "dora"
        let commit = try Self.forge(plant, reviewed, event: "sop.review", meaning: .review, by: plant.dora)
        EventReplayTests.expectRefused(plant, commit, by: .check)
    }
}

@Suite struct BoundRevisionNoticeTests {
    @Test("a job bound to a revision that a newer one has superseded says so, and which is in force since when")
    func supersededBinding() throws {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        let job = try plant.job(sop.id)
        plant.tick(); _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        #expect(try plant.records.boundRevisionNotice(try plant.records.workOrder(job.id)) == nil)
        plant.tick(); _ = try plant.records.reviseSOP(sop.id, body: Data((Plant.checklist + "\n- [ ] Sign the log\n").utf8),
                                                      reason: "Log step", by: plant.dora)
        try plant.approve(sop.id)
        let notice = try #require(try plant.records.boundRevisionNotice(try plant.records.workOrder(job.id)))
        #expect(notice.contains("revision 1 is superseded") && notice.contains("revision 2 is in force since 2025-11-25"), "\(notice)")
        #expect(try plant.records.workOrderSOP(job.id).status == .superseded)
    }
}
