import RecordRepo

/// A standard operating procedure: its title and every revision it ever had.
///
/// Stored at `sop/<shard>/SOP-0001.json`, with the body of its latest revision beside it as
/// `SOP-0001.md`. Revisions are never removed: the history of the file is the history of the SOP.
/// The lifecycle is in `SOPRevision+Lifecycle.swift` and `SOP+Lifecycle.swift`.
public struct SOP: Codable, Sendable, Equatable {
    /// `^SOP-[0-9]{4,9}$`.
    public var id: String
    /// 1 to 200 characters, no control characters.
    public var title: String
    /// Oldest first, numbered 1, 2, 3… without gaps.
    public var revisions: [SOPRevision]
    /// The user who created the SOP.
    public var createdBy: String
    /// ISO 8601 UTC, `2026-11-25T09:00:00Z`: the signing time of the creating act.
    public var createdAt: String
    /// Months between periodic reviews of this SOP; nil: the policy's `sopReviewIntervalMonths`.
    public var reviewIntervalMonths: Int?
    /// The periodic reviews of its effective revisions, oldest first; nil before the first.
    public var periodicReviews: [PeriodicReview]?

    /// A signed periodic review (§11.10(k) document control, Annex 11 §11): the effective
    /// revision is still fit for use, or a new revision is opened to revise it.
    public struct PeriodicReview: Codable, Sendable, Equatable {
        public enum Outcome: String, Codable, Sendable, CaseIterable {
            case noChange = "no-change"
            case revise
        }

        /// The effective revision reviewed.
        public var revision: Int
        public var outcome: Outcome
        public var by: String
        public var at: String
        /// The signing day in the plant's time zone, from which the next review falls due.
        public var day: String

        public init(revision: Int, outcome: Outcome, by: String, at: String, day: String) {
            self.revision = revision
            self.outcome = outcome
            self.by = by
            self.at = at
            self.day = day
        }
    }

    public init(id: String, title: String, revisions: [SOPRevision], createdBy: String, createdAt: String) {
        self.id = id
        self.title = title
        self.revisions = revisions
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// A new SOP whose revision 1 is a draft written by `author`; checks the ID and title.
    public static func draft(id: String, title: String, author: String, at time: String) throws(DocumentsError) -> SOP {
        try RecordID.validate(id, kind: .sop)
        try validateTitle(title, record: id)
        let first = SOPRevision(number: 1, status: .draft, authors: [author])
        return SOP(id: id, title: title, revisions: [first], createdBy: author, createdAt: time)
    }

    /// Checks a record title: 1 to 200 characters (Unicode code points), no control characters.
    public static func validateTitle(_ title: String, record: String) throws(DocumentsError) {
        guard (1...200).contains(title.unicodeScalars.count) else {
            throw .invalidField(record: record, field: "title", reason: "a title has 1 to 200 characters")
        }
        guard !title.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            throw .invalidField(record: record, field: "title", reason: "a title may not contain line breaks, tabs or other control characters")
        }
        if let problem = TextRules.hiddenProblem(in: title) {
            throw .invalidField(record: record, field: "title", reason: problem)
        }
    }
}

/// One revision of an SOP: who wrote it, who reviewed and approved it, and where it stands.
public struct SOPRevision: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Being written; only a draft can be edited.
        case draft
        /// Submitted; waiting for a review signature, then an approval.
        case inReview = "in-review"
        /// Approved, effective from a future `effectiveDate`.
        case approved
        /// The revision served to jobs.
        case effective
        /// A newer revision became effective. Terminal.
        case superseded
        /// Withdrawn. Terminal.
        case retired

        /// Superseded and retired revisions never change again.
        public var isTerminal: Bool { self == .superseded || self == .retired }
    }

    /// 1, 2, 3… in the order revisions were opened.
    public var number: Int
    public var status: Status
    /// Every user who wrote content of this revision, in the order they first did, each once.
    public var authors: [String]
    /// The user who signed the review; never one of the authors.
    public var reviewer: String?
    /// The user who signed the approval; never an author and never the reviewer.
    public var approver: String?
    /// `YYYY-MM-DD`, set at approval: the first day the revision is effective.
    public var effectiveDate: String?

    public init(number: Int, status: Status, authors: [String], reviewer: String? = nil,
                approver: String? = nil, effectiveDate: String? = nil) {
        self.number = number
        self.status = status
        self.authors = authors
        self.reviewer = reviewer
        self.approver = approver
        self.effectiveDate = effectiveDate
    }
}
