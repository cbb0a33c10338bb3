@testable import Documents
import Foundation
@testable import RecordRepo
import Testing

/// The periodic review of SOPs: a signed act on the SOP (qa), no change or revise (a new draft
/// in the same act), and the SOPs due for it by the plant's days on an injected clock.
@Suite struct SOPPeriodicReviewTests {
    @Test("a no-change review is signed by qa, names the effective revision and moves the next due date")
    func noChange() throws {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        let today = try plant.records.today()
        plant.tick()
        #expect(throws: DocumentsError.self) { _ = try plant.records.periodicReview(sop.id, outcome: .noChange, reason: "x", by: plant.dora) }
        let reviewed = try plant.records.periodicReview(sop.id, outcome: .noChange, intervalMonths: 1, reason: "Still fit", by: plant.quinn)
        #expect(reviewed.periodicReviews == [SOP.PeriodicReview(revision: 1, outcome: .noChange, by: "quinn",
                                                                at: Timestamp.iso(plant.repo.clock.now), day: today.text)])
        #expect(reviewed.reviewIntervalMonths == 1 && reviewed.revisions.count == 1)
        let act = try plant.records.ledger.act(try #require(try plant.repo.head()))
        #expect(act.event == "sop.periodic-review" && act.meaning == .review && act.revision == 1)
        #expect(try plant.records.reviewDue().isEmpty)
        // A month and more later (within the password age): due by its own one-month interval, from the review.
        plant.tick(40 * 86_400)
        let due = try plant.records.reviewDue()
        #expect(due.count == 1 && due.first?.sop == sop.id && due.first?.since == today.text
                && due.first?.due == today.adding(months: 1).text && due.first?.intervalMonths == 1, "\(due)")
        #expect(ReplayTests.verify(plant).ok)
    }

    @Test("a revise review opens the next revision as a draft in the same act; a second one is refused while it is open")
    func revise() throws {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        plant.tick()
        let reviewed = try plant.records.periodicReview(sop.id, outcome: .revise, reason: "New model", by: plant.quinn)
        #expect(reviewed.revisions.map(\.status) == [.effective, .draft] && reviewed.latest?.authors == ["quinn"])
        #expect(reviewed.periodicReviews?.last?.outcome == .revise && reviewed.periodicReviews?.last?.revision == 1)
        let head = try #require(try plant.repo.head())
        #expect(try plant.records.ledger.changedFiles(of: head).map(\.path) == [try RecordID.path(kind: .sop, id: sop.id)])
        #expect(try plant.records.ledger.act(head).revision == 2)
        plant.tick()
        #expect {
            _ = try plant.records.periodicReview(sop.id, outcome: .revise, reason: "Again", by: plant.quentin)
        } throws: { "\($0)".contains("already open") }
        #expect(try plant.repo.head() == head)
        // document control carries on with the draft; another qa approves it.
        plant.tick(); _ = try plant.records.reviseSOP(sop.id, body: Data((Plant.checklist + "- [ ] New step\n").utf8), reason: "Edit", by: plant.dora)
        plant.tick(); _ = try plant.records.submitSOP(sop.id, reason: "Ready", by: plant.dora)
        plant.tick(); _ = try plant.records.reviewSOP(sop.id, reason: "Checked", by: plant.dan)
        plant.tick(); _ = try plant.records.approveSOP(sop.id, effective: nil, reason: "Approved", by: plant.quentin)
        #expect(try plant.records.sopRecord(sop.id).effectiveRevision(today: try plant.records.today().text)?.number == 2)
        #expect(ReplayTests.verify(plant).ok)
    }

    @Test("review-due uses the policy's 24 months from the effective date, by the plant's day")
    func standardInterval() throws {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        let effective = try plant.records.today()
        #expect(try plant.records.reviewDue().isEmpty)
        // The day before the due date: not yet; on it: due, 0 days over.
        let due = effective.adding(months: 24)
        plant.tick(Double(due.number - effective.number - 1) * 86_400)
        #expect(try plant.records.reviewDue().isEmpty)
        plant.tick(86_400)
        let listed = try plant.records.reviewDue()
        #expect(listed.map(\.sop) == [sop.id] && listed.first?.due == due.text && listed.first?.daysOverdue == 0
                && listed.first?.intervalMonths == 24 && listed.first?.revision == 1, "\(listed)")
    }

    @Test("a review written past the service that omits the new draft fails verify by the result rule")
    func forgedRevise() throws {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        var forged = try plant.records.sopRecord(sop.id)
        forged.periodicReviews = [SOP.PeriodicReview(revision: 1, outcome: .revise, by: "quinn",
                                                     at: Timestamp.iso(plant.repo.clock.now.addingTimeInterval(60)),
                                                     day: try plant.records.today().text)]
        let commit = try ReplayTests.forge(plant, record: sop.id, meaning: .review, event: "sop.periodic-review", revision: 1,
                                           path: try RecordID.path(kind: .sop, id: sop.id), content: try CanonicalJSON.encode(forged),
                                           by: plant.quinn)
        EventReplayTests.expectRefused(plant, commit, by: .result)
    }
}
