/// The calibration of an instrument: the procedure and its revision, the reference standards used,
/// each test point's as-found and as-left readings with pass or fail computed by recrepo, the
/// result and the next due date. Recorded by the person who did it, approved by qa. Stored at
/// `cal/<shard>/CAL-000001.json`.
public struct Calibration: Codable, Sendable, Equatable {
    public enum Result: String, Codable, Sendable, CaseIterable {
        /// Every point was found within its tolerance.
        case pass
        /// A point was found outside its tolerance and left within it.
        case adjusted
        /// A point was left outside its tolerance: the instrument is out of tolerance.
        case fail
    }

    public enum Status: String, Codable, Sendable, CaseIterable {
        case recorded, approved
    }

    /// One test point as tested: the point as the instrument defined it, the readings, and
    /// whether each is within the tolerance.
    public struct Point: Codable, Sendable, Equatable {
        public var name: String
        public var nominal: Double
        public var unit: String
        /// The tolerance as the instrument gives it (`percent`: of the nominal value).
        public var tolerance: Double
        public var percent: Bool?
        public var asFound: Double
        /// Nil when the instrument was left as found.
        public var asLeft: Double?
        public var asFoundPass: Bool
        public var asLeftPass: Bool

        /// The reading the instrument was left at.
        public var left: Double { asLeft ?? asFound }

        /// The test point it was tested at.
        public var testPoint: Instrument.TestPoint {
            Instrument.TestPoint(name: name, nominal: nominal, unit: unit, tolerance: tolerance, percent: percent)
        }
    }

    /// A reference standard as it was on the day: its certificate, due date and uncertainty.
    public struct StandardUsed: Codable, Sendable, Equatable {
        public var id: String
        public var certificate: String
        public var due: String
        public var uncertainty: ReferenceStandard.Quantity

        public init(id: String, certificate: String, due: String, uncertainty: ReferenceStandard.Quantity) {
            self.id = id
            self.certificate = certificate
            self.due = due
            self.uncertainty = uncertainty
        }

        /// `standard` as it is now.
        public init(_ standard: ReferenceStandard) {
            self.init(id: standard.id, certificate: standard.certificate, due: standard.due, uncertainty: standard.uncertainty)
        }
    }

    /// `^CAL-[0-9]{6,9}$`.
    public var id: String
    public var equipment: String
    /// The job it was done under, when there was one.
    public var workOrder: String?
    /// The procedure SOP and its revision: the job's bound revision, or the effective one.
    public var procedure: String
    public var procedureRevision: Int
    /// The instrument's calibration interval in force: the next due date counts from it.
    public var interval: Instrument.Interval
    public var standards: [StandardUsed]
    public var points: [Point]
    public var result: Result
    /// The day the next calibration is due; nil when the instrument was left out of tolerance.
    public var nextDue: String?
    /// The deviation an as-found reading outside its tolerance opened.
    public var deviation: String?
    public var status: Status
    public var performedBy: String
    public var performedAt: String
    public var approvedBy: String?
    public var approvedAt: String?
    /// 1 when recorded, 2 once approved.
    public var revision: Int
}
