/// A departure from an approved procedure or specification, classified, investigated for its root
/// cause, assessed for product impact, approved by QA and closed by QA, never by the person who
/// opened it. Stored at `dev/<shard>/DEV-000001.json`.
///
/// States (see `DeviationKind`): open → investigated → assessed → approved → closed. Before
/// approval the investigation may be signed again (the record returns to investigated: the
/// assessment must then be signed again too) and the assessment may be signed again.
public struct Deviation: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case open, investigated, assessed, approved, closed
    }

    /// How serious it is; the policy gives each class its days to close.
    public enum Classification: String, Codable, Sendable, CaseIterable {
        case minor, major, critical
    }

    /// A signed statement (root cause or impact) with its signer and time.
    public struct Finding: Codable, Sendable, Equatable {
        public var text: String
        public var by: String
        public var at: String

        public init(text: String, by: String, at: String) {
            self.text = text
            self.by = by
            self.at = at
        }
    }

    /// `^DEV-[0-9]{6,9}$`.
    public var id: String
    public var title: String
    /// What happened, in the opener's words.
    public var description: String
    public var classification: Classification
    public var status: Status
    public var equipment: String?
    /// The job during which it happened, and its step when a step was signed with it.
    public var workOrder: String?
    public var step: Int?
    /// The calibration whose as-found reading was out of tolerance.
    public var calibration: String?
    /// The procedure departed from.
    public var sop: String?
    public var openedBy: String
    public var openedAt: String
    /// The plant's day it was opened, from which its age and due day count.
    public var openedOn: String
    /// Days to close it, from the policy in force when it was opened.
    public var closeWithinDays: Int
    public var investigation: Finding?
    /// The product impact assessment.
    public var assessment: Finding?
    public var approvedBy: String?
    public var approvedAt: String?
    public var closedBy: String?
    public var closedAt: String?
    /// CAPAs opened from it, oldest first.
    public var capas: [String]?
    public var revision: Int

    public init(id: String, title: String, description: String, classification: Classification, links: Links,
                openedBy: String, openedAt: String, openedOn: String, closeWithinDays: Int) {
        self.id = id
        self.title = title
        self.description = description
        self.classification = classification
        self.status = .open
        self.equipment = links.equipment
        self.workOrder = links.workOrder
        self.step = links.step
        self.calibration = links.calibration
        self.sop = links.sop
        self.openedBy = openedBy
        self.openedAt = openedAt
        self.openedOn = openedOn
        self.closeWithinDays = closeWithinDays
        self.revision = 1
    }

    /// The records a deviation names.
    public struct Links: Sendable, Equatable {
        public var equipment: String?
        public var workOrder: String?
        public var step: Int?
        public var calibration: String?
        public var sop: String?

        public init(equipment: String? = nil, workOrder: String? = nil, step: Int? = nil, calibration: String? = nil, sop: String? = nil) {
            self.equipment = equipment
            self.workOrder = workOrder
            self.step = step
            self.calibration = calibration
            self.sop = sop
        }
    }

    public var links: Links { Links(equipment: equipment, workOrder: workOrder, step: step, calibration: calibration, sop: sop) }

    /// The plant day it was opened (the schema makes `openedOn` a day).
    var openedDay: Day { (try? Day(parsing: openedOn, field: "openedOn", record: id)) ?? Day(number: 0) }

    /// The plant day by which it must be closed.
    public var due: Day { openedDay.adding(days: closeWithinDays) }

    /// True until it is closed.
    public var isOpen: Bool { status != .closed }

    /// Whole days from the day it was opened to `today`.
    public func age(on today: Day) -> Int { today.number - openedDay.number }

    /// True when it is still open after its due day.
    public func isOverdue(on today: Day) -> Bool { isOpen && today > due }
}
