/// A signed review of the audit trail (§11.10(e), Annex 11 §9): a person with the `audit.review`
/// permission looked at an exact, unbroken range of history and signed that they did.
///
/// Stored at `review/<shard>/AR-000001.json`, created once, never changed. Reviews cover history
/// without gaps or overlaps: the first review covers everything from the root; each later one
/// starts at the commit right after the previous review's `last`, which is that previous review's
/// own act, so review acts are themselves reviewed by the next review.
public struct AuditReview: Codable, Sendable, Equatable {
    /// `^AR-[0-9]{6,9}$`.
    public var id: String
    /// The first commit the review covers (40 hex digits).
    public var first: String
    /// The last commit the review covers: the head of `main` the review act was signed on, so
    /// always the review act's parent.
    public var last: String
    /// How many acts (commits) `first` … `last` holds, both included.
    public var acts: Int
    public var reviewedBy: String
    /// The review act's signing time.
    public var reviewedAt: String

    public init(id: String, first: String, last: String, acts: Int, reviewedBy: String, reviewedAt: String) {
        self.id = id
        self.first = first
        self.last = last
        self.acts = acts
        self.reviewedBy = reviewedBy
        self.reviewedAt = reviewedAt
    }

    /// One line naming the range, as the review act's summary shows it.
    public var summary: String {
        "Audit-trail review of \(acts) act\(acts == 1 ? "" : "s"), \(first.prefix(12))..\(last.prefix(12))"
    }
}
