/// A preventive maintenance plan: a controlled record. A supervisor drafts it; it generates
/// nothing until qa (not its drafter) approves it; it changes only by a new revision that is
/// approved in turn (the approved definition stays in force meanwhile); it is retired with a
/// reason. Stored at `pm/<shard>/PM-0001.json`.
public struct PMPlan: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Not yet approved: it generates nothing.
        case draft
        /// In force: `definition` generates work.
        case approved
        /// For good: it generates nothing more.
        case retired
    }

    /// When work falls due.
    public struct Trigger: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable, CaseIterable {
            /// Every N days, weeks or months from an anchor date, fixed or floating.
            case calendar
            /// Every N units of a counter meter.
            case meter
            /// A reading above or below a threshold: one job per crossing.
            case condition
        }

        public enum Unit: String, Codable, Sendable, CaseIterable {
            case days, weeks, months
        }

        public var kind: Kind
        /// Calendar: the interval and its unit, the first due date, and whether the next due date
        /// counts from the last completion (floating) rather than the anchor (fixed).
        public var every: Int?
        public var unit: Unit?
        public var from: String?
        public var floating: Bool?
        /// Meter and condition: the meter's name.
        public var meter: String?
        /// Meter: the units between two jobs.
        public var everyUnits: Double?
        /// Condition: the threshold a reading crosses (exactly one of them).
        public var above: Double?
        public var below: Double?
        /// Meter and condition: days from the triggering reading to the due date.
        public var responseDays: Int?

        public init(kind: Kind, every: Int? = nil, unit: Unit? = nil, from: String? = nil, floating: Bool? = nil,
                    meter: String? = nil, everyUnits: Double? = nil, above: Double? = nil, below: Double? = nil,
                    responseDays: Int? = nil) {
            self.kind = kind
            self.every = every
            self.unit = unit
            self.from = from
            self.floating = floating
            self.meter = meter
            self.everyUnits = everyUnits
            self.above = above
            self.below = below
            self.responseDays = responseDays
        }
    }

    /// What a revision of the plan says.
    public struct Definition: Codable, Sendable, Equatable {
        public var title: String
        public var equipment: String
        public var sop: String
        /// One user, or everyone holding a role.
        public var assignee: String?
        public var assigneeRole: Role?
        public var trigger: Trigger
        /// Whole days of the plant's time zone before the due date that the window opens (calendar).
        public var graceBefore: Int
        /// Whole days after the due date that the window stays open.
        public var graceAfter: Int

        public init(title: String, equipment: String, sop: String, assignee: String? = nil, assigneeRole: Role? = nil,
                    trigger: Trigger, graceBefore: Int = 0, graceAfter: Int = 0) {
            self.title = title
            self.equipment = equipment
            self.sop = sop
            self.assignee = assignee
            self.assigneeRole = assigneeRole
            self.trigger = trigger
            self.graceBefore = graceBefore
            self.graceAfter = graceAfter
        }
    }

    /// `^PM-[0-9]{4,9}$`.
    public var id: String
    public var status: Status
    /// The definition in force once approved (before the first approval, the draft).
    public var definition: Definition
    /// A revision awaiting approval while `definition` stays in force.
    public var pending: Definition?
    /// Who drafted the revision awaiting approval (`definition` before the first approval, else `pending`).
    public var draftedBy: String
    public var draftedAt: String
    /// How many revisions have been approved (0 while a draft).
    public var approvedRevisions: Int
    public var approvedBy: String?
    public var approvedAt: String?
    /// Meter plans: the meter's latest reading when the revision in force was approved; it counts from there.
    public var meterBase: Double?
    public var retiredBy: String?
    public var retiredAt: String?
    /// What generation has done so far; nil until the plan first generates anything.
    public var schedule: Schedule?
    /// 1 at creation, +1 per act of a person (generation advances `schedule` only).
    public var revision: Int

    /// What generation has done so far: written by the system with each job it generates, in the
    /// same act, so that no occurrence is ever generated twice.
    public struct Schedule: Codable, Sendable, Equatable {
        /// Occurrences generated so far; the next is numbered one more.
        public var generated: Int
        /// The job of the last occurrence, and its due date.
        public var lastOrder: String?
        public var lastDue: String?
        /// Meter plans: the reading the next occurrence counts from, once one was generated
        /// (before that, and after each approval, `meterBase`).
        public var base: Double?
        /// Condition plans: false from a crossing until a reading back inside the threshold.
        public var armed: Bool?
        /// Condition plans: the time of the reading that last triggered or re-armed the plan.
        public var readingAt: String?

        public init(generated: Int = 0) { self.generated = generated }
    }

    public init(id: String, definition: Definition, draftedBy: String, draftedAt: String) {
        self.id = id
        self.status = .draft
        self.definition = definition
        self.draftedBy = draftedBy
        self.draftedAt = draftedAt
        self.approvedRevisions = 0
        self.revision = 1
    }

    /// The revision a person must approve: the pending one, or the first draft.
    public var awaitingApproval: Definition? {
        switch status {
        case .draft: definition
        case .approved: pending
        case .retired: nil
        }
    }
}
