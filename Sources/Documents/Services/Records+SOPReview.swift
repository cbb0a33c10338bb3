import Foundation
import RecordRepo

extension Records {
    /// Signs the periodic review of `id`'s effective revision (`sop.periodic-review`): `revise`
    /// also opens the next revision as a draft in the same act. `intervalMonths` sets the SOP's
    /// own interval until the next review.
    public func periodicReview(_ id: String, outcome: SOP.PeriodicReview.Outcome, intervalMonths: Int? = nil, reason: String,
                               by session: Session) throws(DocumentsError) -> SOP {
        try RecordID.validate(id, kind: .sop, field: "SOP ID")
        return try perform(SOPKind.periodicReview, of: SOPKind.declaration, id: id,
                           input: SOPKind.PeriodicReviewRequest(outcome: outcome, intervalMonths: intervalMonths), reason: reason, by: session)
    }

    /// The SOPs whose effective revision is due for its periodic review on the plant's day today:
    /// its effective date, or its last periodic review if later, plus the SOP's interval (else the
    /// policy's `sopReviewIntervalMonths`, 24 by default), on or before today. Most overdue first.
    public func reviewDue() throws(DocumentsError) -> [SOPReviewDue] {
        let today = try today()
        let months = try policy(at: try head()).sopReviewMonths
        return try sops().compactMap { sop in
            guard let due = sop.periodicReviewDue(today: today.text, standardMonths: months), due.due <= today else { return nil }
            return SOPReviewDue(sop: sop.id, title: sop.title, revision: due.revision, since: due.since, intervalMonths: due.months,
                                due: due.due.text, daysOverdue: today.number - due.due.number)
        }.sorted { ($0.due, $0.sop) < ($1.due, $1.sop) }
    }
}

/// An SOP due for its periodic review.
public struct SOPReviewDue: Codable, Sendable, Equatable {
    public var sop: String
    public var title: String
    /// The effective revision to review.
    public var revision: Int
    /// Its effective date, or its last periodic review if later.
    public var since: String
    public var intervalMonths: Int
    public var due: String
    /// Days past the due date (0: due today).
    public var daysOverdue: Int
}
