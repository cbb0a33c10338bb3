import Foundation
import RecordRepo

extension SOPKind {
    /// What the periodic reviewer decides: the effective revision stays as it is, or a new
    /// revision is opened as a draft (in the same act); and, optionally, the SOP's own interval
    /// until the next review.
    public struct PeriodicReviewRequest: Sendable, Equatable {
        public var outcome: SOP.PeriodicReview.Outcome
        /// Months until the next review from now on; nil: as it was.
        public var intervalMonths: Int?

        public init(outcome: SOP.PeriodicReview.Outcome, intervalMonths: Int? = nil) {
            self.outcome = outcome
            self.intervalMonths = intervalMonths
        }
    }

    /// The months an SOP's own review interval may be.
    public static let reviewIntervalRange = 1...120

    /// The signed periodic review of the effective revision (qa by the standard policy). `revise`
    /// also opens the next revision as a draft, as `sop revise` does, with the current text; the
    /// reviewer is its first author, so another qa approves it.
    public static let periodicReview = RecordEvent<SOP, PeriodicReviewRequest>(
        "periodic-review", meaning: .review, permission: .sopPeriodicReview, action: "sign periodic reviews of SOPs",
        summary: { id, request, sop in
            let reviewed = sop.periodicReviews?.last?.revision ?? 1
            return request.outcome == .revise
                ? "Periodic review of \(id) revision \(reviewed): revise; revision \(sop.latest?.number ?? 1) opened"
                : "Periodic review of \(id) revision \(reviewed): no change"
        },
        input: { before, written, _ in
            guard let review = written.periodicReviews?.last,
                  written.periodicReviews?.count == (before?.periodicReviews?.count ?? 0) + 1 else { return nil }
            let interval = written.reviewIntervalMonths == before?.reviewIntervalMonths ? nil : written.reviewIntervalMonths
            return PeriodicReviewRequest(outcome: review.outcome, intervalMonths: interval)
        },
        check: { before, request, _, signing throws(DocumentsError) in
            guard let sop = before else { throw .notFound(record: "the SOP") }
            guard !sop.isRetired else {
                throw .invalidTransition(record: sop.id, from: "retired", event: "periodic-review", reason: "a retired SOP is not reviewed")
            }
            guard sop.effectiveRevision(today: signing.day) != nil else {
                throw .invalidTransition(record: sop.id, from: sop.latest?.status.rawValue ?? "empty", event: "periodic-review",
                                         reason: "it has no effective revision to review")
            }
            if let months = request.intervalMonths, !reviewIntervalRange.contains(months) {
                throw .invalidField(record: sop.id, field: "review interval",
                                    reason: "\(months) is not a whole number of months from 1 to \(reviewIntervalRange.upperBound)")
            }
            if request.outcome == .revise, let latest = sop.latest, latest.status == .draft || latest.status == .inReview {
                throw .invalidTransition(record: sop.name(of: latest), from: latest.status.rawValue, event: "periodic-review",
                                         reason: "a revision is already open; review with --no-change, or finish or reject that revision first")
            }
        },
        apply: { before, request, signing throws(DocumentsError) in
            try settled(before, signing) { (sop: inout SOP) throws(DocumentsError) in
                guard let effective = sop.effectiveRevision(today: signing.day) else {
                    throw .invalidTransition(record: sop.id, from: "none effective", event: "periodic-review",
                                             reason: "it has no effective revision to review")
                }
                sop.periodicReviews = (sop.periodicReviews ?? [])
                    + [SOP.PeriodicReview(revision: effective.number, outcome: request.outcome, by: signing.user, at: signing.time,
                                          day: signing.day)]
                if let months = request.intervalMonths { sop.reviewIntervalMonths = months }
                if request.outcome == .revise { try sop.revise(by: signing.user) }
            }
        })
}

extension SOP {
    /// When the effective revision on `today` falls due for its periodic review: its effective
    /// date, or its last periodic review if later, plus the SOP's interval (else `standardMonths`).
    /// Nil for an SOP with no effective revision (new, or retired).
    public func periodicReviewDue(today: String, standardMonths: Int) -> (revision: Int, since: String, due: Day, months: Int)? {
        guard !isRetired, let effective = effectiveRevision(today: today) else { return nil }
        let approved = effective.effectiveDate ?? String(createdAt.prefix(10))
        let reviewed = periodicReviews?.filter { $0.revision == effective.number }.map(\.day).max()
        let since = max(approved, reviewed ?? approved)
        let months = reviewIntervalMonths ?? standardMonths
        guard Day.exists(since) else { return nil }
        return (effective.number, since, Day(checked: since).adding(months: months), months)
    }
}
