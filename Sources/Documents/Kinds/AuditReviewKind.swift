import Foundation
import RecordRepo

/// The audit-trail review's one event: a person the policy lets review signs that they reviewed
/// exactly the acts not reviewed before, from the previous review's own act (or the root) to the
/// commit the review is signed on.
public enum AuditReviewKind {
    /// The range a review covers.
    public struct Range: Sendable, Equatable {
        public var id: String
        public var first: String
        public var last: String
        public var acts: Int
    }

    /// The range not reviewed yet as of the context's base, for review `id`; refused when nothing
    /// was signed since the previous review.
    static func unreviewed(_ id: String, in context: any RecordContext) throws(DocumentsError) -> Range {
        guard let base = context.base else { throw .nothingToReview(review: "none; the repository is empty") }
        var count = 0
        var first: ActInfo?, previous: ActInfo?
        context.walkBack { visited in
            count += 1
            first = visited
            if isReview(visited) {
                previous = visited
                return false
            }
            return true
        }
        guard let first, previous != nil || first.parent == nil else {
            throw .notFound(record: "the history before \(id) back to the previous review or the root")
        }
        if let previous, count == 1 { throw .nothingToReview(review: previous.record) }
        return Range(id: id, first: first.commit.hex, last: base.hex, acts: count)
    }

    /// True for the act of an audit-trail review: meaning audit-review on a review record.
    static func isReview(_ act: ActInfo) -> Bool {
        act.meaning == .auditReview && (try? RecordID.validate(act.record, kind: .review)) != nil
    }

    public static let sign = RecordEvent<AuditReview, Range>(
        "sign", meaning: .auditReview, permission: .auditReview, action: "sign an audit-trail review", creates: true,
        pinned: true,
        summary: { _, _, review in review.summary },
        input: { _, written, _ in Range(id: written.id, first: written.first, last: written.last, acts: written.acts) },
        check: { _, range, context, _ throws(DocumentsError) in
            let expected = try unreviewed(range.id, in: context)
            guard range == expected else {
                throw .invalidField(record: range.id, field: "range", reason: "it claims \(range.acts) acts \(range.first.prefix(12))"
                    + "..\(range.last.prefix(12)), but the unreviewed range is \(expected.acts) acts "
                    + "\(expected.first.prefix(12))..\(expected.last.prefix(12))")
            }
        },
        apply: { _, range, signing in
            AuditReview(id: range.id, first: range.first, last: range.last, acts: range.acts, reviewedBy: signing.user,
                        reviewedAt: signing.time)
        })

    public static let declaration = KindDeclaration<AuditReview>(kind: .review, events: [sign.replayable], revision: { _ in 1 })
}
