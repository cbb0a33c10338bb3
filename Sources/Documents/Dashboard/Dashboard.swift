/// What QA opens every morning: the figures an investigator asks for on the first day, each with
/// the records behind it, computed at one commit so that the same command on a clone at that
/// commit gives the same figures.
public struct Dashboard: Sendable, Equatable, Codable {
    /// PM compliance over the range, by the maintenance rules (`OccurrenceClass`).
    public struct PM: Sendable, Equatable, Codable {
        public var onTime = 0, late = 0, missed = 0, overdue = 0, open = 0
        /// On time over decided (on time, late, missed); nil before anything is decided.
        public var rate: Double?
        /// The jobs of the occurrences not on time (late, missed, overdue).
        public var records: [String] = []
        /// The same figures month by month (due dates), oldest first.
        public var months: [Month] = []

        public init() {}

        enum CodingKeys: String, CodingKey { case onTime, late, missed, overdue, open, rate, records, months }

        /// `rate` is `null` before anything is decided, rather than left out.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            for (key, value) in [(CodingKeys.onTime, onTime), (.late, late), (.missed, missed), (.overdue, overdue), (.open, open)] {
                try container.encode(value, forKey: key)
            }
            try container.encode(rate, forKey: .rate)
            try container.encode(records, forKey: .records)
            try container.encode(months, forKey: .months)
        }
    }

    /// One month of PM compliance.
    public struct Month: Sendable, Equatable, Codable {
        /// `YYYY-MM`.
        public var month: String
        public var onTime: Int, late: Int, missed: Int, overdue: Int
        public var rate: Double?

        public init(month: String, onTime: Int, late: Int, missed: Int, overdue: Int) {
            self.month = month
            self.onTime = onTime
            self.late = late
            self.missed = missed
            self.overdue = overdue
            rate = ComplianceReport.rate(onTime: onTime, late: late, missed: missed)
        }
    }

    /// Counts in bands of age in days: 0-7, 8-30, 31-90, over 90.
    public struct Ages: Sendable, Equatable, Codable {
        public var week = 0, month = 0, quarter = 0, older = 0

        public init() {}

        public mutating func add(days: Int) {
            switch days {
            case ..<8: week += 1
            case ..<31: month += 1
            case ..<91: quarter += 1
            default: older += 1
            }
        }

        public static let labels = ["0-7 days", "8-30 days", "31-90 days", "over 90 days"]
        public var values: [Int] { [week, month, quarter, older] }
    }

    /// Jobs still to do: open or in progress.
    public struct WorkOrders: Sendable, Equatable, Codable {
        public var open = 0
        /// Past their due date and not completed.
        public var overdue = 0
        public var byAge = Ages()
        public var records: [String] = []
        public var overdueRecords: [String] = []

        public init() {}
    }

    public struct Calibration: Sendable, Equatable, Codable {
        /// In calibration today and due within 30 days, or never calibrated.
        public var dueIn30Days = 0
        public var overdue = 0
        public var outOfTolerance = 0
        public var outOfService = 0
        public var inCalibration = 0
        public var dueRecords: [String] = []
        public var overdueRecords: [String] = []
        public var outOfToleranceRecords: [String] = []

        public init() {}
    }

    public struct Deviations: Sendable, Equatable, Codable {
        public var open = 0
        public var byClass: [String: Int] = [:]
        public var byAge = Ages()
        /// Open past the due date their classification gives.
        public var overdue = 0
        public var records: [String] = []

        public init() {}
    }

    public struct CAPA: Sendable, Equatable, Codable {
        public var open = 0
        /// Actions not implemented by their due date.
        public var overdueActions = 0
        public var records: [String] = []

        public init() {}
    }

    public struct Training: Sendable, Equatable, Codable {
        /// People who need training on an SOP revision now in force.
        public var due = 0
        /// `USER: SOP-ID revision N`.
        public var records: [String] = []

        public init() {}
    }

    public struct AuditReview: Sendable, Equatable, Codable {
        public var overdue: Bool
        /// The last review's signing time, nil before the first.
        public var last: String?
        public var unreviewedActs: Int

        public init(overdue: Bool, last: String?, unreviewedActs: Int) {
            self.overdue = overdue
            self.last = last
            self.unreviewedActs = unreviewedActs
        }

        enum CodingKeys: String, CodingKey { case overdue, last, unreviewedActs }

        /// `last` is `null` before the first review, rather than left out.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(overdue, forKey: .overdue)
            try container.encode(last, forKey: .last)
            try container.encode(unreviewedActs, forKey: .unreviewedActs)
        }
    }

    public struct Alerts: Sendable, Equatable, Codable {
        public var unacknowledged = 0
        public var records: [String] = []

        public init() {}
    }

    public struct Drill: Sendable, Equatable, Codable {
        public var id: String?
        public var result: String?
        public var time: String?

        public init(id: String?, result: String?, time: String?) {
            self.id = id
            self.result = result
            self.time = time
        }

        enum CodingKeys: String, CodingKey { case id, result, time }

        /// Each key is `null` before the first drill, rather than left out.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(result, forKey: .result)
            try container.encode(time, forKey: .time)
        }
    }

    /// The commit the figures were computed at (40 hex digits), and the plant's day.
    public var commit: String
    public var today: String
    public var filter: DashboardFilter
    public var pm = PM()
    public var workOrders = WorkOrders()
    public var calibration = Calibration()
    public var deviations = Deviations()
    public var capa = CAPA()
    public var training = Training()
    public var sopReviewsDue = 0
    public var sopReviewRecords: [String] = []
    public var auditReview: AuditReview
    public var alerts = Alerts()
    public var lastDrill: Drill

    public init(commit: String, today: String, filter: DashboardFilter, auditReview: AuditReview, lastDrill: Drill) {
        self.commit = commit
        self.today = today
        self.filter = filter
        self.auditReview = auditReview
        self.lastDrill = lastDrill
    }
}

/// What a dashboard is narrowed to. Every value must name something that exists.
public struct DashboardFilter: Sendable, Equatable, Codable {
    /// PM compliance over occurrences due in this range (both days included).
    public var from: String?
    public var to: String?
    /// One piece of equipment.
    public var equipment: String?
    /// A system and everything installed in it, at any depth.
    public var area: String?
    public var department: String?
    /// Jobs assigned to this person (or to a role they hold), and their training.
    public var user: String?

    public init(from: String? = nil, to: String? = nil, equipment: String? = nil, area: String? = nil, department: String? = nil,
                user: String? = nil) {
        self.from = from
        self.to = to
        self.equipment = equipment
        self.area = area
        self.department = department
        self.user = user
    }
}
