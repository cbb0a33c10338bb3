import Foundation

/// What makes a piece of equipment an instrument: the procedure it is calibrated by, how often,
/// the points it is tested at, and where its calibration stands. Kept on the equipment record
/// (`Equipment.instrument`): set by `instrument set`, and its state moved by each calibration.
public struct Instrument: Codable, Sendable, Equatable {
    /// How often it is calibrated.
    public struct Interval: Codable, Sendable, Equatable {
        public enum Unit: String, Codable, Sendable, CaseIterable {
            case days, months
        }

        public var every: Int
        public var unit: Unit

        public init(every: Int, unit: Unit) {
            self.every = every
            self.unit = unit
        }

        /// The day one interval after `day`.
        public func after(_ day: Day) -> Day { unit == .days ? day.adding(days: every) : day.adding(months: every) }

        public var text: String { "\(every) \(every == 1 ? String(unit.rawValue.dropLast()) : unit.rawValue)" }
    }

    /// A point the instrument is tested at: the nominal value and the tolerance around it, ± in
    /// the unit, or ± a percentage of the nominal value.
    public struct TestPoint: Codable, Sendable, Equatable {
        /// `^[a-z][a-z0-9-]{0,31}$`, e.g. `low`.
        public var name: String
        public var nominal: Double
        public var unit: String
        public var tolerance: Double
        /// True when `tolerance` is a percentage of the nominal value.
        public var percent: Bool?

        public init(name: String, nominal: Double, unit: String, tolerance: Double, percent: Bool? = nil) {
            self.name = name
            self.nominal = nominal
            self.unit = unit
            self.tolerance = tolerance
            self.percent = percent
        }

        /// The tolerance in the unit, exactly (decimal arithmetic on the values as written).
        public var band: Decimal {
            let given = Decimal.exactly(tolerance)
            return percent == true ? abs(Decimal.exactly(nominal)) * given / 100 : given
        }

        /// Whether `reading` is within the tolerance; a reading exactly at the edge passes.
        public func passes(_ reading: Double) -> Bool {
            abs(Decimal.exactly(reading) - Decimal.exactly(nominal)) <= band
        }

        /// `NAME:NOMINAL:UNIT:TOLERANCE[%]`, as `instrument set --point` takes it.
        public var text: String {
            "\(name):\(CanonicalJSON.number(nominal)):\(unit):\(CanonicalJSON.number(tolerance))\(percent == true ? "%" : "")"
        }
    }

    /// Where its calibration stands, as the calibrations left it.
    public struct State: Codable, Sendable, Equatable {
        /// The last calibration recorded.
        public var calibration: String
        /// The plant day it was recorded.
        public var calibrated: String
        /// The day the next calibration is due; nil while it is out of tolerance.
        public var nextDue: String?
        /// True when a reading left it outside a tolerance: out of tolerance until a calibration
        /// leaves every point within.
        public var outOfTolerance: Bool?

        public init(calibration: String, calibrated: String, nextDue: String?, outOfTolerance: Bool?) {
            self.calibration = calibration
            self.calibrated = calibrated
            self.nextDue = nextDue
            self.outOfTolerance = outOfTolerance
        }
    }

    /// Its calibration status on a day.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case inCalibration = "in-calibration"
        /// The next calibration falls due within the coming 30 days (or it was never calibrated).
        case due
        case overdue
        case outOfTolerance = "out-of-tolerance"
        case outOfService = "out-of-service"
    }

    /// The days before the due date from which an instrument counts as due.
    public static let dueWindow = 30

    /// The SOP it is calibrated by.
    public var procedure: String
    public var interval: Interval
    public var points: [TestPoint]
    public var state: State?

    public init(procedure: String, interval: Interval, points: [TestPoint], state: State? = nil) {
        self.procedure = procedure
        self.interval = interval
        self.points = points
        self.state = state
    }

    /// The status on `today` of an instrument on equipment whose status is `equipment`.
    public func status(on today: Day, equipment: Equipment.Status) -> Status {
        if equipment != .active { return .outOfService }
        if state?.outOfTolerance == true { return .outOfTolerance }
        guard let text = state?.nextDue, Day.exists(text) else { return .due }
        let due = Day(checked: text)
        if today > due { return .overdue }
        return today.adding(days: Self.dueWindow) >= due ? .due : .inCalibration
    }
}

extension Decimal {
    /// The decimal a JSON number means: the shortest text that reads back as the same double, so
    /// `1.1` is exactly 1.1 and tolerance edges compare as a person computes them.
    static func exactly(_ value: Double) -> Decimal {
        Decimal(string: CanonicalJSON.number(value), locale: Locale(identifier: "en_US_POSIX")) ?? Decimal(value)
    }
}
