import Foundation
import RecordRepo

extension Records {
    /// Signs a review of the audit trail (§11.10(e), Annex 11 §9) as an act with the meaning
    /// audit-review, creating `AR-000001`, `AR-000002`, ….
    ///
    /// The review covers every act not covered yet: from the root (first review) or from the
    /// previous review's own act, up to the head of `main` the review is signed on, which becomes
    /// its `last` and its act's parent. If `main` moves before the review lands, the range is read
    /// again and the review signed again on the new head, so it never claims a range it did not
    /// name. Refused with `nothingToReview` when no act was signed since the last review.
    public func reviewAuditTrail(reason: String, by session: Session) throws(DocumentsError) -> AuditReview {
        try withNewID(.review) { (id, basedOn) throws(DocumentsError) in
            let context = HeadContext(records: self, commit: basedOn, policy: try policy(at: basedOn))
            return try perform(AuditReviewKind.sign, of: AuditReviewKind.declaration, id: id,
                               input: try AuditReviewKind.unreviewed(id, in: context), reason: reason, by: session, basedOn: basedOn)
        }
    }

    /// Where the audit-trail review stands: the last review, how many acts were signed after it,
    /// and whether a review is overdue under the policy's `auditReviewIntervalDays`.
    public func auditStatus() throws(DocumentsError) -> AuditStatus {
        guard let head = try head() else { return AuditStatus(lastReview: nil, unreviewed: 0, overdue: false) }
        let scan = try reviewScan(from: head)
        let interval = try policy().auditReviewIntervalDays
        var last: AuditStatus.LastReview?
        if let review = scan.lastReview {
            guard let stored = try record(AuditReview.self, kind: .review, id: review.record, at: review.commit) else {
                throw .notFound(record: review.record)
            }
            last = .init(commit: review.commit.hex, time: Timestamp.iso(review.time), signer: review.signer, through: stored.last)
        }
        let since = scan.lastReview?.time ?? scan.root?.time ?? now
        return AuditStatus(lastReview: last, unreviewed: scan.unreviewed, overdue: AuditStatus.isOverdue(since: since, now: now, intervalDays: interval))
    }

    /// The last review act at or before `head`, and how many acts follow it (all acts when there
    /// is none, and then the root). One commit read per act after the last review.
    func reviewScan(from head: ObjectID) throws(DocumentsError) -> (lastReview: ActInfo?, unreviewed: Int, root: ActInfo?) {
        var count = 0
        var review: ActInfo?, oldest: ActInfo?
        do {
            try ledger.walkBack(from: head) { act in
                if AuditReviewKind.isReview(act) { review = act; return false }
                count += 1
                oldest = act
                return true
            }
        } catch { throw .ledger(error) }
        return (review, count, review == nil ? oldest : nil)
    }

}
