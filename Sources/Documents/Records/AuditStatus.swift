import Foundation

/// Where the review of the audit trail stands (`recrepo audit status`).
///
/// `unreviewed` counts the acts signed after the last review's own act: the review act is the
/// record of the review, so it does not count as unreviewed, although the next review's range
/// starts with it (ranges have no gaps). Before any review every act counts.
public struct AuditStatus: Codable, Sendable, Equatable {
    /// The last audit-trail review: its act's commit, signing time and signer, and the last
    /// commit it covers.
    public struct LastReview: Codable, Sendable, Equatable {
        public let commit: String
        /// ISO 8601 UTC.
        public let time: String
        public let signer: String
        /// The last commit the review covers (its `last`).
        public let through: String

        public init(commit: String, time: String, signer: String, through: String) {
            self.commit = commit
            self.time = time
            self.signer = signer
            self.through = through
        }
    }

    /// nil when the audit trail was never reviewed.
    public let lastReview: LastReview?
    public let unreviewed: Int
    /// True when the last review (or, without one, the repository's first act) is older than the
    /// policy's `auditReviewIntervalDays`.
    public let overdue: Bool

    public init(lastReview: LastReview?, unreviewed: Int, overdue: Bool) {
        self.lastReview = lastReview
        self.unreviewed = unreviewed
        self.overdue = overdue
    }

    /// Whether a review is overdue at `now` when the last one (or, without one, the repository's
    /// first act) was at `since`, under a review interval of `intervalDays`.
    public static func isOverdue(since: Date, now: Date, intervalDays: Int) -> Bool {
        now.timeIntervalSince(since) > TimeInterval(intervalDays) * 86_400
    }

    enum CodingKeys: String, CodingKey { case lastReview, unreviewed, overdue }

    /// Encodes `lastReview` as `null` when there is none, rather than leaving the key out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lastReview, forKey: .lastReview)
        try container.encode(unreviewed, forKey: .unreviewed)
        try container.encode(overdue, forKey: .overdue)
    }
}
