import Documents
import Foundation
@testable import RecordRepo
import SOPRender
import Testing

/// Audit-trail review as a signed act (§11.10(e), Annex 11 §9) and where it stands.
@Suite struct AuditReviewTests {
    static func verify(_ plant: Plant) -> VerificationReport {
        plant.records.ledger.verify(replay: RecordsReplay(checklist: { Checklist.steps(in: $0).map(\.text) }))
    }

    @Test("a review covers every act since the previous one; status counts exactly the acts after it")
    func reviewAndStatus() throws {
        let plant = try Plant()
        let commits = try plant.records.ledger.commits()
        #expect(try plant.records.auditStatus() == AuditStatus(lastReview: nil, unreviewed: commits.count, overdue: false))
        plant.tick()
        let first = try plant.records.reviewAuditTrail(reason: "Monthly audit-trail review", by: plant.quinn)
        #expect(first.id == "AR-000001" && first.reviewedBy == "quinn")
        #expect(first.first == commits[0].hex && first.last == commits.last?.hex && first.acts == commits.count)
        let reviewAct = try #require(try plant.repo.head())
        #expect(try plant.records.ledger.act(reviewAct).meaning == .auditReview)
        #expect(try plant.records.ledger.act(reviewAct).parent == commits.last)
        var status = try plant.records.auditStatus()
        #expect(status.unreviewed == 0 && !status.overdue)
        #expect(status.lastReview == .init(commit: reviewAct.hex, time: first.reviewedAt, signer: "quinn", through: first.last))

        let sop = try plant.effectiveSOP(Plant.checklist)
        _ = try plant.job(sop.id)
        status = try plant.records.auditStatus()
        #expect(status.unreviewed == 5, "create, submit, review, approve, new job")
        #expect(status.lastReview?.commit == reviewAct.hex)

        plant.tick()
        let before = try #require(try plant.repo.head())
        let second = try plant.records.reviewAuditTrail(reason: "Next review", by: plant.quentin)
        #expect(second.id == "AR-000002")
        #expect(second.first == reviewAct.hex, "the range starts at the previous review's act: no gap")
        #expect(second.last == before.hex && second.acts == 6, "the previous review's act and the five after it")
        #expect(try plant.records.auditStatus().unreviewed == 0)
        let report = Self.verify(plant)
        #expect(report.ok, "\(report.failures)")
        #expect(try Git.stockVerification(of: plant.repo.path, allowedSigners: try plant.records.ledger.allowedSigners()).isEmpty)
    }

    @Test("nothing to review, or a reviewer without audit.review: refused, main unchanged")
    func refusals() throws {
        let plant = try Plant()
        let start = try plant.repo.head()
        plant.tick()
        #expect { try plant.records.reviewAuditTrail(reason: "Review", by: plant.tess) } throws: { error in
            guard case DocumentsError.notPermitted(let user, _, let reason) = error else { return false }
            return user == "tess" && reason.contains("auditor")
        }
        #expect(try plant.repo.head() == start)
        #expect(Policy.standard.roles(for: .auditReview) == [.qa, .auditor])
        _ = try plant.records.reviewAuditTrail(reason: "Review", by: plant.quinn)
        let reviewed = try plant.repo.head()
        plant.tick()
        #expect { try plant.records.reviewAuditTrail(reason: "Again", by: plant.quentin) } throws: { error in
            guard case DocumentsError.nothingToReview(let review) = error else { return false }
            return review == "AR-000001"
        }
        #expect(try plant.repo.head() == reviewed)
    }

    @Test("overdue when the first act, then the last review, is older than the policy's interval")
    func overdue() throws {
        let plant = try Plant()
        #expect(try plant.records.policy().auditReviewIntervalDays == 30)
        plant.tick(29 * 86_400)
        #expect(try !plant.records.auditStatus().overdue)
        plant.tick(2 * 86_400)
        #expect(try plant.records.auditStatus().overdue, "no review, and the first act is 31 days old")
        _ = try plant.records.reviewAuditTrail(reason: "Overdue review", by: plant.quinn)
        #expect(try !plant.records.auditStatus().overdue)
        plant.tick(30 * 86_400 + 1)
        #expect(try plant.records.auditStatus().overdue, "the last review is older than 30 days")
    }

    @Test("a review act pinned to its base is never rebuilt on a head that moved: conflict, main unchanged")
    func pinned() throws {
        let plant = try Plant()
        let stale = try plant.repo.head()
        plant.tick()
        _ = try plant.records.addEquipment("AC-102", name: "Autoclave 2", location: nil, department: nil, reason: "New", by: plant.sam)
        let head = try plant.repo.head()
        var act = Act(record: "AR-000001", revision: 1, meaning: .auditReview, reason: "Review", summary: "Review",
                      changes: [(try RecordPath(try RecordID.path(kind: .review, id: "AR-000001")), Data("{}\n".utf8))])
        act.pinnedToBase = true
        #expect { try plant.records.ledger.append(act, by: plant.quinn.signer, basedOn: stale) } throws: { error in
            guard case LedgerError.conflict(_, let path, _) = error else { return false }
            return path == Ledger.mainRef
        }
        #expect(try plant.repo.head() == head)
    }

    /// A review written straight into the ledger, valid in every way but the one `alter` changes.
    static func forgeReview(_ plant: Plant, _ alter: @escaping @Sendable (inout AuditReview) -> Void) throws -> ObjectID {
        let commits = try plant.records.ledger.commits()
        let draft = AuditReview(id: "AR-000001", first: commits[0].hex, last: try #require(commits.last).hex, acts: commits.count,
                                reviewedBy: "quinn", reviewedAt: "")
        plant.tick()
        let act = Act(record: draft.id, revision: 1, meaning: .auditReview, event: "review.sign", reason: "Forged", summary: "Forged review",
                      paths: [try RecordPath(try RecordID.path(kind: .review, id: draft.id))]) { at in
            var review = draft
            review.reviewedAt = Timestamp.iso(at)
            alter(&review)
            return [try CanonicalJSON.encode(review)]
        }
        return try plant.records.ledger.append(act, by: plant.quinn.signer, basedOn: commits.last).commit
    }

    @Test("a review forged straight into the ledger fails verify, naming the commit",
          arguments: ["wrong count", "wrong first", "wrong last", "wrong reviewer"])
    func forged(fault: String) throws {
        let plant = try Plant()
        let honest = try Self.forgeReview(plant) { _ in }
        #expect(Self.verify(plant).ok, "the unaltered review replays")
        let other = try Plant()
        let sam = try other.records.ledger.commits()[1].hex
        let forged = try Self.forgeReview(other) { review in
            switch fault {
            case "wrong count": review.acts += 1
            case "wrong first": review.first = sam
            case "wrong last": review.last = sam
            default: review.reviewedBy = "quentin"
            }
        }
        let report = Self.verify(other)
        let rule = fault == "wrong reviewer" ? "result" : "check"
        #expect(report.failures.count == 1 && report.failures.contains { $0.check == "authority" && $0.commit == forged.hex
                    && $0.record == "AR-000001" && $0.message.contains("refused by the \(rule) rule") }, "\(report.failures)")
        _ = honest
    }
}
