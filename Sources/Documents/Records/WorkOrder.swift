/// A job done on one piece of equipment by following one SOP. Stored at `wo/<shard>/WO-000001.json`.
///
/// At start the job is bound to the SOP revision that was effective then (`boundSOP`): the
/// technician works from that revision and signs its checklist steps one by one, in order.
/// The lifecycle is in `WorkOrder+Lifecycle.swift`.
public struct WorkOrder: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case open
        case inProgress = "in-progress"
        case completed
        case reviewed
        /// Terminal.
        case closed
        /// Terminal.
        case cancelled
    }

    /// Why the job exists.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// From a preventive maintenance plan.
        case preventive
        /// To put something right (the kind of a job recorded before kinds existed).
        case corrective
        /// The calibration of an instrument.
        case calibration
    }

    public enum Priority: String, Codable, Sendable, CaseIterable {
        case low, normal, high, urgent
    }

    /// Time someone worked on the job.
    public struct Labour: Codable, Sendable, Equatable {
        public var user: String
        public var hours: Double
        /// Who recorded it, when (the signing).
        public var by: String
        public var at: String

        public init(user: String, hours: Double, by: String, at: String) {
            self.user = user
            self.hours = hours
            self.by = by
            self.at = at
        }
    }

    /// A part used on the job.
    public struct Part: Codable, Sendable, Equatable {
        public var number: String
        public var description: String
        public var quantity: Double
        /// The lot or serial number.
        public var lot: String?
        public var by: String
        public var at: String

        public init(number: String, description: String, quantity: Double, lot: String?, by: String, at: String) {
            self.number = number
            self.description = description
            self.quantity = quantity
            self.lot = lot
            self.by = by
            self.at = at
        }
    }

    /// The SOP revision a job was executed against.
    public struct BoundSOP: Codable, Sendable, Equatable {
        /// The SOP ID.
        public var id: String
        public var revision: Int
        /// The 40 hex digits of the act that approved that revision: what its signature covers.
        public var commit: String

        public init(id: String, revision: Int, commit: String) {
            self.id = id
            self.revision = revision
            self.commit = commit
        }
    }

    /// One checklist step of the bound SOP revision and its execution signature.
    public struct Step: Codable, Sendable, Equatable {
        /// 1, 2, 3… in document order.
        public var number: Int
        public var text: String
        public var signedBy: String?
        public var signedAt: String?
        public var note: String?
        /// The reading the step asks for (from the checklist's `reading:` span); nil: none, as in
        /// every job started before readings existed.
        public var reading: Reading?
        /// The value read, in the reading's unit.
        public var value: Double?
        /// True when `value` is outside the reading's limits: the job is not completed until a
        /// supervisor's disposition accepts it (see `needsDisposition`).
        public var outOfLimits: Bool?
        /// How the step was done other than as written.
        public var deviation: String?
        /// The deviation record opened with the step's signature, in the same act, and its class;
        /// nil on steps signed before deviations were records.
        public var deviationID: String?
        public var deviationClass: Deviation.Classification?
        /// True when the step did not apply; `justification` says why.
        public var notApplicable: Bool?
        public var justification: String?
        /// Supervisors' decisions on an out-of-limits value, oldest first.
        public var dispositions: [Disposition]?
        /// Corrections of the signed entry, oldest first, each keeping what it replaced.
        public var corrections: [Correction]?

        public init(number: Int, text: String, signedBy: String? = nil, signedAt: String? = nil, note: String? = nil,
                    reading: Reading? = nil) {
            self.number = number
            self.text = text
            self.signedBy = signedBy
            self.signedAt = signedAt
            self.note = note
            self.reading = reading
        }
    }

    /// `^WO-[0-9]{6,9}$`.
    public var id: String
    public var title: String
    /// The SOP ID to follow.
    public var sop: String
    /// The equipment ID.
    public var equipment: String
    /// The user who does the job; set by whoever starts it when nobody was assigned.
    public var assignee: String?
    public var status: Status
    public var createdBy: String
    public var createdAt: String
    /// Set at start.
    public var boundSOP: BoundSOP?
    /// Set at start from the bound SOP revision's checklist.
    public var steps: [Step]
    public var startedAt: String?
    public var completedBy: String?
    public var completedAt: String?
    public var reviewedBy: String?
    public var reviewedAt: String?
    public var closedBy: String?
    public var closedAt: String?
    public var cancelledBy: String?
    public var cancelledAt: String?
    /// 1 at creation, +1 per act.
    public var revision: Int
    /// True for the repair that returns out-of-service equipment to service.
    public var repair: Bool?
    /// Nil in jobs recorded before kinds existed.
    public var type: Kind?
    public var priority: Priority?
    /// The day it is due, `YYYY-MM-DD` in the plant's time zone.
    public var due: String?
    public var labour: [Labour]?
    public var parts: [Part]?
    /// A job a plan assigned to everyone holding a role (`assignee` is then nil until someone starts it).
    public var assigneeRole: Role?
    /// Set on a job generated by a PM plan.
    public var occurrence: Occurrence?
    /// The maintenance request a corrective job was accepted from.
    public var request: String?
    /// Photos, PDFs, instrument printouts: each stored beside the record, named by its digest.
    public var attachments: [Attachment]?

    /// A file attached to the job: kept byte for byte beside the record (`Attachment.path`).
    public struct Attachment: Codable, Sendable, Equatable {
        /// The file's name as it was attached.
        public var name: String
        /// SHA-256 of its bytes, 64 lowercase hex digits.
        public var sha256: String
        public var size: Int
        public var by: String
        public var at: String

        public init(name: String, sha256: String, size: Int, by: String, at: String) {
            self.name = name
            self.sha256 = sha256
            self.size = size
            self.by = by
            self.at = at
        }

        /// Where the bytes of `sha256` attached to job `order` are stored: beside its JSON, named
        /// by the job and the first 32 hex digits of the digest (`wo/0000/00/WO-000001.3a7bd3…`).
        public static func path(order: String, sha256: String) throws(DocumentsError) -> String {
            try path(kind: .workOrder, id: order, sha256: sha256)
        }

        /// The same, beside the record `id` of any kind that takes attachments.
        public static func path(kind: RecordKind, id: String, sha256: String) throws(DocumentsError) -> String {
            let json = try RecordID.path(kind: kind, id: id)
            return String(json.dropLast(".json".count)) + "." + sha256.prefix(32)
        }
    }

    /// Which occurrence of which plan a generated job is, and its window in whole days of the
    /// plant's time zone: it opens at the start of `opens` and ends at the end of `closes`.
    public struct Occurrence: Codable, Sendable, Equatable {
        public var plan: String
        /// 1, 2, 3… per plan.
        public var number: Int
        public var due: String
        public var opens: String
        public var closes: String
        /// When the occurrence after it falls due: not completed by then, it is missed.
        public var nextDue: String
        /// Meter and condition plans: the reading that triggered it.
        public var reading: Double?
        public var readingAt: String?
        /// The day the job was completed, in the plant's time zone (set by `wo complete`).
        public var completed: String?

        public init(plan: String, number: Int, due: String, opens: String, closes: String, nextDue: String,
                    reading: Double? = nil, readingAt: String? = nil) {
            self.plan = plan
            self.number = number
            self.due = due
            self.opens = opens
            self.closes = closes
            self.nextDue = nextDue
            self.reading = reading
            self.readingAt = readingAt
        }
    }

    /// A new, open work order (revision 1); later fields are set by the lifecycle.
    public init(id: String, title: String, sop: String, equipment: String, assignee: String? = nil,
                createdBy: String, createdAt: String) {
        self.id = id
        self.title = title
        self.sop = sop
        self.equipment = equipment
        self.assignee = assignee
        self.status = .open
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.steps = []
        self.revision = 1
    }
}
